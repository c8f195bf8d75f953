package vae

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// IWAEBound returns the importance-weighted bound of Burda, Grosse &
// Salakhutdinov (2016) from K draws z_k ~ q(z|x):
//
//	L_K = log (1/K) Σ_k w_k,   w_k = p(x|z_k)·p(z_k) / q(z_k|x)
//
// given each draw's log p(x|z_k), log p(z_k) and log q(z_k|x). Each w_k is
// an unbiased estimate of p(x), so by Jensen's inequality E[L_K] ≤ log p(x).
// Burda et al. (Theorem 1) show that E[L_K] never decreases as K grows and
// tends to log p(x) when the weights are bounded; L_1 is the one-sample
// estimate of the ELBO. With q the
// exact posterior every w_k equals p(x) and L_K = log p(x) for every K.
//
// The weights are ratios of densities in hundreds of dimensions, far
// beyond float64's range, so the sum is taken in the log domain.
// ANCHOR: iwae

func IWAEBound(logPxGivenZ, logPz, logQz []float64) float64 {
	k := len(logPxGivenZ)
	if k == 0 || len(logPz) != k || len(logQz) != k {
		panic(fmt.Sprintf("vae: IWAEBound: %d, %d and %d log-densities, want K ≥ 1 of each", k, len(logPz), len(logQz)))
	}
	logW := make([]float64, k)
	for i := range logW {
		// log w_k = log p(x|z_k) + log p(z_k) - log q(z_k|x)
		logW[i] = logPxGivenZ[i] + logPz[i] - logQz[i]
	}
	return LogMeanExp(logW)
}

// LogMeanExp returns log((1/K) Σ_k exp(a_k)) without overflow or
// underflow, by factoring out the largest term a* = max_k a_k:
//
//	log (1/K) Σ_k exp(a_k) = a* + log Σ_k exp(a_k - a*) - log K
//
// Every exp(a_k - a*) is at most 1 and one of them is exactly 1, so the
// sum lies in [1, K]. It panics on an empty slice.
func LogMeanExp(a []float64) float64 {
	if len(a) == 0 {
		panic("vae: LogMeanExp of nothing")
	}
	top := math.Inf(-1)
	for _, v := range a {
		top = math.Max(top, v)
	}
	if math.IsInf(top, 0) {
		return top // all weights 0 (-Inf), or one infinite (+Inf)
	}
	s := 0.0
	for _, v := range a {
		s += math.Exp(v - top)
	}
	return top + math.Log(s) - math.Log(float64(len(a)))
	// ANCHOR_END: iwae
}

// IWAEBoundBatch is IWAEBound for training: logW [N, K] holds the log
// weights log p(x_n|z_nk) + log p(z_nk) - log q(z_nk|x_n) of K draws for
// each of N examples, and the result [N] is each example's bound
// log (1/K) Σ_k w_nk. Its gradient weighs each draw by its normalised
// importance weight w_nk / Σ_j w_nj (the softmax of the row).
func IWAEBoundBatch(logW *autograd.Value) *autograd.Value {
	if logW.Data.Dims() != 2 {
		panic(fmt.Sprintf("vae: IWAEBoundBatch: log weights %v, want [N, K]", logW.Shape()))
	}
	return autograd.AddScalar(autograd.LogSumExp(logW), -math.Log(float64(logW.Data.Shape[1])))
}

// IWAE draws K latents z_k ~ q from the Gaussian q and returns the
// importance-weighted bound L_K on log p(x) under the PPCA model.
func (p *PPCA) IWAE(x []float64, q metrics.Gaussian, k int, rng *tensor.RNG) float64 {
	if k < 1 {
		panic(fmt.Sprintf("vae: PPCA.IWAE: K = %d, want at least 1", k))
	}
	logPxz, logPz, logQz := make([]float64, k), make([]float64, k), make([]float64, k)
	for i := 0; i < k; i++ {
		z := GaussianSample(q, rng)
		logPxz[i], logPz[i], logQz[i] = p.LogLikelihood(x, z), p.LogPrior(z), GaussianLogPDF(q, z)
	}
	return IWAEBound(logPxz, logPz, logQz)
}
