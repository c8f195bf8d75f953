//go:build graded

package efitness

import (
	"math"
	"testing"
)

// near reports whether got is within tol of want; NaN matches only NaN
// and an infinity only itself.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol
}

var l3 = math.Log(3) // σ(log 3) = 3/4, σ(-log 3) = 1/4

func TestQuality(t *testing.T) {
	cases := []struct {
		logits []float64
		want   float64
	}{
		{[]float64{0, 0}, 0.5},
		{[]float64{l3}, 0.75},
		{[]float64{l3, -l3}, 0.5}, // the mean of probabilities, 3/4 and 1/4
		// σ(log 4) = 4/5: (1/2 + 3/4 + 4/5)/3 = (10 + 15 + 16)/60.
		{[]float64{0, l3, math.Log(4)}, 41.0 / 60},
		{[]float64{1000, -1000}, 0.5},
		{[]float64{-1000}, 0},
		{nil, math.NaN()},
	}
	for _, c := range cases {
		if got := Quality(c.logits); !near(got, c.want, 1e-12) {
			t.Errorf("Quality(%v) = %.15g, want %.15g", c.logits, got, c.want)
		}
	}
}

func TestDiversity(t *testing.T) {
	cases := []struct {
		grad []float64
		want float64
	}{
		{[]float64{3, 4}, -math.Log(5)}, // ‖g‖ = 5
		{[]float64{-3, -4}, -math.Log(5)},
		{[]float64{0.3, 0.4}, math.Log(2)}, // ‖g‖ = 1/2
		{[]float64{0.5, 0.5, 0.5, 0.5}, 0}, // ‖g‖ = 1: not the sum of |g_i|, which is 2
		{[]float64{0, -math.E, 0}, -1},     // ‖g‖ = e
		{[]float64{1}, 0},
		{[]float64{0, 0}, math.Inf(1)},                       // nothing to learn
		{nil, math.Inf(1)},                                   // a discriminator without weights
		{[]float64{2, 2, 2, 2, 2, 2, 2, 2, 2}, -math.Log(6)}, // √(9·4) = 6
	}
	for _, c := range cases {
		if got := Diversity(c.grad); !near(got, c.want, 1e-12) {
			t.Errorf("Diversity(%v) = %.15g, want %.15g", c.grad, got, c.want)
		}
	}
}

func TestFitness(t *testing.T) {
	cases := []struct {
		name   string
		logits []float64
		grad   []float64
		gamma  float64
		want   float64
	}{
		{"3/4 + 0.5·(-log 5)", []float64{l3}, []float64{3, 4}, 0.5, 0.75 - 0.5*math.Log(5)},
		{"1/2 + 2·(-log 1)", []float64{0}, []float64{0.6, 0.8}, 2, 0.5},
		{"1/4 + 1·log 2", []float64{-l3}, []float64{0.3, 0.4}, 1, 0.25 + math.Log(2)},
		{"γ = 0: quality alone", []float64{l3}, []float64{3, 4}, 0, 0.75},
		{"γ = 0 and a zero gradient: still quality alone", []float64{0, 0}, []float64{0, 0}, 0, 0.5},
		{"γ > 0 and a zero gradient", []float64{0, 0}, []float64{0, 0}, 0.1, math.Inf(1)},
	}
	for _, c := range cases {
		if got := Fitness(c.logits, c.grad, c.gamma); !near(got, c.want, 1e-12) {
			t.Errorf("%s: Fitness(%v, %v, %g) = %.15g, want %.15g", c.name, c.logits, c.grad, c.gamma, got, c.want)
		}
	}
}

func TestBest(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		fitness []float64
		want    int
	}{
		{[]float64{0.2, 0.7, 0.5}, 1},
		{[]float64{0.7, 0.7, 0.1}, 0}, // a tie goes to the first
		{[]float64{0.1, 0.7, 0.7}, 1},
		{[]float64{-3, -1, -2}, 1}, // every fitness below 0
		{[]float64{5}, 0},
		{[]float64{0.1, inf, 3}, 1},
		{[]float64{-inf, -inf}, 0}, // -Inf is a fitness, a bad one
		{[]float64{nan, 0.1, 0.3}, 2},
		{[]float64{0.1, nan, 0.3}, 2},
		{[]float64{0.5, nan, 0.3}, 0},
		{[]float64{nan, nan}, -1},
		{nil, -1},
	}
	for _, c := range cases {
		if got := Best(c.fitness); got != c.want {
			t.Errorf("Best(%v) = %d, want %d", c.fitness, got, c.want)
		}
	}
}

// TestQualityDiversityTradeOff: three children and what γ makes of them.
//
//	A fools D best but teaches it much:   F_q = 3/4, ‖g‖ = 5,   F_d = -log 5 ≈ -1.609
//	B is in the middle:                   F_q = 1/2, ‖g‖ = 1,   F_d = 0
//	C is caught, but teaches D little:    F_q = 1/4, ‖g‖ = 1/2, F_d = log 2 ≈ 0.693
//
// γ = 0:   0.75, 0.5, 0.25                        → A
// γ = 0.3: 0.75 - 0.483, 0.5, 0.25 + 0.208        → B (0.267, 0.5, 0.458)
// γ = 1:   0.75 - 1.609, 0.5, 0.25 + 0.693        → C (-0.859, 0.5, 0.943)
func TestQualityDiversityTradeOff(t *testing.T) {
	logits := [][]float64{{l3, l3}, {0, 0}, {-l3}}
	grads := [][]float64{{3, 4}, {0.6, 0.8}, {0.3, 0.4}}
	cases := []struct {
		gamma  float64
		winner int
		want   []float64
	}{
		{0, 0, []float64{0.75, 0.5, 0.25}},
		{0.3, 1, []float64{0.75 - 0.3*math.Log(5), 0.5, 0.25 + 0.3*math.Log(2)}},
		{1, 2, []float64{0.75 - math.Log(5), 0.5, 0.25 + math.Log(2)}},
	}
	for _, c := range cases {
		f := make([]float64, 3)
		for i := range f {
			f[i] = Fitness(logits[i], grads[i], c.gamma)
			if !near(f[i], c.want[i], 1e-12) {
				t.Errorf("γ = %g: the fitness of child %c is %.15g, want %.15g", c.gamma, 'A'+i, f[i], c.want[i])
			}
		}
		if got := Best(f); got != c.winner {
			t.Errorf("γ = %g: Best(%v) = %d, want %d (child %c)", c.gamma, f, got, c.winner, 'A'+c.winner)
		}
	}
}
