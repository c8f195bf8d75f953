package diffusion

import (
	"math"
	"testing"
)

// v = 1 gives β_t and v = 0 gives β̃_t exactly; at t = 1 the lower end is
// β̃_2, since β̃_1 = 0.
func TestLearnedVarianceEnds(t *testing.T) {
	s := ho(t)
	for _, i := range []int{2, 3, 100, 1000} {
		if got := math.Exp(s.LearnedLogVariance(1, i)); math.Abs(got-s.Beta[i]) > 1e-15*s.Beta[i] {
			t.Errorf("t = %d, v = 1: Σ = %.17g; want β_t = %.17g", i, got, s.Beta[i])
		}
		if got := math.Exp(s.LearnedLogVariance(0, i)); math.Abs(got-s.BetaTilde[i]) > 1e-15*s.BetaTilde[i] {
			t.Errorf("t = %d, v = 0: Σ = %.17g; want β̃_t = %.17g", i, got, s.BetaTilde[i])
		}
	}
	if got := math.Exp(s.LearnedLogVariance(0, 1)); math.Abs(got-s.BetaTilde[2]) > 1e-15*s.BetaTilde[2] {
		t.Errorf("t = 1, v = 0: Σ = %g; want β̃_2 = %g", got, s.BetaTilde[2])
	}
	// halfway in log space is the geometric mean
	if got, want := math.Exp(s.LearnedLogVariance(0.5, 10)), math.Sqrt(s.Beta[10]*s.BetaTilde[10]); math.Abs(got-want) > 1e-15 {
		t.Errorf("v = 0.5: Σ = %g; want √(β_t β̃_t) = %g", got, want)
	}
}
