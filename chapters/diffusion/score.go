package diffusion

import (
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// ScoreFromEps returns the score a noise predictor implies at step t,
//
//	∇_{x_t} log p(x_t) ≈ −ε̂(x_t, t) / √(1 − ᾱ_t),
//
// for every entry of epsHat. The chapter derives it: the best ε̂ in the
// mean-squared sense is E[ε | x_t], and by Tweedie's formula that is
// −√(1 − ᾱ_t) times the score of the noised data's density.
func (s *Schedule) ScoreFromEps(epsHat *tensor.Tensor, t int) *tensor.Tensor {
	s.check("ScoreFromEps", t)
	return tensor.Scale(epsHat, -1/math.Sqrt(1-s.AlphaBar[t]))
}
