package optim_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/optim"
)

func TestWarmupCosineKeySteps(t *testing.T) {
	s := optim.WarmupCosine{Base: 1e-3, Min: 1e-4, Warmup: 100, Total: 1100}
	cases := []struct {
		step int
		want float64
		why  string
	}{
		{-5, 0, "before the start: 0"},
		{0, 0, "warmup starts from 0"},
		{1, 1e-5, "Base·1/100"},
		{50, 5e-4, "halfway up: Base/2"},
		{100, 1e-3, "end of warmup: Base"},
		{350, 1e-4 + 0.5*9e-4*(1+math.Cos(math.Pi/4)), "a quarter of the decay: cos(π/4)"},
		{600, 5.5e-4, "halfway down: (Base + Min)/2"},
		{1100, 1e-4, "at Total: Min"},
		{5000, 1e-4, "beyond Total: Min"},
	}
	for _, c := range cases {
		if got := s.LR(c.step); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("LR(%d) = %.10g, want %.10g (%s)", c.step, got, c.want, c.why)
		}
	}
	// The decay never rises and never undershoots Min.
	for step := s.Warmup; step < s.Total+10; step++ {
		if a, b := s.LR(step), s.LR(step+1); b > a || b < s.Min {
			t.Fatalf("LR(%d) = %g then LR(%d) = %g", step, a, step+1, b)
		}
	}
}

func TestWarmupCosineWithoutWarmup(t *testing.T) {
	s := optim.WarmupCosine{Base: 2, Min: 0, Total: 10}
	for _, c := range []struct{ step, want float64 }{{0, 2}, {5, 1}, {10, 0}} {
		if got := s.LR(int(c.step)); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("LR(%g) = %g, want %g", c.step, got, c.want)
		}
	}
}

func TestNoamPeaksAtWarmup(t *testing.T) {
	s := optim.Noam{DModel: 512, Warmup: 4000, Factor: 1}
	peak := 1 / math.Sqrt(512*4000.0) // d_model^−0.5 · warmup^−0.5 ≈ 6.988e-4
	cases := []struct {
		step int
		want float64
	}{
		{0, 0},
		{1, 1 / math.Sqrt(512) * math.Pow(4000, -1.5)}, // step·warmup^−1.5
		{2000, peak / 2},  // linear on the way up
		{4000, peak},      // both branches meet
		{16000, peak / 2}, // step^−0.5: 4× the steps, ½ the rate
		{1000000, 1 / math.Sqrt(512) / math.Sqrt(1e6)}, // still decaying
	}
	for _, c := range cases {
		if got := s.LR(c.step); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("LR(%d) = %.10g, want %.10g", c.step, got, c.want)
		}
	}
	for _, step := range []int{1, 100, 3999, 4001, 5000, 100000} {
		if s.LR(step) >= s.LR(4000) {
			t.Errorf("LR(%d) = %g is not below the peak LR(4000) = %g", step, s.LR(step), s.LR(4000))
		}
	}
	if got := (optim.Noam{DModel: 512, Warmup: 4000, Factor: 2}).LR(4000); math.Abs(got-2*peak) > 1e-15 {
		t.Errorf("Factor 2 gives peak %g, want %g", got, 2*peak)
	}
}

func TestConstant(t *testing.T) {
	s := optim.Constant(3e-4)
	for _, step := range []int{0, 1, 1000000} {
		if s.LR(step) != 3e-4 {
			t.Errorf("Constant(3e-4).LR(%d) = %g", step, s.LR(step))
		}
	}
}

// WithSchedule sets the rate of update t from LR(t), t counted from 1,
// before making the update; ApplySchedule does the same by hand.
func TestScheduledFollowsSchedule(t *testing.T) {
	p := param(0)
	s := optim.WarmupCosine{Base: 1, Min: 0, Warmup: 4, Total: 8}
	opt := optim.WithSchedule(optim.NewSGD([]*autograd.Value{p}, 123, 0), s)
	if opt.LR() != s.LR(1) {
		t.Fatalf("before the first step LR() = %g, want LR(1) = %g", opt.LR(), s.LR(1))
	}
	want := 0.0
	for step := 1; step <= 10; step++ {
		setGrad(p, -1) // θ moves by +lr
		opt.Step()
		want += s.LR(step)
		if opt.LR() != s.LR(step) || math.Abs(p.Data.Data[0]-want) > 1e-15 {
			t.Fatalf("step %d: LR %g, θ %g; want LR %g, θ %g", step, opt.LR(), p.Data.Data[0], s.LR(step), want)
		}
	}

	plain := optim.NewAdam([]*autograd.Value{p}, 0)
	if lr := optim.ApplySchedule(plain, s, 2); lr != 0.5 || plain.LR() != 0.5 {
		t.Fatalf("ApplySchedule at step 2 returned %g and set %g, want 0.5", lr, plain.LR())
	}
}
