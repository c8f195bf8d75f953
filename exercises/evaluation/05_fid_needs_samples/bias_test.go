//go:build graded

package fidbias

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

func TestExpectedMeanTerm(t *testing.T) {
	cases := []struct {
		n, d int
		want float64
	}{
		{10, 1, 0.2},
		{100, 1, 0.02},
		{5, 8, 3.2},
		{1000, 2048, 4.096},
		{4, 0, 0}, // no features, nothing to get wrong
		{0, 1, math.Inf(1)},
	}
	for _, c := range cases {
		got := ExpectedMeanTerm(c.n, c.d)
		if math.IsInf(c.want, 1) {
			if !math.IsInf(got, 1) {
				t.Errorf("ExpectedMeanTerm(n %d, d %d) = %g, want +Inf", c.n, c.d, got)
			}
			continue
		}
		if math.IsNaN(got) || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("ExpectedMeanTerm(n %d, d %d) = %g, want %g", c.n, c.d, got, c.want)
		}
	}
}

// TestMonteCarloMatchesClosedForm: the trials below make the standard error
// of the average at most 1/7 of the 5% band around the exact values, so any
// correct simulation lands inside it whatever order it draws in, while a
// simulation that draws only one noisy mean, or only one coordinate, lands
// far outside.
func TestMonteCarloMatchesClosedForm(t *testing.T) {
	cases := []struct {
		n, d, trials int
		want         float64
	}{
		{10, 1, 40000, 0.2},
		{100, 2, 20000, 0.04},
		{5, 8, 5000, 3.2},
	}
	for _, c := range cases {
		got := MonteCarloMeanTerm(c.n, c.d, c.trials, tensor.NewRNG(1))
		if math.IsNaN(got) || math.Abs(got-c.want) > 0.05*c.want {
			t.Errorf("MonteCarloMeanTerm(n %d, d %d, %d trials) = %g, want %g ± 5%%", c.n, c.d, c.trials, got, c.want)
		}
	}
	a := MonteCarloMeanTerm(10, 3, 100, tensor.NewRNG(42))
	b := MonteCarloMeanTerm(10, 3, 100, tensor.NewRNG(42))
	if a != b || a == 0 {
		t.Errorf("two runs from seed 42 gave %g and %g: want the same positive value", a, b)
	}
	// A simulation has noise: 100 trials from another seed give another
	// value, and neither is the exact 0.6.
	if c := MonteCarloMeanTerm(10, 3, 100, tensor.NewRNG(43)); c == a || a == 0.6 || c == 0.6 {
		t.Errorf("100 trials from seeds 42 and 43 gave %g and %g: a simulation's average varies with its draws and is not exactly 0.6", a, c)
	}
}

func TestDebiasedMeanTerm(t *testing.T) {
	cases := []struct {
		name string
		x, y *tensor.Tensor
		want float64
	}{
		// x̄ = (1, 0), ȳ = (5, 2); x's columns have sample variances 2 and
		// 0, y's 4 and 3.
		{"by hand",
			tensor.FromSlice([]float64{0, 0, 2, 0}, 2, 2),
			tensor.FromSlice([]float64{3, 1, 5, 1, 7, 4}, 3, 2), 50.0 / 3},
		// x̄ = 2, ȳ = 10; sample variances 4 and 0.
		{"one column",
			tensor.FromSlice([]float64{0, 2, 4}, 3, 1),
			tensor.FromSlice([]float64{10, 10}, 2, 1), 62.666666666666664},
		// The same sample twice: the plug-in term is 0, and the unbiased
		// estimate is negative.
		{"same sample",
			tensor.FromSlice([]float64{0, 2}, 2, 1),
			tensor.FromSlice([]float64{0, 2}, 2, 1), -2},
		{"one row has no variance",
			tensor.FromSlice([]float64{1, 2}, 1, 2),
			tensor.FromSlice([]float64{0, 0, 2, 2}, 2, 2), math.NaN()},
	}
	for _, c := range cases {
		got := DebiasedMeanTerm(c.x, c.y)
		if math.IsNaN(c.want) {
			if !math.IsNaN(got) {
				t.Errorf("%s: DebiasedMeanTerm = %g, want NaN", c.name, got)
			}
			continue
		}
		if math.IsNaN(got) || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: DebiasedMeanTerm = %.15g, want %.15g", c.name, got, c.want)
		}
	}
}
