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

// slip is what a common mistake would give for one case, and its name.
type slip struct {
	z   []float64
	why string
}

// mistake names the slip whose z matches got, if any.
func mistake(got []float64, slips []slip) string {
	for _, s := range slips {
		same := len(got) == len(s.z)
		for j := 0; same && j < len(got); j++ {
			same = near(got[j], s.z[j], 1e-12)
		}
		if same {
			return " (" + s.why + ")"
		}
	}
	return ""
}

// The slips the cases below name, in words.
const (
	byVariance = "you scaled ε by the variance; the scale is the standard deviation"
	byLogVar   = "you scaled ε by logVar itself, which is a logarithm, not a scale"
	noMean     = "you left out the mean: a draw from q is centred on μ"
)

func TestReparameterize(t *testing.T) {
	l4 := math.Log(4)
	cases := []struct {
		name            string
		mu, logVar, eps []float64
		want            []float64
		slips           []slip
	}{
		// μ = 1, σ² = 1, ε = ½.
		{"unit variance", []float64{1}, []float64{0}, []float64{0.5}, []float64{1.5},
			[]slip{{[]float64{1}, byLogVar}, {[]float64{0.5}, noMean}}},
		// μ = 0, σ² = 4, ε = -1.5.
		{"σ = 2", []float64{0}, []float64{l4}, []float64{-1.5}, []float64{-3},
			[]slip{{[]float64{-6}, byVariance}, {[]float64{-2.0794415416798357}, byLogVar}}},
		// μ = -2, σ² = 1/9, ε = 3.
		{"σ = 1/3", []float64{-2}, []float64{-math.Log(9)}, []float64{3}, []float64{-1},
			[]slip{{[]float64{-5.0 / 3}, byVariance}, {[]float64{-8.591673732008658}, byLogVar}, {[]float64{1}, noMean}}},
		// ε = 0 gives the mean, whatever the variance.
		{"ε = 0", []float64{0.25, -7}, []float64{5, -5}, []float64{0, 0}, []float64{0.25, -7},
			[]slip{{[]float64{0, 0}, noMean}}},
		// μ = (1, 2, 3), σ² = (1, 4, ¼), ε = (1, 1, -2).
		{"three dimensions", []float64{1, 2, 3}, []float64{0, l4, -l4}, []float64{1, 1, -2}, []float64{2, 4, 2},
			[]slip{{[]float64{2, 6, 2.5}, byVariance}, {[]float64{1, 3.386294361119891, 5.772588722239782}, byLogVar}, {[]float64{1, 2, -1}, noMean}}},
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
				c.name, c.mu, c.logVar, c.eps, got, c.want, mistake(got, c.slips))
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

// TestGradients checks ∂z/∂μ and ∂z/∂logVar against values worked by
// hand, at one ε each.
func TestGradients(t *testing.T) {
	logVar := []float64{0, 2 * math.Log(3), -1, 3.7, math.Log(0.25)}
	eps := []float64{2, -1, 0.3, -1.2, 0}
	// σ² = 1, 9, 0.368, 40.4 and ¼; ε = 0 gives 0.
	want := []float64{1, -1.5, 0.09097959895689502, -3.815891713561099, 0}
	dMu, dLogVar := Gradients(logVar, eps)
	if len(dMu) != len(logVar) || len(dLogVar) != len(logVar) {
		t.Fatalf("Gradients(%d dimensions) returned %d and %d values", len(logVar), len(dMu), len(dLogVar))
	}
	for j := range logVar {
		if dMu[j] != 1 {
			t.Errorf("∂z_%d/∂μ_%d = %g, want 1: z moves one for one with μ", j, j, dMu[j])
		}
		if math.IsNaN(dLogVar[j]) || !near(dLogVar[j], want[j], 1e-12) {
			why := ""
			if near(dLogVar[j], 2*want[j], 1e-12) && want[j] != 0 {
				why = " (twice too large: mind the square root between the variance and σ)"
			}
			t.Errorf("∂z_%d/∂logVar_%d at logVar %.4g, ε %g = %.15g, want %.15g%s; compare with central differences of your Reparameterize",
				j, j, logVar[j], eps[j], dLogVar[j], want[j], why)
		}
	}
}

// TestEdgeCases: variances at the ends of float64's range, no dimensions,
// and slices that do not match.
func TestEdgeCases(t *testing.T) {
	// σ ≈ 1.014e304, which float64 holds, though σ² does not.
	const big = 1.0142320547350045e+300 // z at ε = 1e-4
	if z := Reparameterize([]float64{0}, []float64{1400}, []float64{1e-4}); len(z) != 1 || math.IsInf(z[0], 0) || math.IsNaN(z[0]) || !near(z[0], big, 1e-12) {
		t.Errorf("Reparameterize(μ 0, logVar 1400, ε 1e-4) = %v, want [%g]: the standard deviation is finite here, "+
			"but the variance overflows to +Inf; find σ from logVar without forming σ²", z, big)
	}
	if _, d := Gradients([]float64{1400}, []float64{1e-4}); len(d) != 1 || !near(d[0], 5.071160273675023e+299, 1e-12) {
		t.Errorf("Gradients(logVar 1400, ε 1e-4) gave ∂z/∂logVar = %v, want [5.071160273675023e+299], finite like σ itself", d)
	}
	// σ ≈ 9.9e-305: an encoder sure of its code gives z = μ.
	if z := Reparameterize([]float64{0.5, -2}, []float64{-1400, -1400}, []float64{3, -3}); len(z) != 2 || z[0] != 0.5 || z[1] != -2 {
		t.Errorf("Reparameterize(μ [0.5 -2], logVar -1400, ε [3 -3]) = %v, want [0.5 -2]: σ ≈ 9.9e-305 is too small to move μ", z)
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
