package optim_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/optim"
)

// Two steps from θ_0 = [1, 2] with lr = 0.1, λ = 0.1 and gradients
// g_1 = [1, −2], g_2 = [0.5, 3]: Adam's steps (worked out in
// TestAdamFirstTwoSteps) plus a shrink by 1 − lr·λ = 0.99 each step.
func TestAdamWFirstTwoSteps(t *testing.T) {
	p := param(1, 2)
	opt := optim.NewAdamW([]*autograd.Value{p}, 0.1, 0.1)

	// θ_1 = 0.99·[1, 2] − 0.1·[1/(1 + 1e-8), −2/(2 + 1e-8)] = [0.890000001, 2.0799999995]
	setGrad(p, 1, -2)
	opt.Step()
	near(t, "θ_1", p.Data.Data, []float64{0.890000001, 2.0799999995}, 1e-13)

	// θ_2 = 0.99·θ_1 − [0.0932179627, 0.0247701815]   (Adam's second step)
	//     = [0.8811000010 − 0.0932179627, 2.0591999995 − 0.0247701815]
	//     = [0.7878820383, 2.0344298180]
	setGrad(p, 0.5, 3)
	opt.Step()
	near(t, "θ_2", p.Data.Data, []float64{0.7878820383, 2.0344298180}, 1e-10)
}

// With a zero loss gradient, m and v stay zero, Adam's part of the step is
// 0/(0 + eps) = 0, and AdamW only decays: after k steps every weight is
// θ_0·(1 − lr·λ)^k, large and small alike. Adam with the same λ as an L2
// penalty instead feeds λ·θ through m/√v, which turns it into steps of
// about lr·sign(θ): the small weight loses a far larger fraction than the
// large one.
func TestAdamWDecayIsDecoupled(t *testing.T) {
	const lr, lambda, steps = 0.01, 0.1, 5
	w, l2 := param(3, -0.5), param(3, -0.5)
	adamW := optim.NewAdamW([]*autograd.Value{w}, lr, lambda)
	adam := optim.NewAdam([]*autograd.Value{l2}, lr)
	adam.WeightDecay = lambda
	for k := 1; k <= steps; k++ {
		setGrad(w, 0, 0)
		setGrad(l2, 0, 0)
		adamW.Step()
		adam.Step()
		f := math.Pow(1-lr*lambda, float64(k))
		near(t, "AdamW with zero gradient", w.Data.Data, []float64{3 * f, -0.5 * f}, 1e-14)
	}
	// Adam with L2: each step ≈ lr·sign(θ), so 5 steps take ≈ 0.05 off each
	// (not exactly: λ·θ shrinks a little from step to step).
	near(t, "Adam with L2 and zero gradient", l2.Data.Data, []float64{2.95, -0.45}, 1e-3)
	kept0, kept1 := l2.Data.Data[0]/3, l2.Data.Data[1]/-0.5
	if math.Abs(kept0-kept1) < 0.05 {
		t.Errorf("Adam+L2 kept fractions %g and %g of the two weights; coupled decay should treat them differently", kept0, kept1)
	}
}

// Decoupling makes the decay independent of the gradient's scale. Two
// weights start equal and see steady gradients of the same sign but sizes
// 1e-3 and 1e+3. Adam's normalised step is the same for both, so under
// AdamW they stay equal. Under Adam with L2, λ·θ = 0.1 swamps the small
// gradient and is negligible beside the large one, so the weights part.
func TestAdamWDecayIgnoresGradientScale(t *testing.T) {
	const lr, lambda, steps = 0.01, 0.1, 100
	w, l2 := param(1, 1), param(1, 1)
	adamW := optim.NewAdamW([]*autograd.Value{w}, lr, lambda)
	adam := optim.NewAdam([]*autograd.Value{l2}, lr)
	adam.WeightDecay = lambda
	for k := 0; k < steps; k++ {
		setGrad(w, 1e-3, 1e3)
		setGrad(l2, 1e-3, 1e3)
		adamW.Step()
		adam.Step()
	}
	// (Up to eps: 1e-3/(1e-3 + 1e-8) leaves the small-gradient steps 1e-5 short.)
	if d := math.Abs(w.Data.Data[0] - w.Data.Data[1]); d > 1e-4 {
		t.Errorf("AdamW: weights with gradients 1e-3 and 1e3 differ by %g after %d steps: %v", d, steps, w.Data.Data)
	}
	if d := math.Abs(l2.Data.Data[0] - l2.Data.Data[1]); d < 0.1 {
		t.Errorf("Adam+L2: weights with gradients 1e-3 and 1e3 differ by only %g: %v", d, l2.Data.Data)
	}
}
