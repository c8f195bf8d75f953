package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/luoxia/aigc/lib/tensor"
)

// FrechetDistance returns the squared Fréchet (2-Wasserstein) distance
// between two Gaussians,
//
//	d² = |μa - μb|² + tr(Σa + Σb - 2 (Σa Σb)^{1/2})
//
// the closed form of Dowson & Landau (1982), "The Fréchet distance between
// multivariate normal distributions". Heusel et al. (2017), "GANs trained by
// a two time-scale update rule converge to a local Nash equilibrium", made it
// the Fréchet Inception Distance by fitting one Gaussian to Inception
// features of real images and one to generated ones. As there, the value is
// the squared distance: FID reports d², not d.
//
// The hard term is tr((Σa Σb)^{1/2}). The product of two symmetric matrices
// is not symmetric, and the reference implementations take scipy's general
// matrix square root of it, which on the near-singular covariances of
// features with more dimensions than samples can come back with imaginary
// parts to discard. Here the trace is found with two symmetric
// eigendecompositions (traceSqrtProduct), which stay real and stable.
// Round-off that would leave d² a hair below zero is clamped to 0.
func FrechetDistance(a, b Gaussian) (float64, error) {
	if err := a.check("FrechetDistance"); err != nil {
		return 0, err
	}
	if err := b.check("FrechetDistance"); err != nil {
		return 0, err
	}
	if a.Dim() != b.Dim() {
		return 0, fmt.Errorf("metrics: FrechetDistance: the Gaussians have dimensions %d and %d", a.Dim(), b.Dim())
	}
	var meanSq float64
	for i, m := range a.Mean {
		diff := m - b.Mean[i]
		meanSq += diff * diff
	}
	trSqrt, err := traceSqrtProduct(a.Cov, b.Cov)
	if err != nil {
		return 0, err
	}
	d2 := meanSq + mat.Trace(a.Cov) + mat.Trace(b.Cov) - 2*trSqrt
	if d2 < 0 {
		d2 = 0
	}
	return d2, nil
}

// traceSqrtProduct returns tr((A B)^{1/2}) for symmetric positive
// semidefinite A and B, the principal square root being meant.
//
// Let S = A^{1/2}, the symmetric square root: with A = V Λ Vᵀ (a symmetric
// eigendecomposition, negative round-off eigenvalues read as 0),
// S = V Λ^{1/2} Vᵀ. Then A B = S (S B), and (S B) S = S B S =: M. The
// products XY and YX have the same nonzero eigenvalues, so A B and M do
// (when S is invertible, A B = S M S⁻¹ is even similar to M). M is
// symmetric positive semidefinite, so the eigenvalues of A B are real and
// nonnegative, its principal square root has eigenvalues √λ_i, and
//
//	tr((A B)^{1/2}) = Σ_i √λ_i(M)
//
// which needs a second symmetric eigendecomposition, of M, without
// eigenvectors. Eigenvalues of M below its round-off level (roundoffEigen),
// negative ones included, are read as 0. No step inverts anything, so
// singular A or B (rank-deficient covariances, N ≤ D) are fine. (When both
// are singular, A B can have a nilpotent part and no square root in the
// strict sense; Σ√λ_i is then the limit of the nonsingular cases.)
func traceSqrtProduct(a, b *mat.SymDense) (float64, error) {
	d := a.SymmetricDim()
	// ANCHOR: frechet
	var ea mat.EigenSym
	if !ea.Factorize(a, true) {
		return 0, fmt.Errorf("metrics: FrechetDistance: eigendecomposition of a %d×%d covariance failed", d, d)
	}
	var v, vRoot mat.Dense
	ea.VectorsTo(&v)
	vRoot.CloneFrom(&v) // becomes V Λ^{1/2}: column j scaled by √λ_j
	for j, l := range ea.Values(nil) {
		// A negative eigenvalue of a covariance is round-off: read it as 0.
		// (A positive round-off one, of size ε‖A‖, puts only about ε‖A‖‖B‖
		// into M, below M's own round-off, so it needs no threshold here.)
		r := math.Sqrt(math.Max(l, 0))
		for i := 0; i < d; i++ {
			vRoot.Set(i, j, vRoot.At(i, j)*r)
		}
	}
	var sRoot, sb, m mat.Dense
	sRoot.Mul(&vRoot, v.T()) // S = V Λ^{1/2} Vᵀ
	sb.Mul(&sRoot, b)
	m.Mul(&sb, &sRoot) // M = S B S
	// M is symmetric up to round-off; average its triangles.
	msym := mat.NewSymDense(d, nil)
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			msym.SetSym(i, j, (m.At(i, j)+m.At(j, i))/2)
		}
	}
	var em mat.EigenSym
	if !em.Factorize(msym, false) {
		return 0, fmt.Errorf("metrics: FrechetDistance: eigendecomposition of a %d×%d product failed", d, d)
	}
	mu := em.Values(nil)
	tol := roundoffEigen(mu)
	var tr float64
	for _, l := range mu {
		if l > tol {
			tr += math.Sqrt(l)
		}
	}
	return tr, nil
	// ANCHOR_END: frechet
}

// roundoffEigen returns the size below which eigenvalues of a symmetric
// matrix are round-off, d·ε·max|λ| (the rank threshold numpy's
// matrix_rank uses). A computed eigenvalue is only known to about that
// absolute accuracy, so one below it may as well be 0, and treating it as
// 0 matters here: the square root magnifies a round-off eigenvalue of
// 10⁻¹⁵ into 3·10⁻⁸, and a rank-deficient covariance has many of them.
func roundoffEigen(lambda []float64) float64 {
	var top float64
	for _, l := range lambda {
		top = math.Max(top, math.Abs(l))
	}
	return float64(len(lambda)) * 0x1p-52 * top
}

// FID returns the Fréchet distance between Gaussians fitted (FitGaussian)
// to two feature sets, [N1, D] and [N2, D]: the Fréchet Inception Distance
// when the rows are Inception-v3 pool features of real and generated
// images, though any feature extractor will do (the numbers are then
// comparable only with the same extractor). FID is biased upwards for
// small N, so compare values computed with equal sample sizes.
func FID(real, fake *tensor.Tensor) (float64, error) {
	gr, err := FitGaussian(real)
	if err != nil {
		return 0, fmt.Errorf("real features: %w", err)
	}
	gf, err := FitGaussian(fake)
	if err != nil {
		return 0, fmt.Errorf("fake features: %w", err)
	}
	return FrechetDistance(gr, gf)
}
