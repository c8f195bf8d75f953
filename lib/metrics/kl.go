package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// ANCHOR: kl_discrete

// KLDiscrete returns the Kullback–Leibler divergence of q from p, in nats,
// for two distributions over the same K outcomes:
//
//	KL(p ‖ q) = Σ_i p_i ln(p_i / q_i)
//
// It is nonnegative, zero only when p = q, and not symmetric: it weighs
// the log ratio by p, so it punishes q for missing mass where p has it,
// and is +Inf when some q_i = 0 < p_i. Terms with p_i = 0 contribute 0
// (0·ln 0 = 0, the limit). Both slices must have the same length, nonnegative
// entries and sums of 1 within 1e-6.
func KLDiscrete(p, q []float64) (float64, error) {
	if len(p) != len(q) {
		return 0, fmt.Errorf("metrics: KLDiscrete: p has %d outcomes but q has %d", len(p), len(q))
	}
	if err := checkKLInput("p", p); err != nil {
		return 0, err
	}
	if err := checkKLInput("q", q); err != nil {
		return 0, err
	}
	var kl float64
	for i, pi := range p {
		switch {
		case pi == 0:
		case q[i] == 0:
			return math.Inf(1), nil
		default:
			kl += pi * (math.Log(pi) - math.Log(q[i]))
		}
	}
	// A sum of terms of both signs can land a hair below its true value 0.
	return math.Max(kl, 0), nil
}

// ANCHOR_END: kl_discrete

// checkKLInput reports a slice that is not a probability vector.
func checkKLInput(name string, p []float64) error {
	if len(p) == 0 {
		return fmt.Errorf("metrics: KLDiscrete: %s is empty", name)
	}
	var sum float64
	for i, v := range p {
		if !(v >= 0) || math.IsInf(v, 1) {
			return fmt.Errorf("metrics: KLDiscrete: %s[%d] = %v is not a probability", name, i, v)
		}
		sum += v
	}
	if math.Abs(sum-1) > 1e-6 {
		return fmt.Errorf("metrics: KLDiscrete: %s sums to %v, not 1", name, sum)
	}
	return nil
}

// KLGaussian returns KL(a ‖ b) in nats for multivariate normals
// a = N(μa, Σa) and b = N(μb, Σb) in d dimensions, in closed form:
//
//	KL = ½ [ tr(Σb⁻¹ Σa) + (μb - μa)ᵀ Σb⁻¹ (μb - μa) - d + ln(det Σb / det Σa) ]
//
// Σb must be positive definite (its Cholesky factor does the solves and
// the log determinant); otherwise KLGaussian returns an error. A singular
// but positive semidefinite Σa puts all of a on a subspace that b gives
// probability 0, and the divergence is +Inf; a Σa with a clearly negative
// eigenvalue is an error.
func KLGaussian(a, b Gaussian) (float64, error) {
	if err := a.check("KLGaussian"); err != nil {
		return 0, err
	}
	if err := b.check("KLGaussian"); err != nil {
		return 0, err
	}
	d := a.Dim()
	if b.Dim() != d {
		return 0, fmt.Errorf("metrics: KLGaussian: the Gaussians have dimensions %d and %d", d, b.Dim())
	}
	var cb mat.Cholesky
	if !cb.Factorize(b.Cov) {
		return 0, fmt.Errorf("metrics: KLGaussian: the covariance of b (%d×%d) is not positive definite", d, d)
	}
	var ca mat.Cholesky
	if !ca.Factorize(a.Cov) {
		if err := checkPSD(a.Cov); err != nil {
			return 0, err
		}
		return math.Inf(1), nil
	}
	// tr(Σb⁻¹ Σa): solve Σb X = Σa rather than forming the inverse.
	var x mat.Dense
	if err := cb.SolveTo(&x, a.Cov); err != nil {
		return 0, fmt.Errorf("metrics: KLGaussian: solving with the covariance of b: %w", err)
	}
	tr := mat.Trace(&x)
	// (μb - μa)ᵀ Σb⁻¹ (μb - μa) = δᵀ y with Σb y = δ.
	delta := mat.NewVecDense(d, nil)
	for i := range a.Mean {
		delta.SetVec(i, b.Mean[i]-a.Mean[i])
	}
	var y mat.VecDense
	if err := cb.SolveVecTo(&y, delta); err != nil {
		return 0, fmt.Errorf("metrics: KLGaussian: solving with the covariance of b: %w", err)
	}
	quad := mat.Dot(delta, &y)
	kl := 0.5 * (tr + quad - float64(d) + cb.LogDet() - ca.LogDet())
	return math.Max(kl, 0), nil
}

// checkPSD reports a covariance with an eigenvalue below -1e-10 times its
// largest eigenvalue magnitude: not round-off of a semidefinite matrix.
func checkPSD(s *mat.SymDense) error {
	var e mat.EigenSym
	if !e.Factorize(s, false) {
		return fmt.Errorf("metrics: KLGaussian: eigendecomposition of the covariance of a failed")
	}
	vals := e.Values(nil) // ascending
	scale := math.Max(math.Abs(vals[0]), math.Abs(vals[len(vals)-1]))
	if vals[0] < -1e-10*scale {
		return fmt.Errorf("metrics: KLGaussian: the covariance of a has eigenvalue %g: not positive semidefinite", vals[0])
	}
	return nil
}

// KLNormal1D returns KL(N(μ1, σ1²) ‖ N(μ2, σ2²)) in nats, with σ1 and σ2
// standard deviations (not variances):
//
//	KL = ln(σ2/σ1) + (σ1² + (μ1 - μ2)²) / (2 σ2²) - ½
//
// the d = 1 case of KLGaussian. With μ2 = 0, σ2 = 1 it is the VAE's
// per-dimension regulariser ½(μ1² + σ1² - 1 - ln σ1²). Both σ must be
// positive; otherwise the result is NaN.
func KLNormal1D(mu1, sigma1, mu2, sigma2 float64) float64 {
	if !(sigma1 > 0) || !(sigma2 > 0) {
		return math.NaN()
	}
	dm := mu1 - mu2
	return math.Log(sigma2/sigma1) + (sigma1*sigma1+dm*dm)/(2*sigma2*sigma2) - 0.5
}
