package metrics_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestFIDOfASetWithItselfIsZero(t *testing.T) {
	g := tensor.NewRNG(2)
	mu := []float64{5, -1, 2}
	a := []float64{2, 0, 0, 1, 1, 0, -0.5, 0.3, 0.2}
	f := gaussSamples(g, 500, mu, a)
	d, err := metrics.FID(f, f)
	if err != nil {
		t.Fatal(err)
	}
	// d² = 2 tr Σ - 2 tr Σ, so compare with the size of the terms.
	fit, _ := metrics.FitGaussian(f)
	if scale := 2 * mat.Trace(fit.Cov); d > 1e-8*scale || d < 0 {
		t.Errorf("FID(x, x) = %g, want 0 (terms of size %g)", d, scale)
	}
}

func TestFrechetDistanceDiagonal(t *testing.T) {
	// Diagonal covariances commute, (Σ1Σ2)^{1/2} = diag(√(s1_i s2_i)), and
	// d² = |μ1-μ2|² + Σ_i (s1_i + s2_i - 2√(s1_i s2_i)) = |μ1-μ2|² + Σ_i (√s1_i - √s2_i)².
	mu1, s1 := []float64{0, 1, 2}, []float64{1, 4, 0.25}
	mu2, s2 := []float64{1, 1, -1}, []float64{9, 1, 2}
	var want float64
	for i := range mu1 {
		want += (mu1[i]-mu2[i])*(mu1[i]-mu2[i]) + s1[i] + s2[i] - 2*math.Sqrt(s1[i]*s2[i])
	}
	got, err := metrics.FrechetDistance(newGauss(t, mu1, diag(s1)...), newGauss(t, mu2, diag(s2)...))
	if err != nil {
		t.Fatal(err)
	}
	if !closeRel(got, want, 1e-12) {
		t.Errorf("FrechetDistance = %.15g, want %.15g", got, want)
	}

	// Rotating both Gaussians by the same orthogonal R (so the covariances
	// R D Rᵀ still commute but are no longer diagonal) changes nothing:
	// the distance depends only on the geometry.
	c, s := math.Cos(0.7), math.Sin(0.7)
	r := mat.NewDense(3, 3, []float64{c, -s, 0, s, c, 0, 0, 0, 1})
	rot := func(mu, sd []float64) metrics.Gaussian {
		var m mat.VecDense
		m.MulVec(r, mat.NewVecDense(3, append([]float64(nil), mu...)))
		var tmp, cov mat.Dense
		tmp.Mul(r, mat.NewDiagDense(3, append([]float64(nil), sd...)))
		cov.Mul(&tmp, r.T())
		cov.Set(0, 1, cov.At(1, 0)) // exactly symmetric
		cov.Set(0, 2, cov.At(2, 0))
		cov.Set(1, 2, cov.At(2, 1))
		return newGauss(t, m.RawVector().Data, cov.RawMatrix().Data...)
	}
	got, err = metrics.FrechetDistance(rot(mu1, s1), rot(mu2, s2))
	if err != nil {
		t.Fatal(err)
	}
	if !closeRel(got, want, 1e-12) {
		t.Errorf("rotated: FrechetDistance = %.15g, want %.15g", got, want)
	}
}

// diag returns the row-major n×n matrix with v on its diagonal.
func diag(v []float64) []float64 {
	n := len(v)
	out := make([]float64, n*n)
	for i, x := range v {
		out[i*n+i] = x
	}
	return out
}

func TestFrechetDistanceNonCommuting2x2(t *testing.T) {
	// Σ1 Σ2 is not symmetric here. For a 2×2 matrix A with eigenvalues
	// λ1, λ2 ≥ 0, tr √A = √λ1 + √λ2 and (√λ1 + √λ2)² = tr A + 2√(det A), so
	// tr √A = √(tr A + 2√det A), with no square root of a matrix taken.
	s1 := []float64{2, 1, 1, 2}
	s2 := []float64{1, -0.5, -0.5, 3}
	mu1, mu2 := []float64{0, 0}, []float64{1, 2}
	p := [4]float64{ // Σ1 Σ2
		s1[0]*s2[0] + s1[1]*s2[2], s1[0]*s2[1] + s1[1]*s2[3],
		s1[2]*s2[0] + s1[3]*s2[2], s1[2]*s2[1] + s1[3]*s2[3],
	}
	tr, det := p[0]+p[3], p[0]*p[3]-p[1]*p[2]
	trSqrt := math.Sqrt(tr + 2*math.Sqrt(det))
	want := 1 + 4 + (s1[0] + s1[3]) + (s2[0] + s2[3]) - 2*trSqrt
	got, err := metrics.FrechetDistance(newGauss(t, mu1, s1...), newGauss(t, mu2, s2...))
	if err != nil {
		t.Fatal(err)
	}
	if !closeRel(got, want, 1e-12) {
		t.Errorf("FrechetDistance = %.15g, want %.15g", got, want)
	}
}

