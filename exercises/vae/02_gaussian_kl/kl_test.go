//go:build graded

package gausskl

import (
	"math"
	"math/rand/v2"
	"testing"
)

// near reports whether got is within tol of want, relative to |want|
// when |want| > 1.
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// What two common slips give for some of the cases below, named in words.
const (
	bySigma = "you used the standard deviation where the formula has the variance"
	bySign  = "the sign of the log-variance term"
)

// TestKL: values worked out by hand.
func TestKL(t *testing.T) {
	l2 := math.Log(2)
	cases := []struct {
		name       string
		mu, logVar []float64
		want       float64
		slips      map[float64]string // what a slip gives, and its name
	}{
		{"q is the prior", []float64{0, 0, 0}, []float64{0, 0, 0}, 0, nil},
		// μ = 1, σ² = 1.
		{"μ = 1", []float64{1}, []float64{0}, 0.5, nil},
		// μ = 0, σ² = 2.
		{"σ² = 2", []float64{0}, []float64{l2}, 0.15342640972002736,
			map[float64]string{-0.13946680909342518: bySigma, 0.8465735902799727: bySign}},
		// μ = 0, σ² = ½.
		{"σ² = 1/2", []float64{0}, []float64{-l2}, 0.09657359027997264,
			map[float64]string{0.20012698087324643: bySigma, -0.5965735902799727: bySign}},
		// μ = 3, σ² = ¼.
		{"μ = 3, σ² = 1/4", []float64{3}, []float64{math.Log(0.25)}, 4.818147180559945,
			map[float64]string{4.943147180559945: bySigma, 3.4318528194400546: bySign}},
		// μ = (½, -1), σ² = (½, 2): the two dimensions' log-variance terms cancel.
		{"two dimensions", []float64{0.5, -1}, []float64{-l2, l2}, 0.875,
			map[float64]string{0.6856601717798212: bySigma}},
		{"no dimensions", nil, nil, 0, nil},
	}
	for _, c := range cases {
		got := KL(c.mu, c.logVar)
		if !math.IsNaN(got) && near(got, c.want, 1e-12) {
			continue
		}
		why := ""
		if c.want != 0 && near(got, 2*c.want, 1e-12) {
			why = " (twice the KL: mind the factor in front of the sum)"
		}
		for v, name := range c.slips {
			if near(got, v, 1e-12) {
				why = " (" + name + ")"
			}
		}
		t.Errorf("%s: KL(μ %v, logVar %.6g) = %.15g, want %.15g%s", c.name, c.mu, c.logVar, got, c.want, why)
	}
}

// TestMonteCarlo estimates KL(q ‖ p) = E_q[log q(z) - log p(z)] by its
// definition: the mean of the log-ratio over 200,000 draws z ~ q, with the
// two Gaussian log-densities written out. The closed form must lie within
// five standard errors of the estimate.
func TestMonteCarlo(t *testing.T) {
	cases := []struct {
		mu, logVar []float64
	}{
		{[]float64{0.5, -1}, []float64{-math.Log(2), math.Log(2)}},
		{[]float64{2, 0, -0.5}, []float64{0, math.Log(3), math.Log(0.1)}},
		{[]float64{0}, []float64{0}},
	}
	// log N(z; m, s2) for one dimension
	logN := func(z, m, s2 float64) float64 { return -0.5*math.Log(2*math.Pi*s2) - (z-m)*(z-m)/(2*s2) }
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 200000
	for _, c := range cases {
		sum, sumSq := 0.0, 0.0
		for i := 0; i < n; i++ {
			r := 0.0 // log q(z) - log p(z)
			for j := range c.mu {
				s2 := math.Exp(c.logVar[j])
				z := c.mu[j] + math.Sqrt(s2)*rng.NormFloat64()
				r += logN(z, c.mu[j], s2) - logN(z, 0, 1)
			}
			sum += r
			sumSq += r * r
		}
		mean := sum / n
		se := math.Sqrt(math.Max(0, sumSq/n-mean*mean) / n)
		got := KL(c.mu, c.logVar)
		if math.IsNaN(got) || math.Abs(got-mean) > 5*se+1e-12 {
			t.Errorf("KL(μ %v, logVar %.6g) = %.6f, but the mean of log q(z) - log p(z) over %d draws z ~ q is %.6f ± %.6f (five standard errors)",
				c.mu, c.logVar, got, n, mean, 5*se)
		}
	}
}

