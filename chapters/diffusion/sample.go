package diffusion

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// Variance is the variance an ancestral DDPM step draws with.
type Variance int

const (
	// VarianceBeta is σ_t² = β_t, Ho et al.'s first fixed choice.
	VarianceBeta Variance = iota
	// VarianceBetaTilde is σ_t² = β̃_t, their second.
	VarianceBetaTilde
	// VarianceLearned is Σ_θ from the network's v (Nichol & Dhariwal).
	VarianceLearned
)

// String names the choice as the chapter's tables do.
func (v Variance) String() string {
	switch v {
	case VarianceBeta:
		return "β_t"
	case VarianceBetaTilde:
		return "β̃_t"
	case VarianceLearned:
		return "learned"
	}
	return fmt.Sprintf("Variance(%d)", int(v))
}

// predict runs the network without recording gradients and returns ε̂
// and v (nil unless the variance is learnt), for the rows of xt at the
// steps ts.
func predict(m Denoiser, xt *tensor.Tensor, ts []int) (epsHat, v *tensor.Tensor) {
	e, vv := split(m, m.Forward(autograd.NoGrad(xt), ts))
	if vv != nil {
		v = vv.Data
	}
	return e.Data, v
}

// SampleDDPM runs the ancestral sampler of Ho et al. (Algorithm 2) from
// x_T [N, D] (standard normal noise) down to x_0: at each t,
//
//	x_{t−1} = μ_θ(x_t, t) + σ_t z,   z ~ N(0, I),
//
// with no noise at the last step, and σ_t² as variance says.
func SampleDDPM(m Denoiser, s *Schedule, xT *tensor.Tensor, variance Variance, rng *tensor.RNG) *tensor.Tensor {
	return ddpm(m, s, xT, variance, rng, nil)
}

// DDPMChain runs SampleDDPM and returns the chain at the steps in at
// (each from T, which is x_T itself, down to 0, the sample), in the
// order given: the reverse process caught on its way from noise to data.
func DDPMChain(m Denoiser, s *Schedule, xT *tensor.Tensor, variance Variance, rng *tensor.RNG, at []int) []*tensor.Tensor {
	want := map[int][]int{} // step -> indices into at
	for i, t := range at {
		if t < 0 || t > s.T {
			panic(fmt.Sprintf("diffusion: DDPMChain: step %d; want 0 ≤ t ≤ T = %d", t, s.T))
		}
		want[t] = append(want[t], i)
	}
	out := make([]*tensor.Tensor, len(at))
	ddpm(m, s, xT, variance, rng, func(t int, x *tensor.Tensor) {
		for _, i := range want[t] {
			out[i] = x
		}
	})
	return out
}

// ddpm is SampleDDPM; visit, if not nil, sees x_t at every t from T down
// to 0.
func ddpm(m Denoiser, s *Schedule, xT *tensor.Tensor, variance Variance, rng *tensor.RNG, visit func(t int, x *tensor.Tensor)) *tensor.Tensor {
	if variance == VarianceLearned && !m.LearnsVariance() {
		panic("diffusion: SampleDDPM: a learned variance from a network that does not learn it")
	}
	x := xT
	if visit != nil {
		visit(s.T, x)
	}
	for t := s.T; t >= 1; t-- {
		ts := sameStep(x.Shape[0], t)
		epsHat, v := predict(m, x, ts)
		mean := s.MeanFromEps(x, ts, epsHat)
		if t > 1 {
			z := tensor.RandN(rng, x.Shape...)
			// σ_t = exp(½ log σ_t²), the same for every entry unless learnt
			var sigma float64
			switch variance {
			case VarianceBeta:
				sigma = math.Exp(0.5 * math.Log(s.Beta[t]))
			case VarianceBetaTilde:
				sigma = math.Exp(0.5 * math.Log(s.BetaTilde[t]))
			}
			for i := range mean.Data {
				if variance == VarianceLearned {
					sigma = math.Exp(0.5 * s.LearnedLogVariance(v.Data[i], t))
				}
				mean.Data[i] += sigma * z.Data[i]
			}
		}
		x = mean
		if visit != nil {
			visit(t-1, x)
		}
	}
	return x
}

// StridedSteps returns n steps from T down to 1, evenly spaced, for DDIM
// to visit: for T = 1000 and n = 10, 1000, 889, …, 1. n = T gives every
// step.
func StridedSteps(T, n int) []int {
	if n < 1 || n > T {
		panic(fmt.Sprintf("diffusion: StridedSteps(%d, %d): want 1 ≤ n ≤ T", T, n))
	}
	out := make([]int, n)
	for i := range out {
		if n == 1 {
			out[i] = T
			break
		}
		// from T at i = 0 to 1 at i = n − 1, rounded
		out[i] = int(math.Round(float64(T) - float64(i)*float64(T-1)/float64(n-1)))
	}
	return out
}

// SampleDDIM runs DDIM from x_T [N, D] through the given steps (from
// StridedSteps, largest first) and then to x_0: each step goes from one
// listed step to the next, and the last to t' = 0, with DDIMStep's η.
func SampleDDIM(m Denoiser, s *Schedule, xT *tensor.Tensor, steps []int, eta float64, rng *tensor.RNG) *tensor.Tensor {
	x := xT
	for i, t := range steps {
		next := 0
		if i+1 < len(steps) {
			next = steps[i+1]
		}
		epsHat, _ := predict(m, x, sameStep(x.Shape[0], t))
		var z *tensor.Tensor
		if eta > 0 && next > 0 {
			z = tensor.RandN(rng, x.Shape...)
		}
		if next == 0 {
			// the last step has σ = 0 whatever η is: ᾱ_0 = 1
			x = s.DDIMStep(x, epsHat, t, 0, 0, nil)
			continue
		}
		x = s.DDIMStep(x, epsHat, t, next, eta, z)
	}
	return x
}
