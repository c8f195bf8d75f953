// Package iwae is an exercise: the importance-weighted bound on log p(x)
// of Burda, Grosse & Salakhutdinov (2016, "Importance Weighted
// Autoencoders"), computed in the log domain.
//
// Draw K codes z_1, ..., z_K from the encoder's q(z|x) and give each the
// importance weight
//
//	w_k = p(x|z_k)·p(z_k) / q(z_k|x)
//
// Each w_k is an unbiased estimate of p(x) = ∫ p(x|z)·p(z) dz, and so is
// their mean. Since log is concave, Jensen's inequality makes
//
//	L_K = log (1/K) Σ_k w_k
//
// a lower bound on log p(x) in expectation, E[L_K] ≤ log p(x). At K = 1,
// L_1 = log p(x|z_1) + log p(z_1) - log q(z_1|x) is the one-draw estimate
// of the ELBO; Burda et al. (Theorem 1) show that E[L_K] never falls as K
// grows and tends to log p(x). If q is the exact posterior p(z|x), every
// w_k equals p(x) and L_K = log p(x) exactly, for every K.
//
// The weights are ratios of densities of hundreds of pixels: a log-weight
// of -100 or -1000 is ordinary, and exp(-1000) is 0 in float64 while
// exp(1000) is +Inf. So the mean is taken in the log domain. With
// a_k = log w_k and a* = max_k a_k,
//
//	log (1/K) Σ_k exp(a_k) = a* + log Σ_k exp(a_k - a*) - log K
//
// Every exp(a_k - a*) is at most 1, so nothing overflows, and the largest
// is exactly 1, so the sum is at least 1 and its log is finite. A draw the
// model rules out has w_k = 0, a_k = -Inf, and adds nothing; if every
// draw does, the bound is log 0 = -Inf.
package iwae

import "math"

// LogMeanExp returns log((1/K) Σ_k exp(a_k)) for the K = len(a) values
// a_k, without overflow or underflow, by factoring out the largest. The
// a_k are finite or -Inf; if all are -Inf the result is -Inf. A mean over
// no values is undefined: for K = 0 it returns NaN.
func LogMeanExp(a []float64) float64 {
	if len(a) == 0 {
		return math.NaN()
	}
	top := math.Inf(-1)
	for _, v := range a {
		top = math.Max(top, v)
	}
	if math.IsInf(top, -1) {
		return top // every weight is 0
	}
	s := 0.0
	for _, v := range a {
		s += math.Exp(v - top) // ≤ 1, and exactly 1 for the largest
	}
	return top + math.Log(s) - math.Log(float64(len(a)))
}

// IWAEBound returns L_K = log (1/K) Σ_k w_k for the K draws z_k ~ q(z|x)
// whose log p(x|z_k), log p(z_k) and log q(z_k|x) are given, one entry per
// draw in each slice (of the same length K), with
//
//	log w_k = log p(x|z_k) + log p(z_k) - log q(z_k|x)
//
// For K = 0 it returns NaN.
func IWAEBound(logPxGivenZ, logPz, logQz []float64) float64 {
	logW := make([]float64, len(logPxGivenZ))
	for k := range logW {
		logW[k] = logPxGivenZ[k] + logPz[k] - logQz[k]
	}
	return LogMeanExp(logW)
}