func TestFrechetDistanceMatchesDenmanBeavers(t *testing.T) {
	// A full 4×4 example against the principal square root of Σ1 Σ2 found
	// by the Denman–Beavers iteration Y ← (Y + Z⁻¹)/2, Z ← (Z + Y⁻¹)/2 from
	// Y = A, Z = I, which converges to Y = √A, Z = √A⁻¹ for A with no
	// eigenvalues on the closed negative real axis (here all are positive).
	g := tensor.NewRNG(3)
	spd := func() *mat.SymDense {
		b := tensor.RandN(g, 4, 4)
		m := mat.NewDense(4, 4, b.Data)
		var s mat.SymDense
		s.SymOuterK(1, m)
		for i := 0; i < 4; i++ {
			s.SetSym(i, i, s.At(i, i)+0.1)
		}
		return &s
	}
	s1, s2 := spd(), spd()
	var a mat.Dense
	a.Mul(s1, s2)
	y := mat.DenseCopyOf(&a)
	z := mat.NewDense(4, 4, diag([]float64{1, 1, 1, 1}))
	for it := 0; it < 60; it++ {
		var yi, zi mat.Dense
		if err := yi.Inverse(y); err != nil {
			t.Fatal(err)
		}
		if err := zi.Inverse(z); err != nil {
			t.Fatal(err)
		}
		y.Add(y, &zi)
		y.Scale(0.5, y)
		z.Add(z, &yi)
		z.Scale(0.5, z)
	}
	var sq mat.Dense // check the iteration did converge: √A √A = A
	sq.Mul(y, y)
	if !mat.EqualApprox(&sq, &a, 1e-9) {
		t.Fatalf("Denman–Beavers did not converge:\n%v", mat.Formatted(&sq))
	}
	mu1, mu2 := []float64{1, 2, 3, 4}, []float64{0, 2, 5, 4}
	want := 1 + 4 + mat.Trace(s1) + mat.Trace(s2) - 2*mat.Trace(y)
	got, err := metrics.FrechetDistance(metrics.Gaussian{Mean: mu1, Cov: s1}, metrics.Gaussian{Mean: mu2, Cov: s2})
	if err != nil {
		t.Fatal(err)
	}
	if !closeRel(got, want, 1e-9) {
		t.Errorf("FrechetDistance = %.15g, want %.15g (Denman–Beavers)", got, want)
	}
}

func TestFIDRankDeficient(t *testing.T) {
	// 10 and 12 samples in 32 dimensions: both covariances have rank ≤ 11,
	// where general matrix square roots go astray. Check against a route
	// that needs no square root of a matrix at all: with centred, scaled
	// samples P = Xc1/√(N1-1), Q = Xc2/√(N2-1), Σ1 = PᵀP and Σ2 = QᵀQ, the
	// nonzero eigenvalues of Σ1Σ2 = PᵀPQᵀQ are those of (PQᵀ)(PQᵀ)ᵀ, so
	// tr (Σ1Σ2)^{1/2} is the sum of the singular values of the small PQᵀ.
	g := tensor.NewRNG(4)
	x := tensor.RandN(g, 10, 32)
	y := tensor.AddScalar(tensor.Scale(tensor.RandN(g, 12, 32), 1.5), 0.2)
	got, err := metrics.FID(x, y)
	if err != nil {
		t.Fatal(err)
	}
	if math.IsNaN(got) || math.IsInf(got, 0) || got < 0 {
		t.Fatalf("FID = %v, want a finite nonnegative number", got)
	}
	gx, _ := metrics.FitGaussian(x)
	gy, _ := metrics.FitGaussian(y)
	scaled := func(f *tensor.Tensor, mu []float64) *mat.Dense {
		n, d := f.Shape[0], f.Shape[1]
		m := mat.NewDense(n, d, nil)
		for i := 0; i < n; i++ {
			for j := 0; j < d; j++ {
				m.Set(i, j, (f.Data[i*d+j]-mu[j])/math.Sqrt(float64(n-1)))
			}
		}
		return m
	}
	var pq mat.Dense
	pq.Mul(scaled(x, gx.Mean), scaled(y, gy.Mean).T())
	var svd mat.SVD
	if !svd.Factorize(&pq, mat.SVDNone) {
		t.Fatal("SVD failed")
	}
	var nuclear, meanSq float64
	for _, s := range svd.Values(nil) {
		nuclear += s
	}
	for j := range gx.Mean {
		meanSq += (gx.Mean[j] - gy.Mean[j]) * (gx.Mean[j] - gy.Mean[j])
	}
	want := meanSq + mat.Trace(gx.Cov) + mat.Trace(gy.Cov) - 2*nuclear
	if !closeRel(got, want, 1e-12) {
		t.Errorf("FID = %.15g, want %.15g (nuclear norm route)", got, want)
	}
	self, err := metrics.FID(x, x)
	if err != nil {
		t.Fatal(err)
	}
	if self < 0 || self > 1e-8*mat.Trace(gx.Cov) {
		t.Errorf("rank-deficient FID(x, x) = %g, want 0", self)
	}
}

