package diffusion

import (
	"fmt"
	"strings"

	"github.com/luoxia/aigc/lib/tensor"
)

// Sampler is one way to draw from a trained model: the ancestral DDPM
// sampler with the variance Variance, over all T steps or, respaced, over
// Steps of them; or, if DDIM, DDIM over Steps of the T steps
// (StridedSteps) with η = Eta.
type Sampler struct {
	DDIM     bool
	Variance Variance // DDPM's σ_t²
	Steps    int      // the steps visited (0 or T: all)
	Eta      float64  // DDIM's η
}

// String names the sampler as the chapter's tables do.
func (c Sampler) String() string {
	if c.DDIM {
		return fmt.Sprintf("DDIM η = %g, %d steps", c.Eta, c.Steps)
	}
	if c.Steps > 0 {
		return fmt.Sprintf("DDPM σ² = %v, %d steps", c.Variance, c.Steps)
	}
	return fmt.Sprintf("DDPM σ² = %v", c.Variance)
}

// Label names the sampler in a figure's title, whose font cannot put the
// tilde on β̃_t: "tilde β_t" stands for it.
func (c Sampler) Label() string {
	if !c.DDIM && c.Variance == VarianceBetaTilde {
		return strings.Replace(c.String(), "β̃_t", "tilde β_t", 1)
	}
	return c.String()
}

// Sample draws from x_T [N, D] with the sampler; rng is the fresh noise of
// the stochastic samplers. A DDPM sampler over fewer than T steps samples
// the respaced schedule (Schedule.Respace).
func (c Sampler) Sample(m Denoiser, s *Schedule, xT *tensor.Tensor, rng *tensor.RNG) *tensor.Tensor {
	if c.DDIM {
		return SampleDDIM(m, s, xT, StridedSteps(s.T, c.Steps), c.Eta, rng)
	}
	if c.Steps > 0 && c.Steps < s.T {
		steps := StridedSteps(s.T, c.Steps)
		short, err := s.Respace(steps)
		if err != nil {
			panic(err)
		}
		return SampleDDPM(NewRespaced(m, steps), short, xT, c.Variance, rng)
	}
	return SampleDDPM(m, s, xT, c.Variance, rng)
}
