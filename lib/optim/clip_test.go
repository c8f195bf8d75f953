package optim_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/optim"
)

// Gradients [3, 0] and [0, 4] (and one parameter with none) have the
// global norm √(9 + 16) = 5.
func clipFixture() []*autograd.Value {
	a, b, c := param(0, 0), param(0, 0), param(0)
	setGrad(a, 3, 0)
	setGrad(b, 0, 4)
	return []*autograd.Value{a, b, c}
}

func TestGradNorm(t *testing.T) {
	if got := optim.GradNorm(clipFixture()); got != 5 {
		t.Fatalf("GradNorm = %g, want √(3² + 4²) = 5", got)
	}
	if got := optim.GradNorm(nil); got != 0 {
		t.Fatalf("GradNorm(nil) = %g, want 0", got)
	}
}

func TestClipGradNormScalesDownToMaxNorm(t *testing.T) {
	params := clipFixture()
	if norm := optim.ClipGradNorm(params, 2); norm != 5 {
		t.Fatalf("returned %g, want the norm before clipping, 5", norm)
	}
	if after := optim.GradNorm(params); math.Abs(after-2) > 1e-15 {
		t.Fatalf("norm after clipping to 2 is %g", after)
	}
	// Every gradient is scaled by the same 2/5: the direction is kept.
	near(t, "first gradient", params[0].Grad.Data, []float64{1.2, 0}, 1e-15)
	near(t, "second gradient", params[1].Grad.Data, []float64{0, 1.6}, 1e-15)
	if params[2].Grad != nil {
		t.Fatal("a nil gradient became non-nil")
	}
}

func TestClipGradNormLeavesShortGradientsAlone(t *testing.T) {
	for _, maxNorm := range []float64{5, 10} {
		params := clipFixture()
		if norm := optim.ClipGradNorm(params, maxNorm); norm != 5 {
			t.Fatalf("returned %g, want 5", norm)
		}
		if params[0].Grad.Data[0] != 3 || params[1].Grad.Data[1] != 4 {
			t.Fatalf("maxNorm %g ≥ norm 5 changed the gradients: %v %v", maxNorm, params[0].Grad, params[1].Grad)
		}
	}
}

// Squaring 1e200 overflows, but the norm of [3e200, 4e200] is 5e200.
func TestGradNormDoesNotOverflow(t *testing.T) {
	p := param(0, 0)
	setGrad(p, 3e200, 4e200)
	if got := optim.GradNorm([]*autograd.Value{p}); math.Abs(got-5e200) > 1e186 {
		t.Fatalf("GradNorm = %g, want 5e200", got)
	}
	optim.ClipGradNorm([]*autograd.Value{p}, 1)
	near(t, "clipped", p.Grad.Data, []float64{0.6, 0.8}, 1e-15)
}

func TestClipGradNormLeavesNonFiniteAlone(t *testing.T) {
	p := param(0, 0)
	setGrad(p, math.Inf(1), 1)
	if norm := optim.ClipGradNorm([]*autograd.Value{p}, 1); !math.IsInf(norm, 1) {
		t.Fatalf("returned %g for an infinite gradient, want +Inf", norm)
	}
	if p.Grad.Data[1] != 1 {
		t.Fatalf("scaled a gradient by a factor computed from an infinite norm: %v", p.Grad)
	}
}