func TestFIDSampling(t *testing.T) {
	// Two large samples of one Gaussian: FID only sees sampling noise.
	// Shift one sample's mean by Δ: the covariance terms still nearly
	// cancel and FID ≈ |Δ|².
	g := tensor.NewRNG(5)
	mu := []float64{1, 0, -1}
	a := []float64{1, 0, 0, 0.5, 0.8, 0, -0.3, 0.4, 0.6}
	delta := []float64{1, -2, 0.5} // |Δ|² = 5.25
	x := gaussSamples(g, 20000, mu, a)
	y := gaussSamples(g, 20000, mu, a)
	shifted := make([]float64, 3)
	for i := range mu {
		shifted[i] = mu[i] + delta[i]
	}
	z := gaussSamples(g, 20000, shifted, a)
	same, err := metrics.FID(x, y)
	if err != nil {
		t.Fatal(err)
	}
	// The estimate's bias and spread are O(D/N) times the covariance scale
	// (tr Σ ≈ 2.3 here): a few 1e-4.
	if same > 3e-3 {
		t.Errorf("FID of two samples of one Gaussian = %g, want about 0", same)
	}
	moved, err := metrics.FID(x, z)
	if err != nil {
		t.Fatal(err)
	}
	// The sample means' errors ε enter mainly as 2Δ·ε, with standard
	// deviation 2√(Δᵀ(2Σ/N)Δ) = 2√(2·2.07/20000) ≈ 0.03: allow 0.1.
	if math.Abs(moved-5.25) > 0.1 {
		t.Errorf("FID after a mean shift of squared length 5.25 = %g", moved)
	}
}

func TestFIDSymmetric(t *testing.T) {
	g := tensor.NewRNG(6)
	x := gaussSamples(g, 300, []float64{0, 1, 2, 3}, []float64{1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1})
	y := gaussSamples(g, 200, []float64{1, 1, 0, 3}, []float64{2, 0, 0, 0, 0, 0.5, 0, 0, 1, 0, 1, 0, 0, 0, 0, 3})
	ab, err := metrics.FID(x, y)
	if err != nil {
		t.Fatal(err)
	}
	ba, err := metrics.FID(y, x)
	if err != nil {
		t.Fatal(err)
	}
	if ab <= 0 || !closeRel(ab, ba, 1e-10) {
		t.Errorf("FID(x, y) = %.15g but FID(y, x) = %.15g", ab, ba)
	}
}

func TestFIDErrors(t *testing.T) {
	_, err := metrics.FID(tensor.New(10, 3), tensor.New(10, 4))
	wantErr(t, "dimensions 3 and 4", err, "3", "4", "dimension")
	_, err = metrics.FID(tensor.New(1, 3), tensor.New(10, 3))
	wantErr(t, "one real sample", err, "real", "[1 3]")
	_, err = metrics.FID(tensor.New(10, 3), tensor.New(30))
	wantErr(t, "1-D fake features", err, "fake", "[30]")
	_, err = metrics.FrechetDistance(newGauss(t, []float64{0}, 1), newGauss(t, []float64{0, 0}, 1, 0, 0, 1))
	wantErr(t, "FrechetDistance of 1-D and 2-D", err, "1 and 2")
	_, err = metrics.FrechetDistance(metrics.Gaussian{Mean: []float64{0, 0}}, newGauss(t, []float64{0, 0}, 1, 0, 0, 1))
	wantErr(t, "nil covariance", err, "nil")
	_, err = metrics.FrechetDistance(metrics.Gaussian{Mean: []float64{0, 0}, Cov: mat.NewSymDense(3, nil)}, newGauss(t, []float64{0, 0}, 1, 0, 0, 1))
	wantErr(t, "mean and covariance disagree", err, "2 entries", "3×3")
}

func BenchmarkFID(b *testing.B) {
	g := tensor.NewRNG(7)
	x := tensor.RandN(g, 2000, 64)
	y := tensor.AddScalar(tensor.RandN(g, 2000, 64), 0.1)
	for b.Loop() {
		if _, err := metrics.FID(x, y); err != nil {
			b.Fatal(err)
		}
	}
}
