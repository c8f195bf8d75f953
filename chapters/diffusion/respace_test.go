package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// The respaced schedule has the long one's ᾱ at the kept steps, all of
// them gives the schedule back, and its β̃' is the posterior variance of
// the wide steps.
func TestRespaceKeepsAlphaBar(t *testing.T) {
	s := ho(t)
	steps := StridedSteps(s.T, 50)
	r, err := s.Respace(steps)
	if err != nil {
		t.Fatal(err)
	}
	if r.T != 50 {
		t.Fatalf("T' = %d, want 50", r.T)
	}
	for k := 1; k <= r.T; k++ {
		long := steps[r.T-k]
		if d := math.Abs(r.AlphaBar[k] - s.AlphaBar[long]); d > 1e-12 {
			t.Fatalf("ᾱ'_%d = %g, ᾱ_%d = %g", k, r.AlphaBar[k], long, s.AlphaBar[long])
		}
	}
	// wide steps add more noise each: β'_k > β_{S_k} past the first
	if r.Beta[25] <= s.Beta[steps[r.T-25]] {
		t.Fatalf("β'_25 = %g is not above β_%d = %g", r.Beta[25], steps[r.T-25], s.Beta[steps[r.T-25]])
	}
	all, err := s.Respace(StridedSteps(s.T, s.T))
	if err != nil {
		t.Fatal(err)
	}
	if d := maxAbsDiff(all.Beta, s.Beta); d > 1e-12 {
		t.Fatalf("respacing over every step changes β by %g", d)
	}
	for _, bad := range [][]int{nil, {5, 5}, {3, 7}, {1001, 1}, {5, 0}} {
		if _, err := s.Respace(bad); err == nil {
			t.Errorf("Respace(%v) gave no error", bad)
		}
	}
}

// stepEcho is a Denoiser whose output is the step it was asked about.
type stepEcho struct{ ToyDenoiser }

func (*stepEcho) Forward(xt *autograd.Value, t []int) *autograd.Value {
	out := tensor.New(len(t), 1)
	for i, s := range t {
		out.Data[i] = float64(s)
	}
	return autograd.Const(out)
}

// Step k of the short schedule asks the network about step S_k.
func TestRespacedAsksTheLongStep(t *testing.T) {
	r := NewRespaced(&stepEcho{}, []int{1000, 500, 1})
	got := r.Forward(autograd.Const(tensor.New(3, 1)), []int{1, 2, 3}).Data.Data
	if got[0] != 1 || got[1] != 500 || got[2] != 1000 {
		t.Fatalf("steps 1, 2, 3 asked about %v, want [1 500 1000]", got)
	}
}
