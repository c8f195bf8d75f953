// Package iwae is an exercise: the importance-weighted bound on log p(x)
// of Burda, Grosse & Salakhutdinov (2016, "Importance Weighted
// Autoencoders"), computed in the log domain.
//
// Draw K codes z_1, ..., z_K from the encoder's q(z|x) and give each the
// importance weight
//
//	w_k = p(x|z_k)·p(z_k) / q(z_k|x)
//
// The bound is the logarithm of their mean,
//
//	L_K = log (1/K) Σ_k w_k
//
// which is, in expectation, below log p(x); at K = 1 it is the one-draw
// estimate of the ELBO, and it tightens as K grows (chapter section "A
// tighter bound: importance weighting", chapters/vae/README.md).
//
// The weights are ratios of densities of hundreds of pixels: a log-weight
// of -100 or -1000 is ordinary, and exp(-1000) is 0 in float64 while
// exp(1000) is +Inf. So the mean must be taken in the log domain, from the
// log-weights, in a way that can neither overflow nor underflow to log 0
// while some weight is positive. A draw the model rules out has
// w_k = 0, log w_k = -Inf, and adds nothing; if every draw does, the bound
// is log 0 = -Inf.
package iwae

// LogMeanExp returns log((1/K) Σ_k exp(a_k)) for the K = len(a) values
// a_k, without overflow or underflow: finite whenever some a_k is finite,
// however large or small the a_k are. The a_k are finite or -Inf; if all
// are -Inf the result is -Inf. A mean over no values is undefined: for
// K = 0 it returns NaN.
func LogMeanExp(a []float64) float64 {
	// TODO: rearrange so that no exponential can overflow or all underflow.
	return 0
}

// IWAEBound returns L_K = log (1/K) Σ_k w_k for the K draws z_k ~ q(z|x)
// whose log p(x|z_k), log p(z_k) and log q(z_k|x) are given, one entry per
// draw in each slice (of the same length K). For K = 0 it returns NaN.
func IWAEBound(logPxGivenZ, logPz, logQz []float64) float64 {
	// TODO: the log-weights, then their log-mean-exp.
	return 0
}
