package diffusion

import (
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: posterior_coefs

// PosteriorCoefs returns the two weights of the posterior mean
//
//	μ̃_t(x_t, x_0) = c0·x_0 + ct·x_t,
//	c0 = √ᾱ_{t−1} β_t / (1 − ᾱ_t),   ct = √α_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t).
//
// Both come from completing the square in q(x_t | x_{t−1}) q(x_{t−1} | x_0),
// a product of two Gaussians in x_{t−1} (the chapter derives it): its
// precision is α_t/β_t + 1/(1 − ᾱ_{t−1}) = 1/β̃_t, and its mean weighs x_t
// and x_0 by what each Gaussian knows.
func (s *Schedule) PosteriorCoefs(t int) (c0, ct float64) {
	s.check("PosteriorCoefs", t)
	c0 = math.Sqrt(s.AlphaBar[t-1]) * s.Beta[t] / (1 - s.AlphaBar[t])
	ct = math.Sqrt(s.Alpha[t]) * (1 - s.AlphaBar[t-1]) / (1 - s.AlphaBar[t])
	return c0, ct
}

// ANCHOR_END: posterior_coefs

// PosteriorMean returns μ̃_t(x_t, x_0), the mean of q(x_{t−1} | x_t, x_0),
// row by row; its variance is s.BetaTilde[t].
func (s *Schedule) PosteriorMean(x0, xt *tensor.Tensor, t []int) *tensor.Tensor {
	return s.combine("PosteriorMean", x0, xt, t, s.PosteriorCoefs)
}

// MeanFromEps returns the model's mean μ_θ(x_t, t) when the network predicts
// the noise: the posterior mean at x̂_0 = PredictX0(x_t, ε̂), which
// simplifies to
//
//	μ_θ = (x_t − β_t/√(1 − ᾱ_t) · ε̂) / √α_t.
func (s *Schedule) MeanFromEps(xt *tensor.Tensor, t []int, epsHat *tensor.Tensor) *tensor.Tensor {
	return s.combine("MeanFromEps", xt, epsHat, t, func(t int) (float64, float64) {
		r := 1 / math.Sqrt(s.Alpha[t])
		return r, -r * s.Beta[t] / math.Sqrt(1-s.AlphaBar[t])
	})
}
