// Package fidbias is an exercise: why FID needs many samples.
//
// FID is computed from samples: the means x̄, ȳ and covariances Sx, Sy of
// n real and m generated feature vectors are plugged into the Fréchet
// distance,
//
//	FID̂ = |x̄ - ȳ|² + tr(Sx + Sy - 2(Sx·Sy)^{1/2}).
//
// Suppose the generator is perfect, so both samples come from the same
// distribution and the true FID is 0. Both terms of FID̂ are ≥ 0 and,
// for finite samples, almost surely > 0: the estimate can only err
// upward, so E[FID̂] > 0. FID from few samples is biased upward, by an
// amount that shrinks like 1/n and grows with the dimension (Bińkowski
// et al. 2018, "Demystifying MMD GANs"; Chong & Forsyth 2020,
// "Effectively Unbiased FID and Inception Score and Where to Find Them").
//
// The mean term's bias has an exact answer: for x_1..x_n and y_1..y_n
// independent draws from N(0, I_d), where the true mean term |μx - μy|²
// is 0, derive E|x̄ - ȳ|² in closed form as a function of n and d, and
// check it against a simulation. Then remove that bias from one pair of
// samples: subtracting an unbiased estimate of it, made from the samples'
// own covariances, leaves an estimate whose expectation is exactly
// |μx - μy|² whatever the two distributions are. (Chapter section "How
// FID fails", chapters/evaluation/README.md.)
//
// Your closed form tells how large the bias is with 2048 features of unit
// variance (Inception's width) and 1,000 samples a side, and so why papers
// use 50,000 samples and why two FIDs are comparable only when computed
// from the same number of samples. The price of the correction: an
// unbiased estimate of a quantity ≥ 0 can come out negative. (The
// covariance term has no such simple correction; Chong & Forsyth
// extrapolate FID̂ in 1/n to n → ∞ instead.)
package fidbias

import "github.com/luoxia/aigc/lib/tensor"

// ExpectedMeanTerm returns E|x̄ - ȳ|² for two independent samples of n
// points each from N(0, I_d): the bias of the plug-in mean term. It is
// +Inf for n = 0 (no samples, no estimate).
func ExpectedMeanTerm(n, d int) float64 {
	// TODO: your closed form.
	return 0
}

// MonteCarloMeanTerm estimates E|x̄ - ȳ|² by simulation: trials times,
// draw x and y, each n points from N(0, I_d) (tensor.RandN(rng, n, d)
// gives one sample as an [n, d] tensor), and compute |x̄ - ȳ|², the
// squared distance between the two sample means (vectors of length d).
// It returns the mean of the trials' values. All randomness comes from
// rng, so a seed fixes the answer.
func MonteCarloMeanTerm(n, d, trials int, rng *tensor.RNG) float64 {
	// TODO
	return 0
}

// DebiasedMeanTerm returns the unbiased estimate of |μx - μy|² from
// samples x of shape [n, d] and y of shape [m, d] (n and m may differ):
// the plug-in |x̄ - ȳ|² minus an unbiased estimate of its bias, built from
// each sample's unbiased variances (dividing by n - 1 or m - 1). Its
// expectation is exactly |μx - μy|² for any distributions with finite
// variances. It is NaN when either sample has fewer than two rows.
func DebiasedMeanTerm(x, y *tensor.Tensor) float64 {
	// TODO
	return 0
}
