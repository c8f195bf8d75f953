//go:build graded

package adamstep

import (
	"math"
	"testing"
)

// TestFirstStepMovesByLR: after bias correction, m̂ = g and v̂ = g² at t = 1,
// so every weight moves by lr·sign(g) whatever the gradient's size.
func TestFirstStepMovesByLR(t *testing.T) {
	theta := []float64{1, 1, 1}
	g := []float64{1e-3, -50, 2}
	m, v := make([]float64, 3), make([]float64, 3)
	Step(theta, g, m, v, 1, 0.1, 0.9, 0.999, 1e-12)
	want := []float64{0.9, 1.1, 0.9}
	for i := range want {
		if math.Abs(theta[i]-want[i]) > 1e-6 {
			t.Errorf("θ[%d] = %g after one step, want %g", i, theta[i], want[i])
		}
	}
}

// TestSecondStepByHand: g = 1 then g = 3, lr 0.1, β1 0.9, β2 0.999, eps 0.
// m = 0.1 then 0.39; v = 0.001 then 0.009999; m̂ = 0.39/0.19, v̂ = 0.009999/0.001999.
func TestSecondStepByHand(t *testing.T) {
	theta, m, v := []float64{0}, []float64{0}, []float64{0}
	Step(theta, []float64{1}, m, v, 1, 0.1, 0.9, 0.999, 0)
	Step(theta, []float64{3}, m, v, 2, 0.1, 0.9, 0.999, 0)
	if math.Abs(m[0]-0.39) > 1e-12 || math.Abs(v[0]-0.009999) > 1e-12 {
		t.Fatalf("moments m = %g, v = %g; want 0.39 and 0.009999", m[0], v[0])
	}
	want := -0.1 - 0.1*(0.39/0.19)/math.Sqrt(0.009999/(1-0.999*0.999))
	if math.Abs(theta[0]-want) > 1e-12 {
		t.Errorf("θ = %.12g after two steps, want %.12g", theta[0], want)
	}
}
