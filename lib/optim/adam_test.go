package optim_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/optim"
)

// Two steps from θ_0 = [1, 2] with lr = 0.1, beta1 = 0.9, beta2 = 0.999,
// eps = 1e-8 and gradients g_1 = [1, −2], g_2 = [0.5, 3], worked by hand.
func TestAdamFirstTwoSteps(t *testing.T) {
	p := param(1, 2)
	opt := optim.NewAdam([]*autograd.Value{p}, 0.1)

	// m_1 = 0.1·g_1 = [0.1, −0.2]        v_1 = 0.001·g_1² = [0.001, 0.004]
	// m̂_1 = m_1/0.1 = [1, −2]            v̂_1 = v_1/0.001 = [1, 4]
	// θ_1 = θ_0 − 0.1·[1/(1 + 1e-8), −2/(2 + 1e-8)] = [0.900000001, 2.0999999995]
	// (eps sits outside the square root: inside it the 1e-9 would be 5e-9.)
	setGrad(p, 1, -2)
	opt.Step()
	near(t, "θ_1", p.Data.Data, []float64{0.900000001, 2.0999999995}, 1e-13)

	// m_2 = 0.9·[0.1, −0.2] + 0.1·[0.5, 3]            = [0.14, 0.12]
	// v_2 = 0.999·[0.001, 0.004] + 0.001·[0.25, 9]    = [0.001249, 0.012996]
	// m̂_2 = m_2/(1 − 0.9²) = m_2/0.19                 = [0.7368421053, 0.6315789474]
	// v̂_2 = v_2/(1 − 0.999²) = v_2/0.001999           = [0.6248124062, 6.5012506253]
	// √v̂_2                                            = [0.7904507614, 2.5497550128]
	// θ_2 = θ_1 − 0.1·m̂_2/√v̂_2 = θ_1 − [0.0932179627, 0.0247701815]
	//                                                 = [0.8067820383, 2.0752298180]
	setGrad(p, 0.5, 3)
	opt.Step()
	near(t, "θ_2", p.Data.Data, []float64{0.8067820383, 2.0752298180}, 1e-10)
}

// With bias correction, m̂ = g and v̂ = g² exactly while the gradient is
// constant, so each of the first steps moves every weight by lr·sign(g),
// whatever the gradient's size. Without it the first step would be
// 0.1·g/√(0.001·g²) ≈ 3.16·lr, and later ones would shrink towards lr.
func TestAdamBiasCorrectionStepsByLR(t *testing.T) {
	const lr = 0.01
	grads := []float64{1e-3, -0.5, 40, -7e4}
	p := param(0, 0, 0, 0)
	opt := optim.NewAdam([]*autograd.Value{p}, lr)
	for step := 1; step <= 10; step++ {
		before := snapshot(p)
		setGrad(p, grads...)
		opt.Step()
		for i, g := range grads {
			moved := p.Data.Data[i] - before[i]
			want := -lr * math.Copysign(1, g)
			// eps/|g| bounds the relative shortfall: 1e-5 for |g| = 1e-3.
			if math.Abs(moved-want) > lr*1e-5 {
				t.Errorf("step %d, gradient %g: moved %.10g, want lr·sign(g)·(−1) = %g", step, g, moved, want)
			}
		}
	}
}

// A parameter's step count t advances only when it has a gradient: a
// parameter first updated at the optimizer's second step still gets the
// bias correction of a first step, and moves by lr.
func TestAdamCountsStepsPerParameter(t *testing.T) {
	a, b := param(0), param(0)
	opt := optim.NewAdam([]*autograd.Value{a, b}, 0.1)
	setGrad(a, 1)
	opt.Step()
	if b.Data.Data[0] != 0 {
		t.Fatalf("a parameter without gradient moved to %g", b.Data.Data[0])
	}
	setGrad(b, 5)
	opt.Step()
	near(t, "first update of b at the optimizer's second step", b.Data.Data, []float64{-0.1}, 1e-9)
	near(t, "a after two steps", a.Data.Data, []float64{-0.2}, 1e-8)
}

// Adam's WeightDecay is the L2 penalty: it adds λ·θ to the gradient,
// which then goes through m and v. With a zero loss gradient the first step
// is therefore lr·sign(θ), whatever θ's size; see also AdamW's tests.
func TestAdamWeightDecayIsL2(t *testing.T) {
	p := param(3, -0.5)
	opt := optim.NewAdam([]*autograd.Value{p}, 0.01)
	opt.WeightDecay = 0.1
	setGrad(p, 0, 0)
	opt.Step()
	near(t, "θ_1", p.Data.Data, []float64{2.99, -0.49}, 1e-8)
}
