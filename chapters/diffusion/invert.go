package diffusion

import (
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// InvertDDIM runs deterministic DDIM backwards: it returns the x_T from
// which SampleDDIM with η = 0 over the same steps arrives at x0 [N, D].
//
// Each decoding step from t_a down to t_b reads ε̂ at its start,
// x_b = √ᾱ_b x̂_0 + √(1 − ᾱ_b) ε̂(x_a, t_a), so undoing it needs ε̂ at x_a,
// the point being sought. The usual inversion takes ε̂(x_b, t_a) instead
// and is off by the change in ε̂ over one step. Here that guess only
// starts a fixed-point iteration: compute x_a from the current ε̂, then ε̂
// at the new x_a, iters times. When the steps are small the map is a
// contraction and each iteration gains digits, so that decoding the
// result returns x0 to rounding.
func InvertDDIM(m Denoiser, s *Schedule, x0 *tensor.Tensor, steps []int, iters int) *tensor.Tensor {
	x := x0
	for i := len(steps) - 1; i >= 0; i-- {
		ta, tb := steps[i], 0
		if i+1 < len(steps) {
			tb = steps[i+1]
		}
		xa, ts := x, sameStep(x.Shape[0], ta)
		for k := 0; k <= iters; k++ {
			epsHat, _ := predict(m, xa, ts)
			xa = invertStep(s, x, epsHat, ta, tb)
		}
		x = xa
	}
	return x
}

// invertStep returns x_a with x_b = √ᾱ_b x̂_0 + √(1 − ᾱ_b) ε̂ and
// x̂_0 = (x_a − √(1 − ᾱ_a) ε̂)/√ᾱ_a, for a given ε̂: the guess of the data
// that x_b and ε̂ imply, taken to step t_a with the same noise.
func invertStep(s *Schedule, xb, epsHat *tensor.Tensor, ta, tb int) *tensor.Tensor {
	aa, ab := s.AlphaBar[ta], s.AlphaBar[tb]
	out := tensor.New(xb.Shape...)
	for i, v := range xb.Data {
		e := epsHat.Data[i]
		x0 := (v - math.Sqrt(1-ab)*e) / math.Sqrt(ab)
		out.Data[i] = math.Sqrt(aa)*x0 + math.Sqrt(1-aa)*e
	}
	return out
}
