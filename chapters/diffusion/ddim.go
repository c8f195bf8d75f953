package diffusion

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// DDIMSigma returns σ of one DDIM step from t down to tPrev < t
// (Song et al. 2021, eq. 16):
//
//	σ = η √((1 − ᾱ_{t'})/(1 − ᾱ_t)) √(1 − ᾱ_t/ᾱ_{t'}),   t' = tPrev.
//
// η = 0 makes sampling deterministic; with η = 1 and t' = t − 1, σ² is
// β̃_t, DDPM's posterior variance.
func (s *Schedule) DDIMSigma(t, tPrev int, eta float64) float64 {
	s.check("DDIMSigma", t)
	if tPrev < 0 || tPrev >= t {
		panic(fmt.Sprintf("diffusion: DDIMSigma: from t = %d to %d; want 0 ≤ tPrev < t", t, tPrev))
	}
	a, aPrev := s.AlphaBar[t], s.AlphaBar[tPrev]
	return eta * math.Sqrt((1-aPrev)/(1-a)) * math.Sqrt(1-a/aPrev)
}

// DDIMStep returns x_{t'} from x_t, one step of DDIM (Song et al. 2021,
// eq. 12) from t down to t' = tPrev, given the network's noise estimate
// epsHat and standard normal noise z (ignored, and may be nil, when η = 0):
//
//	x_{t'} = √ᾱ_{t'} x̂_0 + √(1 − ᾱ_{t'} − σ²) ε̂ + σ z,
//	x̂_0 = (x_t − √(1 − ᾱ_t) ε̂) / √ᾱ_t.
//
// The first term is the model's guess of the data, brought to step t'; the
// second points back along the noise the model sees, scaled to the
// variance step t' should have; the third adds fresh noise. Any tPrev < t
// will do, which is what lets DDIM sample in 50 or 20 steps a model
// trained with 1000. All rows step from the same t.
func (s *Schedule) DDIMStep(xt, epsHat *tensor.Tensor, t, tPrev int, eta float64, z *tensor.Tensor) *tensor.Tensor {
	sigma := s.DDIMSigma(t, tPrev, eta)
	// ANCHOR: ddim_step
	x0 := s.PredictX0(xt, sameStep(xt.Shape[0], t), epsHat)
	aPrev := s.AlphaBar[tPrev]
	dir := math.Sqrt(math.Max(1-aPrev-sigma*sigma, 0))
	out := tensor.New(xt.Shape...)
	for i := range out.Data {
		out.Data[i] = math.Sqrt(aPrev)*x0.Data[i] + dir*epsHat.Data[i]
	}
	if sigma > 0 {
		if z == nil || !z.SameShape(xt) {
			panic(fmt.Sprintf("diffusion: DDIMStep: η = %g needs noise z of shape %v", eta, xt.Shape))
		}
		for i := range out.Data {
			out.Data[i] += sigma * z.Data[i]
		}
	}
	// ANCHOR_END: ddim_step
	return out
}
