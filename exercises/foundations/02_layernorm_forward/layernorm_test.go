//go:build graded

package layernorm

import (
	"math"
	"testing"
)

func TestUnitScaleGivesZeroMeanUnitVariance(t *testing.T) {
	x := []float64{2, 4, 4, 4, 5, 5, 7, 9} // mean 5, biased variance 4
	ones, zeros := make([]float64, 8), make([]float64, 8)
	for i := range ones {
		ones[i] = 1
	}
	y := Forward(x, ones, zeros, 0)
	if len(y) != 8 {
		t.Fatalf("Forward returned %d values, want 8", len(y))
	}
	for i, v := range y {
		if want := (x[i] - 5) / 2; math.Abs(v-want) > 1e-12 {
			t.Errorf("y[%d] = %g, want (x-μ)/σ = %g", i, v, want)
		}
	}
}

func TestScaleShiftAndEps(t *testing.T) {
	x := []float64{1, 3}
	y := Forward(x, []float64{2, -1}, []float64{0.5, 1}, 1) // μ 2, σ² 1, √(σ²+eps) = √2
	want := []float64{2*(-1)/math.Sqrt2 + 0.5, -1*(1)/math.Sqrt2 + 1}
	if len(y) != 2 {
		t.Fatalf("Forward returned %d values, want 2", len(y))
	}
	for i := range want {
		if math.Abs(y[i]-want[i]) > 1e-12 {
			t.Errorf("y[%d] = %g, want %g", i, y[i], want[i])
		}
	}
}
