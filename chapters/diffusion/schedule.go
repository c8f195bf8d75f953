package diffusion

import (
	"fmt"
	"math"
)

// Schedule is a noise schedule β_1, …, β_T and what follows from it. Every
// slice is indexed by the step t itself, from 0 to T, so that the code reads
// like the formulas: index 0 is the data, with β_0 = 0 and α_0 = ᾱ_0 = 1,
// which makes ᾱ_{t−1} at t = 1 the empty product 1.
type Schedule struct {
	// T is the number of noising steps.
	T int
	// Beta[t] = β_t, the variance each step adds.
	Beta []float64
	// Alpha[t] = α_t = 1 − β_t.
	Alpha []float64
	// AlphaBar[t] = ᾱ_t = α_1·α_2·…·α_t, the share of the data's variance
	// left at step t: q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I).
	AlphaBar []float64
	// BetaTilde[t] = β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t, the variance
	// of the posterior q(x_{t−1} | x_t, x_0). β̃_1 = 0: given x_1 and x_0,
	// x_0 is known.
	BetaTilde []float64
}

// NewSchedule returns the schedule of the given β_1, …, β_T (betas[0] is
// β_1), each of which must lie in (0, 1).
func NewSchedule(betas []float64) (*Schedule, error) {
	if len(betas) == 0 {
		return nil, fmt.Errorf("diffusion: a schedule needs at least one step")
	}
	T := len(betas)
	s := &Schedule{
		T:    T,
		Beta: make([]float64, T+1), Alpha: make([]float64, T+1),
		AlphaBar: make([]float64, T+1), BetaTilde: make([]float64, T+1),
	}
	// ANCHOR: schedule_loop
	s.Alpha[0], s.AlphaBar[0] = 1, 1
	for t := 1; t <= T; t++ {
		b := betas[t-1]
		if !(b > 0 && b < 1) {
			return nil, fmt.Errorf("diffusion: β_%d = %g; every β_t must lie in (0, 1)", t, b)
		}
		s.Beta[t] = b
		s.Alpha[t] = 1 - b
		s.AlphaBar[t] = s.AlphaBar[t-1] * s.Alpha[t]
		// β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t
		s.BetaTilde[t] = (1 - s.AlphaBar[t-1]) / (1 - s.AlphaBar[t]) * b
	}
	// ANCHOR_END: schedule_loop
	return s, nil
}

// LinearSchedule returns T steps whose β_t rise linearly from beta1 at
// t = 1 to betaT at t = T. Ho et al. (2020) use T = 1000, β_1 = 10⁻⁴ and
// β_T = 0.02.
func LinearSchedule(T int, beta1, betaT float64) (*Schedule, error) {
	if T < 1 {
		return nil, fmt.Errorf("diffusion: LinearSchedule: T = %d; want at least 1", T)
	}
	betas := make([]float64, T)
	for i := range betas {
		f := 0.0
		if T > 1 {
			f = float64(i) / float64(T-1)
		}
		betas[i] = beta1 + f*(betaT-beta1)
	}
	return NewSchedule(betas)
}

// CosineMaxBeta is the largest β_t CosineSchedule allows: near t = T the
// cosine's ᾱ_t falls to 0 and β_t = 1 − ᾱ_t/ᾱ_{t−1} would reach 1, a step
// that erases everything; Nichol & Dhariwal (2021) clip it at 0.999.
const CosineMaxBeta = 0.999

// CosineSchedule returns the cosine schedule of Nichol & Dhariwal (2021,
// eq. 17): ᾱ_t = f(t)/f(0) with f(t) = cos²((t/T + s)/(1 + s) · π/2), and
// β_t = 1 − ᾱ_t/ᾱ_{t−1} clipped at CosineMaxBeta. The offset s (0.008 in
// the paper) keeps β_1 from being vanishingly small. Its ᾱ_t falls slowly
// at both ends and linearly in between, where the linear schedule's falls
// fast early and wastes its last steps on almost pure noise.
func CosineSchedule(T int, s float64) (*Schedule, error) {
	if T < 1 {
		return nil, fmt.Errorf("diffusion: CosineSchedule: T = %d; want at least 1", T)
	}
	if !(s >= 0) {
		return nil, fmt.Errorf("diffusion: CosineSchedule: offset s = %g; want s ≥ 0", s)
	}
	f := func(t int) float64 {
		c := math.Cos((float64(t)/float64(T) + s) / (1 + s) * math.Pi / 2)
		return c * c
	}
	betas := make([]float64, T)
	for t := 1; t <= T; t++ {
		// β_t = 1 − ᾱ_t/ᾱ_{t−1} = 1 − f(t)/f(t−1)
		betas[t-1] = math.Min(1-f(t)/f(t-1), CosineMaxBeta)
	}
	return NewSchedule(betas)
}

// check panics unless 1 ≤ t ≤ T: a step outside the schedule is a
// programmer's error.
func (s *Schedule) check(who string, t int) {
	if t < 1 || t > s.T {
		panic(fmt.Sprintf("diffusion: %s: t = %d; want 1 ≤ t ≤ T = %d", who, t, s.T))
	}
}
