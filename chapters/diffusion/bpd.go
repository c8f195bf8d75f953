package diffusion

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// The variational bound as a likelihood. For 8-bit images,
//
//	−log p_θ(x_0) ≤ L_T + Σ_{t=2}^{T} L_{t−1} + L_0,
//
// where L_T = KL(q(x_T | x_0) ‖ N(0, I)) is fixed by the schedule, L_{t−1}
// is the Gaussian KL of the posterior from the model's step, and L_0 is
// the discretised decoder's −log p_θ(x_0 | x_1). Divided by the number of
// pixels and by ln 2 it is in bits per dimension, the figure Ho et al. and
// Nichol & Dhariwal report. The T − 1 middle terms cost a network pass
// each; BitsPerDim estimates their sum without bias by stratified
// sampling: the steps 1..T are cut into K runs of equal length, each
// image draws one step from each run, and the run's term counts as many
// times as the run is long.

// BPD is a bits-per-dimension estimate for one choice of variance.
type BPD struct {
	Variance Variance
	Mean     float64 // over the images
	StdErr   float64 // the standard error of Mean (images and the sampled steps)
	N        int     // images
}

// String gives the estimate as "3.21 ± 0.02 bits/dim".
func (b BPD) String() string {
	return fmt.Sprintf("%.3f ± %.3f bits/dim", b.Mean, b.StdErr)
}

// BitsPerDim estimates the variational bound of the images x0 [N, D]
// (pixels mapped to [−1, 1], on the 256 levels) in bits per dimension,
// with K = strata network passes per image, for each variance in
// variances (VarianceLearned only from a network that learns it). A fixed
// σ_t² = β̃_t uses β̃_2 at t = 1, where β̃_1 = 0, as the learned variance's
// range does. rng draws the steps and the noise.
func BitsPerDim(m Denoiser, s *Schedule, x0 *tensor.Tensor, variances []Variance, strata int, rng *tensor.RNG) ([]BPD, error) {
	if len(x0.Shape) != 2 || x0.Shape[0] < 2 {
		return nil, fmt.Errorf("diffusion: BitsPerDim: images %v; want [N ≥ 2, D]", x0.Shape)
	}
	if strata < 1 || strata > s.T {
		return nil, fmt.Errorf("diffusion: BitsPerDim: %d strata; want 1..T = %d", strata, s.T)
	}
	for _, v := range variances {
		if v == VarianceLearned && !m.LearnsVariance() {
			return nil, fmt.Errorf("diffusion: BitsPerDim: a learned variance from a network that does not learn it")
		}
	}
	n, d := x0.Shape[0], x0.Shape[1]
	total := make([][]float64, len(variances)) // nats, per variance and image
	for k := range total {
		total[k] = make([]float64, n)
	}
	// L_T: KL(N(√ᾱ_T x_0, 1 − ᾱ_T) ‖ N(0, 1)) in every dimension
	aT := s.AlphaBar[s.T]
	for i := 0; i < n; i++ {
		prior := 0.0
		for _, x := range x0.Data[i*d : (i+1)*d] {
			prior += NormalKL(math.Sqrt(aT)*x, math.Log(1-aT), 0, 0)
		}
		for k := range total {
			total[k][i] += prior
		}
	}
	for j := 0; j < strata; j++ {
		lo, hi := 1+j*s.T/strata, (j+1)*s.T/strata // the run of steps lo..hi
		weight := float64(hi - lo + 1)
		for start := 0; start < n; start += SampleChunk {
			end := min(start+SampleChunk, n)
			xs := tensor.Slice(x0, 0, start, end)
			ts := make([]int, end-start)
			for i := range ts {
				ts[i] = lo + rng.Intn(hi-lo+1)
			}
			terms := boundTerms(m, s, xs, ts, variances, tensor.RandN(rng, xs.Shape...))
			for k := range total {
				for i, v := range terms[k] {
					total[k][start+i] += weight * v
				}
			}
		}
	}
	out := make([]BPD, len(variances))
	for k, v := range variances {
		mean, se := meanStdErr(total[k])
		scale := 1 / (float64(d) * math.Ln2)
		out[k] = BPD{Variance: v, Mean: mean * scale, StdErr: se * scale, N: n}
	}
	return out, nil
}

// boundTerms returns L_{t−1} (L_0 where t = 1) in nats for each row of x0
// noised to its step with eps, for each variance.
func boundTerms(m Denoiser, s *Schedule, x0 *tensor.Tensor, ts []int, variances []Variance, eps *tensor.Tensor) [][]float64 {
	d := x0.Shape[1]
	xt := s.QSample(x0, ts, eps)
	epsHat, v := predict(m, xt, ts)
	mu := s.MeanFromEps(xt, ts, epsHat)
	muTilde := s.PosteriorMean(x0, xt, ts)
	out := make([][]float64, len(variances))
	for k, variance := range variances {
		out[k] = make([]float64, len(ts))
		for i, t := range ts {
			logBeta, logTilde := s.LogVarianceRange(t)
			sum := 0.0
			for j := i * d; j < (i+1)*d; j++ {
				var logVar float64
				switch variance {
				case VarianceBeta:
					logVar = logBeta
				case VarianceBetaTilde:
					logVar = logTilde
				case VarianceLearned:
					logVar = s.LearnedLogVariance(v.Data[j], t)
				}
				if t == 1 {
					sum -= DiscretizedGaussianLogLik(x0.Data[j], mu.Data[j], logVar)
				} else {
					sum += NormalKL(muTilde.Data[j], math.Log(s.BetaTilde[t]), mu.Data[j], logVar)
				}
			}
			out[k][i] = sum
		}
	}
	return out
}

// meanStdErr returns the mean of x and its standard error, s/√n.
func meanStdErr(x []float64) (mean, se float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	ss := 0.0
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(ss / float64(len(x)-1) / float64(len(x)))
}
