package optim_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// Two steps from θ_0 = [1, 2] with lr = 0.1 and gradients g_1 = [1, −2],
// g_2 = [0.5, 3], worked by hand.
func TestSGDFirstTwoSteps(t *testing.T) {
	cases := []struct {
		name         string
		momentum     float64
		nesterov     bool
		weightDecay  float64
		step1, step2 []float64
	}{
		// θ_1 = [1 − 0.1·1, 2 − 0.1·(−2)] = [0.9, 2.2]
		// θ_2 = [0.9 − 0.1·0.5, 2.2 − 0.1·3] = [0.85, 1.9]
		{"plain", 0, false, 0, []float64{0.9, 2.2}, []float64{0.85, 1.9}},
		// b_1 = g_1 = [1, −2];                 θ_1 = [0.9, 2.2]
		// b_2 = 0.9·[1, −2] + [0.5, 3] = [1.4, 1.2]; θ_2 = [0.9 − 0.14, 2.2 − 0.12] = [0.76, 2.08]
		{"momentum", 0.9, false, 0, []float64{0.9, 2.2}, []float64{0.76, 2.08}},
		// b_1 = [1, −2]; d_1 = g_1 + 0.9·b_1 = [1.9, −3.8];  θ_1 = [0.81, 2.38]
		// b_2 = [1.4, 1.2]; d_2 = [0.5 + 1.26, 3 + 1.08] = [1.76, 4.08]; θ_2 = [0.81 − 0.176, 2.38 − 0.408] = [0.634, 1.972]
		{"nesterov", 0.9, true, 0, []float64{0.81, 2.38}, []float64{0.634, 1.972}},
		// λ = 0.5: g_1 + λθ_0 = [1 + 0.5, −2 + 1] = [1.5, −1];  θ_1 = [0.85, 2.1]
		// g_2 + λθ_1 = [0.5 + 0.425, 3 + 1.05] = [0.925, 4.05]; θ_2 = [0.85 − 0.0925, 2.1 − 0.405] = [0.7575, 1.695]
		{"weight decay", 0, false, 0.5, []float64{0.85, 2.1}, []float64{0.7575, 1.695}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := param(1, 2)
			opt := optim.NewSGD([]*autograd.Value{p}, 0.1, c.momentum)
			opt.Nesterov, opt.WeightDecay = c.nesterov, c.weightDecay
			setGrad(p, 1, -2)
			opt.Step()
			near(t, "θ_1", p.Data.Data, c.step1, 1e-12)
			setGrad(p, 0.5, 3)
			opt.Step()
			near(t, "θ_2", p.Data.Data, c.step2, 1e-12)
		})
	}
}

// With a constant gradient g (a linear loss L = Σ c·θ), momentum's velocity
// is a geometric series, b_t = g·(1 − μ^t)/(1 − μ), and summing the steps
//
//	θ_t = θ_0 − lr·g/(1 − μ) · (t − μ·(1 − μ^t)/(1 − μ)).
//
// For large t the step approaches lr·g/(1 − μ): momentum multiplies the
// speed along a consistent slope by 1/(1 − μ).
func TestSGDMomentumMatchesClosedForm(t *testing.T) {
	const lr, mu, steps = 0.01, 0.9, 50
	c := autograd.Const(tensor.FromSlice([]float64{1, -0.5, 3}, 3))
	p := param(0, 0, 0)
	opt := optim.NewSGD([]*autograd.Value{p}, lr, mu)
	var prev []float64
	for i := 1; i <= steps; i++ {
		opt.ZeroGrad()
		autograd.Sum(autograd.Mul(c, p)).Backward()
		prev = snapshot(p)
		opt.Step()
		k := lr / (1 - mu) * (float64(i) - mu*(1-math.Pow(mu, float64(i)))/(1-mu))
		want := []float64{-k * 1, -k * -0.5, -k * 3}
		near(t, "θ_t", p.Data.Data, want, 1e-12)
	}
	// The last step is lr·g·(1 − μ^50)/(1 − μ) ≈ 9.95·lr·g.
	for i, g := range c.Data.Data {
		want := lr * g * (1 - math.Pow(mu, steps)) / (1 - mu)
		if got := prev[i] - p.Data.Data[i]; math.Abs(got-want) > 1e-12 {
			t.Errorf("element %d: last step %g, want lr·g·(1−μ^t)/(1−μ) = %g", i, got, want)
		}
	}
}

func TestSGDSkipsParametersWithoutGradient(t *testing.T) {
	a, b := param(1, 2), param(3, 4)
	opt := optim.NewSGD([]*autograd.Value{a, b}, 0.1, 0.9)
	setGrad(a, 1, 1)
	opt.Step()
	near(t, "parameter without a gradient", b.Data.Data, []float64{3, 4}, 0)
	near(t, "parameter with a gradient", a.Data.Data, []float64{0.9, 1.9}, 1e-15)
	// b's velocity did not move either: its first update is a plain step.
	setGrad(b, 1, 1)
	opt.Step()
	near(t, "first update of b", b.Data.Data, []float64{2.9, 3.9}, 1e-15)
}

func TestZeroGradSetsNil(t *testing.T) {
	p := param(1)
	for _, opt := range []optim.Optimizer{
		optim.NewSGD([]*autograd.Value{p}, 0.1, 0),
		optim.NewAdam([]*autograd.Value{p}, 0.1),
		optim.NewAdamW([]*autograd.Value{p}, 0.1, 0.1),
	} {
		setGrad(p, 1)
		opt.ZeroGrad()
		if p.Grad != nil {
			t.Fatalf("%T.ZeroGrad left %v", opt, p.Grad)
		}
		opt.Step() // and a step with no gradient changes nothing
		if p.Data.Data[0] != 1 {
			t.Fatalf("%T.Step without gradients moved the parameter to %g", opt, p.Data.Data[0])
		}
		opt.SetLR(0.5)
		if opt.LR() != 0.5 {
			t.Fatalf("%T: SetLR(0.5) then LR() = %g", opt, opt.LR())
		}
	}
}

func TestConstructorsRejectDuplicateParameters(t *testing.T) {
	p := param(1)
	defer func() {
		if recover() == nil {
			t.Fatal("NewAdam accepted the same parameter twice")
		}
	}()
	optim.NewAdam([]*autograd.Value{p, p}, 0.1)
}

func TestStepPanicsOnGradientOfWrongSize(t *testing.T) {
	p := param(1, 2)
	opt := optim.NewAdamW([]*autograd.Value{p}, 0.1, 0)
	setGrad(p, 1, 2, 3)
	defer func() {
		if recover() == nil {
			t.Fatal("Step accepted a gradient of 3 elements for a parameter of 2")
		}
	}()
	opt.Step()
}
