package diffusion

import (
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// HybridLambda is λ in Nichol & Dhariwal's hybrid loss
// L_simple + λ L_vlb: 0.001, small enough that L_simple still shapes the
// mean.
const HybridLambda = 0.001

// VLBTerm returns the variational bound's term for each entry, averaged
// over the batch and the dimensions, in nats per dimension, for a model
// whose mean comes from the noise estimate epsHat (a plain tensor: its
// gradient is stopped, so the term trains only the variance) and whose
// variance comes from v, Σ_θ = exp(v log β_t + (1 − v) log β̃_t):
//
//	t > 1:  L_{t−1} = KL(N(μ̃_t, β̃_t) ‖ N(μ_θ, Σ_θ)) = ½ (log Σ_θ − log β̃_t + (β̃_t + (μ̃_t − μ_θ)²)/Σ_θ − 1)
//	t = 1:  L_0 = −log N(x_0; μ_θ, Σ_θ) = ½ (log 2π + log Σ_θ + (x_0 − μ_θ)²/Σ_θ)
//
// At t = 1 the chapter's 2-D data is continuous, so L_0 is the Gaussian's
// density; for 8-bit images it is DiscretizedGaussianLogLik instead. Both
// lines have the form ½ (log Σ_θ + A/Σ_θ) + C with A and C known.
func VLBTerm(s *Schedule, x0, xt *tensor.Tensor, t []int, epsHat *tensor.Tensor, v *autograd.Value) *autograd.Value {
	n, width := rowsOf("VLBTerm", x0, t)
	mu := s.MeanFromEps(xt, t, epsHat)
	muTilde := s.PosteriorMean(x0, xt, t)
	lo, span := tensor.New(x0.Shape...), tensor.New(x0.Shape...)
	a, c := tensor.New(x0.Shape...), tensor.New(x0.Shape...)
	for i := 0; i < n; i++ {
		hi, low := s.LogVarianceRange(t[i])
		for j := i * width; j < (i+1)*width; j++ {
			lo.Data[j], span.Data[j] = low, hi-low
			if t[i] == 1 {
				d := x0.Data[j] - mu.Data[j]
				a.Data[j], c.Data[j] = d*d, 0.5*math.Log(2*math.Pi)
				continue
			}
			d := muTilde.Data[j] - mu.Data[j]
			a.Data[j] = s.BetaTilde[t[i]] + d*d
			c.Data[j] = 0.5 * (-math.Log(s.BetaTilde[t[i]]) - 1)
		}
	}
	// ANCHOR: vlb_term
	// log Σ_θ = log β̃_t + v (log β_t − log β̃_t)
	logVar := autograd.Add(autograd.Mul(v, autograd.Const(span)), autograd.Const(lo))
	// ½ (log Σ_θ + A e^{−log Σ_θ}) + C
	term := autograd.Add(autograd.Scale(autograd.Add(logVar, autograd.Mul(autograd.Const(a), autograd.Exp(autograd.Neg(logVar)))), 0.5), autograd.Const(c))
	return autograd.Mean(term)
	// ANCHOR_END: vlb_term
}

// HybridLoss returns L_simple + λ L_vlb on a batch for a network that
// learns its variance: one forward pass gives ε̂ and v; L_simple trains
// ε̂, and VLBTerm, with ε̂'s value but not its gradient, trains v.
func HybridLoss(m Denoiser, s *Schedule, x0 *tensor.Tensor, t []int, eps *tensor.Tensor) *autograd.Value {
	xt := s.QSample(x0, t, eps)
	epsHat, v := split(m, m.Forward(autograd.Const(xt), t))
	if v == nil {
		panic("diffusion: HybridLoss: the network does not learn its variance (ToyConfig.LearnVariance)")
	}
	simple := autograd.Mean(autograd.Square(autograd.Sub(epsHat, autograd.Const(eps))))
	return autograd.Add(simple, autograd.Scale(VLBTerm(s, x0, xt, t, epsHat.Data, v), HybridLambda))
}
