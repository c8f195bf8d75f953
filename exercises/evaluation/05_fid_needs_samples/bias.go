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
// The mean term has an exact answer. Let x_1..x_n and y_1..y_n be
// independent draws from N(0, I_d). Then x̄ ~ N(0, I_d/n) and
// ȳ ~ N(0, I_d/n), so x̄ - ȳ ~ N(0, (2/n)·I_d) and each of its d
// coordinates has expected square 2/n:
//
//	E|x̄ - ȳ|² = 2d/n,   although |μx - μy|² = 0.
//
// More generally E|x̄ - ȳ|² = |μx - μy|² + tr(Σx)/n + tr(Σy)/m. With
// 2048 features of unit variance (Inception's width) and n = m = 1,000,
// the mean term alone adds 4.1 to a perfect generator's score. That is
// why papers use 50,000 samples, and why two FIDs are comparable only
// when computed from the same number of samples.
//
// Because tr(Σx) has the unbiased estimate tr(Sx) (dividing by n - 1),
// the mean term's bias can be removed:
//
//	|x̄ - ȳ|² - tr(Sx)/n - tr(Sy)/m   has expectation exactly |μx - μy|².
//
// The price: an unbiased estimate of a quantity ≥ 0 can come out
// negative. (The covariance term has no such simple correction; Chong &
// Forsyth extrapolate FID̂ in 1/n to n → ∞ instead.)
package fidbias

import "github.com/luoxia/aigc/lib/tensor"

// ExpectedMeanTerm returns E|x̄ - ȳ|² for two independent samples of n
// points each from N(0, I_d): the bias of the plug-in mean term. It is
// +Inf for n = 0 (no samples, no estimate).
func ExpectedMeanTerm(n, d int) float64 {
	// TODO: the closed form derived above.
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

// DebiasedMeanTerm returns |x̄ - ȳ|² - tr(Sx)/n - tr(Sy)/m for samples x
// of shape [n, d] and y of shape [m, d], where tr(S) is the sum over the
// d columns of the unbiased variance (dividing by n - 1 or m - 1). It is
// NaN when either sample has fewer than two rows.
func DebiasedMeanTerm(x, y *tensor.Tensor) float64 {
	// TODO
	return 0
}
