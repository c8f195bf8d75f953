// Package gausskl is an exercise: the KL divergence of a VAE's encoder
// distribution from its prior, in closed form (Kingma & Welling 2014,
// "Auto-Encoding Variational Bayes", appendix B).
//
// The encoder gives q = N(μ, diag σ²) and the prior is p = N(0, I). Both
// factor over the J latent dimensions, and so does their log-ratio, so
// KL(q ‖ p) = E_q[log q(z) - log p(z)] is a sum of J one-dimensional
// divergences. For one dimension,
//
//	log q(z) - log p(z) = -½·log σ² - (z - μ)²/(2σ²) + z²/2
//
// and under q, E[(z - μ)²] = σ² and E[z²] = μ² + σ², so its mean is
// ½·(μ² + σ² - 1 - log σ²). Summed, with logVar_j = log σ_j² as the
// encoder outputs it:
//
//	KL(q ‖ p) = ½ Σ_j (μ_j² + exp(logVar_j) - 1 - logVar_j)
//
// in nats. Every term is ≥ 0, since e^v ≥ 1 + v, and is 0 only at μ_j = 0,
// logVar_j = 0: the KL vanishes exactly when q is the prior. In the VAE's
// loss this term pulls every code towards the prior. Its gradient, which
// training follows, is
//
//	∂KL/∂μ_j = μ_j,   ∂KL/∂logVar_j = ½·(exp(logVar_j) - 1)
//
// Use logVar as it is for log σ². Forming σ² = exp(logVar) and taking its
// log again loses everything for a very sure encoder: exp(-1000) is 0 in
// float64, and log 0 = -Inf, where the KL is a finite 499.5 nats.
package gausskl

// KL returns KL(N(μ, diag exp(logVar)) ‖ N(0, I)) in nats,
//
//	½ Σ_j (μ_j² + exp(logVar_j) - 1 - logVar_j)
//
// for mu and logVar of the same length (one entry per latent dimension).
// With no dimensions the sum is empty and the KL is 0.
func KL(mu, logVar []float64) float64 {
	// TODO
	return 0
}

// KLGrad returns the gradient of KL with respect to each μ_j and each
// logVar_j, as two new slices:
//
//	dMu_j = μ_j,   dLogVar_j = ½·(exp(logVar_j) - 1)
func KLGrad(mu, logVar []float64) (dMu, dLogVar []float64) {
	// TODO
	return nil, nil
}