// TestKLGrad compares KLGrad with hand-worked values. (Central differences
// of your KL are a quick check of your own.)
func TestKLGrad(t *testing.T) {
	mu := []float64{0, 2, -0.7, 1e-3}
	logVar := []float64{0, math.Log(3), -2.5, 1.2}
	// By hand, at σ² = 1, 3, e^{-2.5} and e^{1.2}.
	wantMu := []float64{0, 2, -0.7, 1e-3}
	wantLogVar := []float64{0, 1, -0.4589575006880506, 1.1600584613682736}
	dMu, dLogVar := KLGrad(mu, logVar)
	if len(dMu) != len(mu) || len(dLogVar) != len(mu) {
		t.Fatalf("KLGrad(%d dimensions) returned %d and %d values", len(mu), len(dMu), len(dLogVar))
	}
	if dMu[0] != 0 || dLogVar[0] != 0 {
		t.Errorf("at μ = 0, logVar = 0 (q is the prior, the KL's minimum) the gradient is (%g, %g), want (0, 0)", dMu[0], dLogVar[0])
	}
	for j := range mu {
		if math.IsNaN(dMu[j]) || !near(dMu[j], wantMu[j], 1e-12) {
			t.Errorf("∂KL/∂μ_%d at μ %g, logVar %.4g = %.15g, want %.15g", j, mu[j], logVar[j], dMu[j], wantMu[j])
		}
		if math.IsNaN(dLogVar[j]) || !near(dLogVar[j], wantLogVar[j], 1e-12) {
			t.Errorf("∂KL/∂logVar_%d at μ %g, logVar %.4g = %.15g, want %.15g", j, mu[j], logVar[j], dLogVar[j], wantLogVar[j])
		}
	}
}

// TestExtremeLogVar: an encoder that is very sure (σ² = e^{-1000}, which
// float64 rounds to 0) or very unsure (σ² = e^{700} ≈ 1e304).
func TestExtremeLogVar(t *testing.T) {
	// μ = 0, σ² = e^{-1000}: a finite 499.5 nats, though σ² rounds to 0.
	if got := KL([]float64{0}, []float64{-1000}); got != 499.5 {
		why := ""
		if math.IsInf(got, 0) || math.IsNaN(got) {
			why = ": exp(-1000) is 0 in float64, so log(exp(logVar)) is -Inf; logVar already is log σ²"
		}
		t.Errorf("KL(μ 0, logVar -1000) = %g, want 499.5%s", got, why)
	}
	// Two such dimensions, one of them with a mean of 10.
	if got := KL([]float64{10, 0}, []float64{-1000, -1000}); got != 1049 {
		t.Errorf("KL(μ [10 0], logVar [-1000 -1000]) = %g, want 1049", got)
	}
	// μ = 0, σ² = e^{700}: finite, about 5.07e303.
	const want = 5.0711602736750225e+303
	if got := KL([]float64{0}, []float64{700}); math.IsInf(got, 0) || !near(got, want, 1e-12) {
		t.Errorf("KL(μ 0, logVar 700) = %g, want %g", got, want)
	}
	if _, d := KLGrad([]float64{0}, []float64{-1000}); len(d) != 1 || d[0] != -0.5 {
		t.Errorf("KLGrad(μ 0, logVar -1000) gave ∂KL/∂logVar = %v, want [-0.5]", d)
	}
}
