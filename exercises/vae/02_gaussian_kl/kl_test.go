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

// slip names a common mistake when got matches what it would give.
func slip(mu, logVar []float64, got float64) string {
	sum := func(term func(m, v float64) float64) float64 {
		s := 0.0
		for j := range mu {
			s += term(mu[j], logVar[j])
		}
		return s
	}
	switch {
	case near(got, sum(func(m, v float64) float64 { return m*m + math.Exp(v) - 1 - v }), 1e-12):
		return " (twice the KL: the sum is halved)"
	case near(got, sum(func(m, v float64) float64 { return (m*m + math.Exp(v/2) - 1 - v) / 2 }), 1e-12):
		return " (you used σ = exp(½·logVar) where the formula has σ² = exp(logVar))"
	case near(got, sum(func(m, v float64) float64 { return (m*m + math.Exp(v) - 1 + v) / 2 }), 1e-12):
		return " (the sign of logVar: the term is -log σ²)"
	}
	return ""
}

// TestKL: values worked out by hand.
func TestKL(t *testing.T) {
	l2 := math.Log(2)
	cases := []struct {
		name       string
		mu, logVar []float64
		want       float64
	}{
		{"q is the prior", []float64{0, 0, 0}, []float64{0, 0, 0}, 0},
		// ½(1 + 1 - 1 - 0): a shifted mean costs ½μ².
		{"μ = 1", []float64{1}, []float64{0}, 0.5},
		// ½(0 + 2 - 1 - log 2)
		{"σ² = 2", []float64{0}, []float64{l2}, (1 - l2) / 2},
		// ½(0 + ½ - 1 + log 2)
		{"σ² = 1/2", []float64{0}, []float64{-l2}, (l2 - 0.5) / 2},
		// ½(9 + ¼ - 1 + log 4)
		{"μ = 3, σ² = 1/4", []float64{3}, []float64{math.Log(0.25)}, (8.25 + math.Log(4)) / 2},
		// ½((¼ + ½ - 1 + log 2) + (1 + 2 - 1 - log 2)) = ½(-¼ + 2): the log 2s cancel.
		{"two dimensions", []float64{0.5, -1}, []float64{-l2, l2}, 0.875},
		{"no dimensions", nil, nil, 0},
	}
	for _, c := range cases {
		if got := KL(c.mu, c.logVar); math.IsNaN(got) || !near(got, c.want, 1e-12) {
			t.Errorf("%s: KL(μ %v, logVar %.6g) = %.15g, want %.15g%s", c.name, c.mu, c.logVar, got, c.want, slip(c.mu, c.logVar, got))
		}
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

// TestKLGrad compares KLGrad with hand-worked values and with central
// differences of the closed form.
func TestKLGrad(t *testing.T) {
	mu := []float64{0, 2, -0.7, 1e-3}
	logVar := []float64{0, math.Log(3), -2.5, 1.2}
	dMu, dLogVar := KLGrad(mu, logVar)
	if len(dMu) != len(mu) || len(dLogVar) != len(mu) {
		t.Fatalf("KLGrad(%d dimensions) returned %d and %d values", len(mu), len(dMu), len(dLogVar))
	}
	// By hand: at the prior both are 0; at σ² = 3, ½(3 - 1) = 1.
	if dMu[0] != 0 || dLogVar[0] != 0 {
		t.Errorf("at μ = 0, logVar = 0 (q is the prior, the KL's minimum) the gradient is (%g, %g), want (0, 0)", dMu[0], dLogVar[0])
	}
	if !near(dMu[1], 2, 1e-12) || !near(dLogVar[1], 1, 1e-12) {
		t.Errorf("at μ = 2, σ² = 3 the gradient is (%g, %g), want (μ, ½(σ² - 1)) = (2, 1)", dMu[1], dLogVar[1])
	}
	term := func(m, v float64) float64 { return (m*m + math.Exp(v) - 1 - v) / 2 }
	const h = 1e-5
	for j := range mu {
		numMu := (term(mu[j]+h, logVar[j]) - term(mu[j]-h, logVar[j])) / (2 * h)
		numLV := (term(mu[j], logVar[j]+h) - term(mu[j], logVar[j]-h)) / (2 * h)
		if math.IsNaN(dMu[j]) || math.Abs(dMu[j]-numMu) > 1e-8 {
			t.Errorf("∂KL/∂μ_%d at μ %g = %.10g, central differences give %.10g", j, mu[j], dMu[j], numMu)
		}
		if math.IsNaN(dLogVar[j]) || math.Abs(dLogVar[j]-numLV) > 1e-8 {
			t.Errorf("∂KL/∂logVar_%d at logVar %g = %.10g, central differences give %.10g", j, logVar[j], dLogVar[j], numLV)
		}
	}
}

// TestExtremeLogVar: an encoder that is very sure (σ² = e^{-1000}, which
// float64 rounds to 0) or very unsure (σ² = e^{700} ≈ 1e304).
func TestExtremeLogVar(t *testing.T) {
	// ½(0 + e^{-1000} - 1 + 1000) = 499.5: e^{-1000} rounds to 0 harmlessly.
	if got := KL([]float64{0}, []float64{-1000}); got != 499.5 {
		why := ""
		if math.IsInf(got, 0) || math.IsNaN(got) {
			why = ": exp(-1000) is 0 in float64, so log(exp(logVar)) is -Inf; use logVar itself as log σ²"
		}
		t.Errorf("KL(μ 0, logVar -1000) = %g, want 499.5%s", got, why)
	}
	// Two such dimensions and a mean of 10: 2·499.5 + ½·100.
	if got := KL([]float64{10, 0}, []float64{-1000, -1000}); got != 1049 {
		t.Errorf("KL(μ [10 0], logVar [-1000 -1000]) = %g, want 2·499.5 + ½·10² = 1049", got)
	}
	// ½(e^{700} - 701): finite, about 5.07e303.
	want := (math.Exp(700) - 701) / 2
	if got := KL([]float64{0}, []float64{700}); math.IsInf(got, 0) || !near(got, want, 1e-12) {
		t.Errorf("KL(μ 0, logVar 700) = %g, want ½(e^700 - 701) = %g", got, want)
	}
	if _, d := KLGrad([]float64{0}, []float64{-1000}); len(d) != 1 || d[0] != -0.5 {
		t.Errorf("KLGrad(μ 0, logVar -1000) gave ∂KL/∂logVar = %v, want [-0.5]: ½(e^{-1000} - 1)", d)
	}
}
