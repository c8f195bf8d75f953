// Package learnedvar is an exercise: the reverse step's variance learnt
// instead of fixed, and the two terms of the variational bound that
// train it (Nichol & Dhariwal 2021, "Improved Denoising Diffusion
// Probabilistic Models", §3.1; Ho et al. 2020, "Denoising Diffusion
// Probabilistic Models", §3.3).
//
// Ho et al. fix the variance of the model's step p_θ(x_{t-1} | x_t) at
// β_t or at β̃_t, the posterior variance of exercise 03: the first is
// right when the data is itself noise, the second when the data is one
// point, and with 1000 steps the two sample alike. With fewer steps, and
// for the likelihood, the choice matters, so Nichol & Dhariwal let the
// network choose: it outputs a number v per dimension, and the variance
// is an interpolation between the two ends in log space (their eq. 15),
//
//	Σ_θ(x_t, t) = exp(v·log β_t + (1 - v)·log β̃_t).
//
// Show that v = 0 and v = 1 give the two fixed choices, that v = ½ gives
// their geometric mean, and that Σ_θ is positive for every v, even
// outside [0, 1], which a mix of the variances themselves would not be.
// One step needs care: β̃_1 = 0 (at t = 1 the posterior is the given x_0),
// and its log is -∞. As in Nichol & Dhariwal's code, the lower end at
// t = 1 is β̃_2 instead, so that the variance of the last step is learnt in
// a finite range.
//
// L_simple does not see Σ_θ, so learning it needs the variational bound.
// For 1 < t ≤ T its term L_{t-1} is the KL divergence of the model's step
// from the posterior q(x_{t-1} | x_t, x_0), both Gaussians with diagonal
// covariance, so it is a sum over dimensions of the KL between two 1-D
// Gaussians, KL(p ‖ q) = E_{x~p}[log p(x) - log q(x)]. Derive it for
// p = N(μ₁, σ₁²) and q = N(μ₂, σ₂²): write both log-densities out, and
// take the expectation under p with the first two moments of x - μ₂. The
// network outputs log-variances, so take them as given: σ² = exp(logVar).
//
// The last term, L_0 = -log p_θ(x_0 | x_1), is where the data meets the
// model. Images are 8-bit: each pixel is one of 256 levels, scaled to
// x = -1 + 2k/255 for k = 0, ..., 255, and a density is not a
// probability of such data. Ho et al. (their eq. 13) give each level the
// mass that the model's Gaussian N(μ, σ²) puts on the level's bin:
//
//	p(x) = ∫ from δ₋(x) to δ₊(x) of N(y; μ, σ²) dy,
//	δ₊(x) = +∞ if x = 1, else x + 1/255,
//	δ₋(x) = -∞ if x = -1, else x - 1/255.
//
// The bins are 2/255 wide and tile the line; the two end bins are
// stretched to ∓∞, so that the 256 probabilities sum to 1 exactly (say
// why). The bound is then a log-likelihood of discrete data, read in bits
// per dimension. A pixel far in the Gaussian's tail would have a
// probability that rounds to 0 and a log of -∞: floor each probability at
// 10⁻¹² before the log, as Ho et al.'s and Nichol & Dhariwal's code does.
// The integral is a difference of values of Φ, the standard normal CDF,
// which math.Erf and math.Erfc give.
//
// alphaBar[t] holds ᾱ_t, from alphaBar[0] = 1 to alphaBar[T], as exercise
// 01's AlphaBar returns it: β_t = 1 - ᾱ_t/ᾱ_{t-1}, and β̃_t is exercise
// 03's PosteriorVariance.
//
// Chapter section "The reverse step's variance",
// chapters/diffusion/README.md.
package learnedvar

// LogVariance returns log Σ_θ, the log of the learnt variance of the
// reverse step at step t (1 ≤ t ≤ T, T ≥ 2), for the network's output v:
// v·log β_t + (1 - v)·log β̃_t, with β̃_2 in place of β̃_1 at t = 1.
func LogVariance(v float64, t int, alphaBar []float64) float64 {
	// TODO: β_t and β̃_t (or β̃_2) from alphaBar, then eq. 15 in logs.
	return 0
}

// NormalKL returns KL(N(mu1, σ₁²) ‖ N(mu2, σ₂²)) in nats, where
// σ₁² = exp(logVar1) and σ₂² = exp(logVar2).
func NormalKL(mu1, logVar1, mu2, logVar2 float64) float64 {
	// TODO: the KL you derived.
	return 0
}

// DecoderLogLik returns log p(x), in nats, for a datum x on one of the 256
// levels -1 + 2k/255 of [-1, 1], under the discretised Gaussian decoder
// with mean mu and variance exp(logVar): the log of the mass that
// N(mu, exp(logVar)) puts on x's bin, the end bins stretched to ∓∞, and
// the mass floored at 1e-12.
func DecoderLogLik(x, mu, logVar float64) float64 {
	// TODO: the bin's edges, Φ at each, and the floor.
	return 0
}
