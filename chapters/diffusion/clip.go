package diffusion

import (
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
)

// Clipped is a network whose implied guess of the data is kept inside the
// data's range. From ε̂ a sampler reads x̂_0 = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t;
// near t = T, √ᾱ_T ≈ 0.006 for Ho et al.'s schedule, so a small error in
// ε̂ becomes a guess of the image far outside [−1, 1], which the next steps
// cannot take back. Ho et al.'s code clips x̂_0 to [−1, 1] when it samples
// images; Clipped does the same and hands the sampler the noise estimate
// that agrees with the clipped guess,
//
//	x̂_0 ← clip(x̂_0, −1, 1),   ε̂ ← (x_t − √ᾱ_t x̂_0)/√(1 − ᾱ_t),
//
// so that every sampler (DDPM's mean, DDIM's step) sees it unchanged. It is
// for images; 2-D data has no such range. A learned v passes through.
type Clipped struct {
	M Denoiser
	S *Schedule // the schedule M's steps belong to
}

// Forward returns M's output with ε̂ replaced by the clipped one.
func (c Clipped) Forward(xt *autograd.Value, t []int) *autograd.Value {
	out := c.M.Forward(xt, t).Data
	n, d := xt.Data.Shape[0], xt.Data.Shape[1]
	width := out.Shape[1]
	res := out.Clone()
	for i := 0; i < n; i++ {
		a := c.S.AlphaBar[t[i]]
		sa, sb := math.Sqrt(a), math.Sqrt(1-a)
		for j := 0; j < d; j++ {
			x := xt.Data.Data[i*d+j]
			x0 := (x - sb*out.Data[i*width+j]) / sa
			x0 = math.Max(-1, math.Min(1, x0))
			res.Data[i*width+j] = (x - sa*x0) / sb
		}
	}
	return autograd.NoGrad(res)
}

// LearnsVariance reports whether M learns its variance.
func (c Clipped) LearnsVariance() bool { return c.M.LearnsVariance() }

// Params returns M's weights.
func (c Clipped) Params() []nn.Param { return c.M.Params() }
