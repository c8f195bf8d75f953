// Package posterior is an exercise: the forward process run backwards one
// step when the data is known, the target that a diffusion model's every
// denoising step is trained to match (Ho et al. 2020, "Denoising Diffusion
// Probabilistic Models", §2 and §3.2).
//
// Sampling runs the chain in reverse, from x_T ~ N(0, I) down to x_0, so
// it needs q(x_{t-1} | x_t). That distribution depends on the data as a
// whole and has no closed form. Given x_0 as well, it does. The forward
// process is a Markov chain, so x_t depends on x_{t-1} alone, and by
// Bayes' rule, as a function of x_{t-1},
//
//	q(x_{t-1} | x_t, x_0) ∝ q(x_t | x_{t-1}) · q(x_{t-1} | x_0)
//	                      = N(x_t; √α_t·x_{t-1}, β_t·I) · N(x_{t-1}; √ᾱ_{t-1}·x_0, (1 - ᾱ_{t-1})·I)
//
// the one-step kernel times the closed form of exercise 02. Both factors
// are exponentials of quadratics in x_{t-1}, and so is their product: the
// posterior is a Gaussian N(μ̃_t, β̃_t·I). Derive μ̃_t and β̃_t by completing
// the square, one entry at a time (every covariance here is a multiple of
// I, so the entries are independent). Collect the terms of the exponent in
// x_{t-1}² and in x_{t-1}: the first gives 1/β̃_t, the second then μ̃_t.
// Two identities simplify the result: α_t·ᾱ_{t-1} = ᾱ_t, and
// β_t + α_t·(1 - ᾱ_{t-1}) = 1 - ᾱ_t. Your μ̃_t is a weighted sum of x_0 and
// x_t, and β̃_t depends on t alone, not on the data. Check both at t = 1:
// there x_{t-1} is x_0 itself, which is given.
//
// A network does not know x_0 when it samples. Ho et al. train it to
// predict the noise ε̂ in x_t instead, and put the estimate x̂_0 of
// exercise 02 in x_0's place: the model's mean is μ̃_t(x̂_0, x_t). Substitute
// x̂_0 and simplify; x_0 drops out, and what remains is a combination of
// x_t and ε̂ alone, the line at the heart of the paper's sampler
// (Algorithm 2). For the variance of its steps the paper tries both β_t
// and β̃_t and finds them alike. β̃_t is also the variance of the
// stochastic step of DDIM at η = 1, where that sampler becomes this one
// (Song et al. 2021, "Denoising Diffusion Implicit Models").
//
// alphaBar[t] holds ᾱ_t, from alphaBar[0] = 1 to alphaBar[T], as exercise
// 01's AlphaBar returns it, and it is all of the schedule a function gets:
// α_t = ᾱ_t/ᾱ_{t-1} and β_t = 1 - α_t. Vectors are plain []float64.
//
// Chapter section "The reverse process and its target",
// chapters/diffusion/README.md.
package posterior

// PosteriorVariance returns β̃_t, the variance of each entry of
// q(x_{t-1} | x_t, x_0), for 1 ≤ t ≤ T.
func PosteriorVariance(t int, alphaBar []float64) float64 {
	// TODO: complete the square; the x_{t-1}² terms.
	return 0
}

// PosteriorMean returns μ̃_t(x_0, x_t), the mean of q(x_{t-1} | x_t, x_0),
// for the data x0 and the noised xt (of the same length) at step
// 1 ≤ t ≤ T. The inputs are not changed.
func PosteriorMean(x0, xt []float64, t int, alphaBar []float64) []float64 {
	// TODO: complete the square; the x_{t-1} terms.
	return nil
}

// MeanFromEps returns the model's mean μ̃_t(x̂_0, x_t) at step 1 ≤ t ≤ T,
// where x̂_0 is the data that the predicted noise epsHat implies for xt,
// written and computed from xt and epsHat alone. The inputs are not
// changed.
func MeanFromEps(xt []float64, t int, epsHat, alphaBar []float64) []float64 {
	// TODO
	return nil
}
