//go:build graded

package reparam

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// near reports whether got is within tol of want, relative to |want|
// when |want| > 1.
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// panics runs f and reports whether it panicked.
func panics(f func()) (did bool) {
	defer func() {
		if recover() != nil {
			did = true
		}
	}()
	f()
	return false
}

// mistake names a common slip when got matches what it would give.
func mistake(mu, logVar, eps, got []float64) string {
	slips := []struct {
		why string
		f   func(m, v, e float64) float64
	}{
		{"you scaled ε by σ² = exp(logVar); the scale is σ = exp(½·logVar)", func(m, v, e float64) float64 { return m + math.Exp(v)*e }},
		{"you scaled ε by logVar itself; σ = exp(½·logVar)", func(m, v, e float64) float64 { return m + v*e }},
		{"you left out μ: z = μ + σ·ε", func(m, v, e float64) float64 { return math.Exp(v/2) * e }},
	}
	for _, s := range slips {
		same := len(got) == len(mu)
		for j := 0; same && j < len(mu); j++ {
			same = near(got[j], s.f(mu[j], logVar[j], eps[j]), 1e-12)
		}
		if same {
			return " (" + s.why + ")"
		}
	}
	return ""
}

func TestReparameterize(t *testing.T) {
	cases := []struct {
		name            string
		mu, logVar, eps []float64
		want            []float64
	}{
		// logVar = 0: σ = exp(0) = 1, so z = μ + ε = 1 + 0.5.
		{"unit variance", []float64{1}, []float64{0}, []float64{0.5}, []float64{1.5}},
		// logVar = log 4: σ = exp(½·log 4) = √4 = 2, so z = 0 + 2·(-1.5).
		{"σ = 2", []float64{0}, []float64{math.Log(4)}, []float64{-1.5}, []float64{-3}},
		// logVar = log(1/9): σ = 1/3, so z = -2 + 3/3.
		{"σ = 1/3", []float64{-2}, []float64{-math.Log(9)}, []float64{3}, []float64{-1}},
		// ε = 0 gives the mean, whatever the variance.
		{"ε = 0", []float64{0.25, -7}, []float64{5, -5}, []float64{0, 0}, []float64{0.25, -7}},
		// Each dimension on its own: σ = (1, 2, 1/2); z = (1 + 1, 2 + 2, 3 - 1).
		{"three dimensions", []float64{1, 2, 3}, []float64{0, math.Log(4), math.Log(0.25)}, []float64{1, 1, -2}, []float64{2, 4, 2}},
	}
	for _, c := range cases {
		mu := append([]float64(nil), c.mu...)
		logVar := append([]float64(nil), c.logVar...)
		eps := append([]float64(nil), c.eps...)
		got := Reparameterize(mu, logVar, eps)
		ok := len(got) == len(c.want)
		for j := 0; ok && j < len(got); j++ {
			ok = near(got[j], c.want[j], 1e-12)
		}
		if !ok {
			t.Errorf("%s: Reparameterize(μ %v, logVar %.6g, ε %v) = %v, want %v%s",
				c.name, c.mu, c.logVar, c.eps, got, c.want, mistake(c.mu, c.logVar, c.eps, got))
		}
		if fmt.Sprint(mu, logVar, eps) != fmt.Sprint(c.mu, c.logVar, c.eps) {
			t.Errorf("%s: Reparameterize changed its inputs: write z into a new slice", c.name)
		}
	}
}

// TestMoments draws 100,000 codes for fixed μ and logVar, with ε from a
// seeded standard normal, and checks that each dimension has the mean μ_j
// and the variance σ_j² = exp(logVar_j) of q. The bands are five standard
// errors wide: σ_j/√n for a mean, about σ_j²·√(2/n) for a variance.
func TestMoments(t *testing.T) {
	mu := []float64{1.5, -3, 0}
	logVar := []float64{math.Log(0.25), math.Log(9), 0}
	variance := []float64{0.25, 9, 1}
	const n = 100000
	rng := rand.New(rand.NewPCG(1, 2))
	sum, sumSq := make([]float64, 3), make([]float64, 3)
	eps := make([]float64, 3)
	for i := 0; i < n; i++ {
		for j := range eps {
			eps[j] = rng.NormFloat64()
		}
		z := Reparameterize(mu, logVar, eps)
		if len(z) != len(mu) {
			t.Fatalf("Reparameterize returned %d values for %d latent dimensions", len(z), len(mu))
		}
		for j, v := range z {
			sum[j] += v
			sumSq[j] += v * v
		}
	}
	for j := range mu {
		mean := sum[j] / n
		v := sumSq[j]/n - mean*mean
		if tol := 5 * math.Sqrt(variance[j]/n); math.IsNaN(mean) || math.Abs(mean-mu[j]) > tol {
			t.Errorf("dimension %d: the mean of %d draws is %.5f, want μ = %g ± %.4f", j, n, mean, mu[j], tol)
		}
		if tol := 5 * variance[j] * math.Sqrt(2.0/n); math.IsNaN(v) || math.Abs(v-variance[j]) > tol {
			t.Errorf("dimension %d: the variance of %d draws is %.5f, want σ² = exp(logVar) = %g ± %.4f", j, n, v, variance[j], tol)
		}
	}
}

