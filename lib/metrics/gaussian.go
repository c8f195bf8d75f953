package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/luoxia/aigc/lib/tensor"
)

// Gaussian is a multivariate normal distribution N(μ, Σ) in D dimensions:
// the summary FID keeps of a feature set, and one side of KLGaussian.
// Mean has D entries and Cov is D×D. Build one with FitGaussian from
// samples, or with NewGaussian from known parameters.
type Gaussian struct {
	Mean []float64     // μ, length D
	Cov  *mat.SymDense // Σ, D×D, symmetric positive semidefinite
}

// Dim returns D, the dimension of the space the Gaussian lives in.
func (g Gaussian) Dim() int { return len(g.Mean) }

// NewGaussian returns the Gaussian with mean mu and covariance cov, a
// [D, D] tensor that must be symmetric (up to 1e-9 times its largest entry) when mu has D
// entries. It lets a notebook, which sees no gonum, write down a Gaussian
// by hand; the tensor's two triangles are averaged.
func NewGaussian(mu []float64, cov *tensor.Tensor) (Gaussian, error) {
	d := len(mu)
	if d == 0 {
		return Gaussian{}, fmt.Errorf("metrics: NewGaussian: empty mean")
	}
	if len(cov.Shape) != 2 || cov.Shape[0] != d || cov.Shape[1] != d {
		return Gaussian{}, fmt.Errorf("metrics: NewGaussian: covariance of shape %v for a mean of %d entries (want [%d %d])", cov.Shape, d, d, d)
	}
	scale := tensor.MaxAbs(cov)
	s := mat.NewSymDense(d, nil)
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			a, b := cov.Data[i*d+j], cov.Data[j*d+i]
			if math.Abs(a-b) > 1e-9*scale {
				return Gaussian{}, fmt.Errorf("metrics: NewGaussian: covariance is not symmetric: [%d %d] = %g but [%d %d] = %g", i, j, a, j, i, b)
			}
			s.SetSym(i, j, (a+b)/2)
		}
	}
	g := Gaussian{Mean: append([]float64(nil), mu...), Cov: s}
	return g, g.check("NewGaussian")
}

// FitGaussian returns the sample mean and the unbiased sample covariance of
// features, an [N, D] tensor of N samples:
//
//	μ = (1/N) Σ_n x_n        Σ = (1/(N-1)) Σ_n (x_n - μ)(x_n - μ)ᵀ
//
// The N-1 (Bessel's correction) is what numpy.cov, TTUR and pytorch-fid
// use, so an FID computed from these agrees with theirs. It needs N ≥ 2.
// When N ≤ D the covariance is singular (its rank is at most N-1); FID
// copes with that, KLGaussian does not.
func FitGaussian(features *tensor.Tensor) (Gaussian, error) {
	if err := checkFeatures("FitGaussian", "features", features); err != nil {
		return Gaussian{}, err
	}
	n, d := features.Shape[0], features.Shape[1]
	if n < 2 {
		return Gaussian{}, fmt.Errorf("metrics: FitGaussian: features of shape %v: a covariance needs at least 2 samples (rows)", features.Shape)
	}
	mu := make([]float64, d)
	for i := 0; i < n; i++ {
		for j, v := range features.Data[i*d : (i+1)*d] {
			mu[j] += v
		}
	}
	for j := range mu {
		mu[j] /= float64(n)
	}
	// Two passes: centre first, then multiply. Summing x xᵀ and subtracting
	// N μ μᵀ afterwards would cancel catastrophically when |μ| ≫ spread.
	centred := tensor.New(n, d)
	for i := 0; i < n; i++ {
		row := centred.Data[i*d : (i+1)*d]
		for j, v := range features.Data[i*d : (i+1)*d] {
			row[j] = v - mu[j]
		}
	}
	gram := tensor.MatMulT(centred, true, centred, false) // Xcᵀ Xc, [D, D]
	cov := mat.NewSymDense(d, nil)
	scale := 1 / float64(n-1)
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			// The product is symmetric up to round-off; average the triangles.
			cov.SetSym(i, j, scale*(gram.Data[i*d+j]+gram.Data[j*d+i])/2)
		}
	}
	return Gaussian{Mean: mu, Cov: cov}, nil
}

// check reports a Gaussian whose parts do not fit together.
func (g Gaussian) check(fn string) error {
	if len(g.Mean) == 0 {
		return fmt.Errorf("metrics: %s: Gaussian with an empty mean", fn)
	}
	if g.Cov == nil {
		return fmt.Errorf("metrics: %s: Gaussian with a nil covariance", fn)
	}
	if n := g.Cov.SymmetricDim(); n != len(g.Mean) {
		return fmt.Errorf("metrics: %s: Gaussian with a mean of %d entries but a %d×%d covariance", fn, len(g.Mean), n, n)
	}
	for _, v := range g.Mean {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("metrics: %s: Gaussian mean has a non-finite entry %v", fn, v)
		}
	}
	d := len(g.Mean)
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			if v := g.Cov.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("metrics: %s: Gaussian covariance has a non-finite entry %v at [%d %d]", fn, v, i, j)
			}
		}
	}
	return nil
}

// checkFeatures reports a feature set that is not an [N, D] matrix of
// finite numbers with D ≥ 1; fn and what name it in the message.
func checkFeatures(fn, what string, t *tensor.Tensor) error {
	if t == nil {
		return fmt.Errorf("metrics: %s: %s is nil", fn, what)
	}
	if len(t.Shape) != 2 {
		return fmt.Errorf("metrics: %s: %s of shape %v: want [N, D], one row per sample", fn, what, t.Shape)
	}
	if t.Shape[1] < 1 {
		return fmt.Errorf("metrics: %s: %s of shape %v: want at least one feature per sample", fn, what, t.Shape)
	}
	for i, v := range t.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("metrics: %s: %s[%d, %d] = %v is not finite", fn, what, i/t.Shape[1], i%t.Shape[1], v)
		}
	}
	return nil
}
