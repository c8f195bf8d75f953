package metrics_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/luoxia/aigc/lib/metrics"
)

func TestKLDiscrete(t *testing.T) {
	for _, c := range []struct {
		what string
		p, q []float64
		want float64
	}{
		{"KL(p ‖ p)", []float64{0.2, 0.3, 0.5}, []float64{0.2, 0.3, 0.5}, 0},
		// ½ ln(½/¼) + ½ ln(½/¾) = ½ ln 2 + ½ ln(2/3) = ½ ln(4/3)
		{"KL(fair ‖ biased)", []float64{0.5, 0.5}, []float64{0.25, 0.75}, 0.5 * math.Log(4.0/3)},
		// ¼ ln(¼/½) + ¾ ln(¾/½) = ¾ ln 3 - ln 2: not the same, KL is asymmetric
		{"KL(biased ‖ fair)", []float64{0.25, 0.75}, []float64{0.5, 0.5}, 0.75*math.Log(3) - math.Log(2)},
		// The chapter's example: ½ ln(5/9) + ½ ln 5 = ln(5/3) ≈ 0.511 ...
		{"KL(fair ‖ 9:1)", []float64{0.5, 0.5}, []float64{0.9, 0.1}, math.Log(5.0 / 3)},
		// ... and back: 0.9 ln 1.8 + 0.1 ln 0.2 ≈ 0.368.
		{"KL(9:1 ‖ fair)", []float64{0.9, 0.1}, []float64{0.5, 0.5}, 0.9*math.Log(1.8) + 0.1*math.Log(0.2)},
		// 0·ln(0/½) = 0: only the first outcome counts, ln(1/½)
		{"KL(certain ‖ fair)", []float64{1, 0}, []float64{0.5, 0.5}, math.Log(2)},
		// p has mass where q has none
		{"KL(fair ‖ certain)", []float64{0.5, 0.5}, []float64{1, 0}, math.Inf(1)},
		// both zero on an outcome: that term is 0, not NaN
		{"shared zero", []float64{0, 1}, []float64{0, 1}, 0},
	} {
		got, err := metrics.KLDiscrete(c.p, c.q)
		if err != nil {
			t.Errorf("%s: %v", c.what, err)
			continue
		}
		if !closeRel(got, c.want, 1e-14) {
			t.Errorf("%s = %.17g, want %.17g", c.what, got, c.want)
		}
	}
}

func TestKLDiscreteErrors(t *testing.T) {
	_, err := metrics.KLDiscrete([]float64{0.5, 0.5}, []float64{1. / 3, 1. / 3, 1. / 3})
	wantErr(t, "lengths 2 and 3", err, "2", "3")
	_, err = metrics.KLDiscrete([]float64{1.5, -0.5}, []float64{0.5, 0.5})
	wantErr(t, "negative entry", err, "p[1]", "-0.5")
	_, err = metrics.KLDiscrete([]float64{0.5, 0.5}, []float64{0.5, 0.6})
	wantErr(t, "q summing to 1.1", err, "q sums to 1.1")
	_, err = metrics.KLDiscrete(nil, nil)
	wantErr(t, "empty", err, "empty")
}

func TestKLNormal1D(t *testing.T) {
	if got := metrics.KLNormal1D(0.3, 1.7, 0.3, 1.7); got != 0 {
		t.Errorf("KL(N ‖ N) = %g, want 0", got)
	}
	// Against the VAE's rearrangement ½(μ² + σ² - 1 - ln σ²) for the prior N(0, 1).
	for _, c := range [][2]float64{{0, 1}, {1.5, 0.2}, {-2, 3}} {
		mu, sigma := c[0], c[1]
		want := 0.5 * (mu*mu + sigma*sigma - 1 - math.Log(sigma*sigma))
		if got := metrics.KLNormal1D(mu, sigma, 0, 1); !closeRel(got, want, 1e-14) && math.Abs(got-want) > 1e-15 {
			t.Errorf("KL(N(%g, %g²) ‖ N(0, 1)) = %.17g, want %.17g", mu, sigma, got, want)
		}
	}
	// Asymmetry, by hand: KL(N(0,1) ‖ N(0,2²)) = ln 2 + 1/8 - ½ and
	// KL(N(0,2²) ‖ N(0,1)) = -ln 2 + 4/2 - ½.
	if got, want := metrics.KLNormal1D(0, 1, 0, 2), math.Log(2)+0.125-0.5; !closeRel(got, want, 1e-14) {
		t.Errorf("KL(N(0,1) ‖ N(0,4)) = %.17g, want %.17g", got, want)
	}
	if got, want := metrics.KLNormal1D(0, 2, 0, 1), -math.Log(2)+1.5; !closeRel(got, want, 1e-14) {
		t.Errorf("KL(N(0,4) ‖ N(0,1)) = %.17g, want %.17g", got, want)
	}
	if got := metrics.KLNormal1D(0, 0, 0, 1); !math.IsNaN(got) {
		t.Errorf("σ1 = 0: %g, want NaN", got)
	}
}