// TestGradients checks ∂z/∂logVar against hand-worked values and against
// central differences of z(v) = μ + exp(v/2)·ε, and ∂z/∂μ = 1.
func TestGradients(t *testing.T) {
	logVar := []float64{0, 2 * math.Log(3), -1, 3.7, math.Log(0.25)}
	eps := []float64{2, -1, 0.3, -1.2, 0}
	// By hand: ½·1·2 = 1 and ½·3·(-1) = -1.5; ε = 0 gives 0.
	hand := map[int]float64{0: 1, 1: -1.5, 4: 0}
	dMu, dLogVar := Gradients(logVar, eps)
	if len(dMu) != len(logVar) || len(dLogVar) != len(logVar) {
		t.Fatalf("Gradients(%d dimensions) returned %d and %d values", len(logVar), len(dMu), len(dLogVar))
	}
	const h = 1e-5
	for j := range logVar {
		if dMu[j] != 1 {
			t.Errorf("∂z_%d/∂μ_%d = %g, want 1: z moves one for one with μ", j, j, dMu[j])
		}
		z := func(v float64) float64 { return math.Exp(v/2) * eps[j] } // μ cancels in the difference
		numeric := (z(logVar[j]+h) - z(logVar[j]-h)) / (2 * h)
		relErr := math.Abs(dLogVar[j]-numeric) / math.Max(1e-8, math.Abs(dLogVar[j])+math.Abs(numeric))
		if math.IsNaN(dLogVar[j]) || (relErr > 1e-7 && math.Abs(dLogVar[j]-numeric) > 1e-9) {
			t.Errorf("∂z_%d/∂logVar_%d at logVar %.4g, ε %g = %.10g, but central differences give %.10g (relative error %.2g)",
				j, j, logVar[j], eps[j], dLogVar[j], numeric, relErr)
		}
		if w, ok := hand[j]; ok && !near(dLogVar[j], w, 1e-12) {
			t.Errorf("∂z_%d/∂logVar_%d at logVar %.4g, ε %g = %g, want ½·σ·ε = %g", j, j, logVar[j], eps[j], dLogVar[j], w)
		}
	}
}

// TestEdgeCases: variances at the ends of float64's range, no dimensions,
// and slices that do not match.
func TestEdgeCases(t *testing.T) {
	// σ = exp(700) ≈ 1.014e304, which float64 holds; exp(1400) does not.
	big := math.Exp(700) * 1e-4
	if z := Reparameterize([]float64{0}, []float64{1400}, []float64{1e-4}); len(z) != 1 || math.IsInf(z[0], 0) || math.IsNaN(z[0]) || !near(z[0], big, 1e-12) {
		t.Errorf("Reparameterize(μ 0, logVar 1400, ε 1e-4) = %v, want [%g]: σ = exp(½·1400) = exp(700) is finite, "+
			"but √(exp(1400)) = √(+Inf) is not; compute σ as exp(½·logVar)", z, big)
	}
	if _, d := Gradients([]float64{1400}, []float64{1e-4}); len(d) != 1 || !near(d[0], big/2, 1e-12) {
		t.Errorf("Gradients(logVar 1400, ε 1e-4) gave ∂z/∂logVar = %v, want [%g] (½·σ·ε with σ = exp(700))", d, big/2)
	}
	// σ = exp(-700) ≈ 9.9e-305: an encoder sure of its code gives z = μ.
	if z := Reparameterize([]float64{0.5, -2}, []float64{-1400, -1400}, []float64{3, -3}); len(z) != 2 || z[0] != 0.5 || z[1] != -2 {
		t.Errorf("Reparameterize(μ [0.5 -2], logVar -1400, ε [3 -3]) = %v, want [0.5 -2]: σ = exp(-700) is too small to move μ", z)
	}
	if panics(func() { Reparameterize(nil, nil, nil) }) {
		t.Errorf("Reparameterize of no dimensions panicked; want an empty z")
	}
	if !panics(func() { Reparameterize([]float64{1, 2}, []float64{0}, []float64{0, 0}) }) {
		t.Errorf("Reparameterize(2 means, 1 log-variance, 2 noises) did not panic: mismatched slices are a programmer's error, and a z that quietly drops a dimension hides it")
	}
	if !panics(func() { Reparameterize([]float64{1}, []float64{0}, []float64{0, 0}) }) {
		t.Errorf("Reparameterize(1 mean, 1 log-variance, 2 noises) did not panic")
	}
	if !panics(func() { Gradients([]float64{0, 0}, []float64{1}) }) {
		t.Errorf("Gradients(2 log-variances, 1 noise) did not panic")
	}
}
