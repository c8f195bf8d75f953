//go:build graded

package frechet1d

import (
	"math"
	"testing"
)

// near reports whether got is within tol of want; NaN matches only NaN.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

func TestFrechetGaussian1D(t *testing.T) {
	cases := []struct {
		name                 string
		mu1, var1, mu2, var2 float64
		want                 float64
	}{
		{"identical", 0, 1, 0, 1, 0},
		{"shifted mean", 0, 1, 3, 1, 9},
		{"variances 4 and 1", 0, 4, 0, 1, 1},
		{"means and variances both differ", 1, 9, -1, 25, 8},
		{"swapped arguments give the same", -1, 25, 1, 9, 8},
		{"point masses", 2, 0, 5, 0, 9},
		{"point mass against N(0, 2.25)", 0, 0, 0, 2.25, 2.25},
	}
	for _, c := range cases {
		if got := FrechetGaussian1D(c.mu1, c.var1, c.mu2, c.var2); !near(got, c.want, 1e-12) {
			t.Errorf("%s: FrechetGaussian1D(%g, %g, %g, %g) = %g, want %g", c.name, c.mu1, c.var1, c.mu2, c.var2, got, c.want)
		}
	}
}

func TestFitGaussian(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name       string
		x          []float64
		mean, vari float64
	}{
		// Σ(x-3)² = 4+1+0+1+4 = 10; 10/4 = 2.5 (dividing by N = 5 would give 2).
		{"1..5", []float64{1, 2, 3, 4, 5}, 3, 2.5},
		{"two samples", []float64{-1, 3}, 1, 8},
		{"constant", []float64{7, 7, 7}, 7, 0},
		{"one sample: variance undefined", []float64{5}, 5, nan},
		{"no samples", nil, nan, nan},
	}
	for _, c := range cases {
		m, v := FitGaussian(c.x)
		if !near(m, c.mean, 1e-12) || !near(v, c.vari, 1e-12) {
			t.Errorf("%s: FitGaussian(%v) = (%g, %g), want (%g, %g)", c.name, c.x, m, v, c.mean, c.vari)
		}
	}
}

func TestFrechetSamples(t *testing.T) {
	cases := []struct {
		name string
		x, y []float64
		want float64
	}{
		// x: mean 3, variance 2.5. y = 2x: mean 6, variance 10.
		{"x and 2x", []float64{1, 2, 3, 4, 5}, []float64{2, 4, 6, 8, 10}, 11.5},
		// Same spread, shifted by 10: only the mean term is left.
		{"shift", []float64{1, 2, 3, 4, 5}, []float64{11, 12, 13, 14, 15}, 100},
		{"same samples", []float64{0.5, -1, 2}, []float64{2, 0.5, -1}, 0},
		{"one sample is not enough", []float64{1}, []float64{1, 2, 3}, math.NaN()},
		{"empty", nil, []float64{1, 2, 3}, math.NaN()},
	}
	for _, c := range cases {
		if got := FrechetSamples(c.x, c.y); !near(got, c.want, 1e-9) {
			t.Errorf("%s: FrechetSamples(%v, %v) = %g, want %g", c.name, c.x, c.y, got, c.want)
		}
	}
}