func TestKLGaussianMatches1D(t *testing.T) {
	for _, c := range [][4]float64{{0, 1, 0, 1}, {1, 0.5, -1, 2}, {3, 2, 0, 0.7}} {
		a := newGauss(t, []float64{c[0]}, c[1]*c[1])
		b := newGauss(t, []float64{c[2]}, c[3]*c[3])
		got, err := metrics.KLGaussian(a, b)
		if err != nil {
			t.Fatal(err)
		}
		want := metrics.KLNormal1D(c[0], c[1], c[2], c[3])
		if math.Abs(got-want) > 1e-13*math.Max(1, want) {
			t.Errorf("KLGaussian in 1-D %v = %.17g, KLNormal1D = %.17g", c, got, want)
		}
	}
}

func TestKLGaussianDiagonalIsSumOf1D(t *testing.T) {
	// Independent coordinates: the divergence adds over them. Then the
	// same pair transformed by one invertible linear map L (covariances
	// L Σ Lᵀ, no longer diagonal): KL is invariant under it.
	mu1, sd1 := []float64{0, 1, -2}, []float64{1, 0.5, 2}
	mu2, sd2 := []float64{1, 1, 0}, []float64{2, 0.25, 1.5}
	var want float64
	v1, v2 := make([]float64, 3), make([]float64, 3)
	for i := range mu1 {
		want += metrics.KLNormal1D(mu1[i], sd1[i], mu2[i], sd2[i])
		v1[i], v2[i] = sd1[i]*sd1[i], sd2[i]*sd2[i]
	}
	got, err := metrics.KLGaussian(newGauss(t, mu1, diag(v1)...), newGauss(t, mu2, diag(v2)...))
	if err != nil {
		t.Fatal(err)
	}
	if !closeRel(got, want, 1e-13) {
		t.Errorf("diagonal KLGaussian = %.17g, sum of 1-D = %.17g", got, want)
	}

	l := mat.NewDense(3, 3, []float64{1, 2, 0, -1, 1, 0.5, 0.3, 0, 2})
	mapped := func(mu, v []float64) metrics.Gaussian {
		var m mat.VecDense
		m.MulVec(l, mat.NewVecDense(3, append([]float64(nil), mu...)))
		// Σ' = L V Lᵀ = (L √V)(L √V)ᵀ, which SymOuterK forms exactly symmetric.
		sq := make([]float64, 3)
		for i := range v {
			sq[i] = math.Sqrt(v[i])
		}
		var lsq mat.Dense
		lsq.Mul(l, mat.NewDiagDense(3, sq))
		var s mat.SymDense
		s.SymOuterK(1, &lsq)
		return metrics.Gaussian{Mean: m.RawVector().Data, Cov: &s}
	}
	got, err = metrics.KLGaussian(mapped(mu1, v1), mapped(mu2, v2))
	if err != nil {
		t.Fatal(err)
	}
	if !closeRel(got, want, 1e-12) {
		t.Errorf("after a linear map: KLGaussian = %.17g, want %.17g", got, want)
	}
	// And it is asymmetric.
	back, err := metrics.KLGaussian(mapped(mu2, v2), mapped(mu1, v1))
	if err != nil {
		t.Fatal(err)
	}
	var wantBack float64
	for i := range mu1 {
		wantBack += metrics.KLNormal1D(mu2[i], sd2[i], mu1[i], sd1[i])
	}
	if !closeRel(back, wantBack, 1e-12) || closeRel(back, got, 1e-3) {
		t.Errorf("reverse KLGaussian = %.17g, want %.17g (and unlike %.17g)", back, wantBack, got)
	}
}

func TestKLGaussianSingular(t *testing.T) {
	ok := newGauss(t, []float64{0, 0}, 1, 0, 0, 1)
	self, err := metrics.KLGaussian(ok, ok)
	if err != nil || self != 0 {
		t.Errorf("KL(a ‖ a) = %g, %v; want 0", self, err)
	}
	flat := newGauss(t, []float64{0, 0}, 1, 1, 1, 1) // rank 1
	_, err = metrics.KLGaussian(ok, flat)
	wantErr(t, "singular Σb", err, "not positive definite")
	got, err := metrics.KLGaussian(flat, ok)
	if err != nil || !math.IsInf(got, 1) {
		t.Errorf("KL(degenerate ‖ N(0, I)) = %g, %v; want +Inf", got, err)
	}
	indefinite := newGauss(t, []float64{0, 0}, 1, 2, 2, 1) // eigenvalues 3, -1
	_, err = metrics.KLGaussian(indefinite, ok)
	wantErr(t, "indefinite Σa", err, "not positive semidefinite")
	_, err = metrics.KLGaussian(ok, newGauss(t, []float64{0}, 1))
	wantErr(t, "dimensions 2 and 1", err, "2 and 1")
}
