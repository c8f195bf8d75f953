package diffusion

import (
	"math"
	"testing"
)

// The linear schedule of Ho et al. keeps ᾱ_T ≈ 4·10⁻⁵: after 1000 steps
// √ᾱ_T ≈ 0.0064 of the data is left, so x_T is as good as N(0, I).
// ᾱ_t falls, β̃_t lies in [0, β_t], and β̃_1 = 0.
func TestLinearScheduleShape(t *testing.T) {
	s := ho(t)
	if s.T != 1000 || s.Beta[1] != 1e-4 || math.Abs(s.Beta[1000]-0.02) > 1e-15 {
		t.Fatalf("T %d, β_1 %g, β_T %g", s.T, s.Beta[1], s.Beta[1000])
	}
	if a := s.AlphaBar[1000]; !(a > 3e-5 && a < 5e-5) {
		t.Fatalf("ᾱ_T = %g; want about 4e-5", a)
	}
	if s.BetaTilde[1] != 0 {
		t.Fatalf("β̃_1 = %g; want 0", s.BetaTilde[1])
	}
	for i := 1; i <= s.T; i++ {
		if !(s.AlphaBar[i] < s.AlphaBar[i-1]) || s.BetaTilde[i] < 0 || s.BetaTilde[i] > s.Beta[i] {
			t.Fatalf("t = %d: ᾱ %g after %g, β̃ %g against β %g", i, s.AlphaBar[i], s.AlphaBar[i-1], s.BetaTilde[i], s.Beta[i])
		}
	}
}

// The cosine schedule's ᾱ_t is f(t)/f(0) wherever β_t is not clipped, and
// ends at 0 only through the clip.
func TestCosineScheduleFollowsItsCurve(t *testing.T) {
	const T, off = 1000, 0.008
	s, err := CosineSchedule(T, off)
	if err != nil {
		t.Fatal(err)
	}
	f := func(t int) float64 {
		c := math.Cos((float64(t)/T + off) / (1 + off) * math.Pi / 2)
		return c * c
	}
	for _, i := range []int{1, 10, 250, 500, 900, 990} {
		if want := f(i) / f(0); math.Abs(s.AlphaBar[i]-want) > 1e-12 {
			t.Fatalf("ᾱ_%d = %.15g; want f(t)/f(0) = %.15g", i, s.AlphaBar[i], want)
		}
	}
	if s.Beta[T] != CosineMaxBeta {
		t.Fatalf("β_T = %g; want the clip %g", s.Beta[T], CosineMaxBeta)
	}
	// Halfway the cosine keeps 0.49 of the data's variance, the linear schedule 0.08.
	if lin := ho(t); !(s.AlphaBar[500] > 5*lin.AlphaBar[500]) {
		t.Fatalf("ᾱ_500: cosine %g, linear %g", s.AlphaBar[500], lin.AlphaBar[500])
	}
}

func TestScheduleRejectsBadSteps(t *testing.T) {
	for _, betas := range [][]float64{nil, {0.1, 0}, {1}, {0.2, math.NaN()}} {
		if _, err := NewSchedule(betas); err == nil {
			t.Errorf("NewSchedule(%v) gave no error", betas)
		}
	}
	if _, err := LinearSchedule(0, 1e-4, 0.02); err == nil {
		t.Error("LinearSchedule with T = 0 gave no error")
	}
	if _, err := CosineSchedule(10, -1); err == nil {
		t.Error("CosineSchedule with s = -1 gave no error")
	}
}
