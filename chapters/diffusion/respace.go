package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
)

// Respacing (Nichol & Dhariwal 2021, section 4). A model trained with T
// steps can be sampled by ancestral DDPM over K < T of them, S_1 < … < S_K,
// by reading its schedule at those steps only: the K-step process whose
// cumulative products are ᾱ_{S_1}, …, ᾱ_{S_K} has
//
//	β'_k = 1 − ᾱ_{S_k} / ᾱ_{S_{k−1}},   ᾱ_{S_0} = 1,
//
// and its own β̃'_k from those. Step k of the short chain asks the network
// about step S_k. A fixed variance must then choose between β'_k and β̃'_k,
// which are far apart when the steps are wide; a learned variance
// interpolates between exactly these two, so it adapts to the spacing,
// which is what lets it sample well in 50 steps.

// Respace returns the schedule of K steps that visits only steps (from
// StridedSteps: T down to 1, largest first, each in 1..s.T).
func (s *Schedule) Respace(steps []int) (*Schedule, error) {
	if len(steps) == 0 {
		return nil, fmt.Errorf("diffusion: Respace: no steps")
	}
	k := len(steps)
	betas := make([]float64, k)
	prev := 1.0 // ᾱ_{S_0}
	for i := k - 1; i >= 0; i-- {
		t := steps[i]
		if t < 1 || t > s.T || (i < k-1 && t <= steps[i+1]) {
			return nil, fmt.Errorf("diffusion: Respace: steps %v; want them falling, each in 1..%d", steps, s.T)
		}
		betas[k-1-i] = 1 - s.AlphaBar[t]/prev
		prev = s.AlphaBar[t]
	}
	return NewSchedule(betas)
}

// Respaced is a network trained on T steps asked about the steps of a
// respaced schedule: step k of the short schedule is step Steps[k−1] of
// the long one.
type Respaced struct {
	M     Denoiser
	Steps []int // S_1 < … < S_K, rising
}

// NewRespaced wraps m for the schedule s.Respace(steps) returns (steps
// falling, as StridedSteps gives them).
func NewRespaced(m Denoiser, steps []int) Respaced {
	rising := make([]int, len(steps))
	for i, t := range steps {
		rising[len(steps)-1-i] = t
	}
	return Respaced{M: m, Steps: rising}
}

// Forward asks M about the long schedule's steps for the short one's t.
func (r Respaced) Forward(xt *autograd.Value, t []int) *autograd.Value {
	long := make([]int, len(t))
	for i, k := range t {
		if k < 1 || k > len(r.Steps) {
			panic(fmt.Sprintf("diffusion: Respaced: step %d of a %d-step schedule", k, len(r.Steps)))
		}
		long[i] = r.Steps[k-1]
	}
	return r.M.Forward(xt, long)
}

// LearnsVariance reports whether M learns its variance.
func (r Respaced) LearnsVariance() bool { return r.M.LearnsVariance() }

// Params returns M's weights.
func (r Respaced) Params() []nn.Param { return r.M.Params() }
