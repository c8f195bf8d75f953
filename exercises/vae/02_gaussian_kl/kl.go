// Package gausskl is an exercise: the KL divergence of a VAE's encoder
// distribution from its prior, in closed form (Kingma & Welling 2014,
// "Auto-Encoding Variational Bayes", appendix B).
//
// The encoder gives q = N(μ, diag σ²), with logVar_j = log σ_j² as it
// outputs it, and the prior is p = N(0, I). The divergence
//
//	KL(q ‖ p) = E_{z~q}[log q(z) - log p(z)]
//
// has a closed form in μ and logVar, in nats, with no sampling at all:
// derive it (chapter section "The KL term in closed form",
// chapters/vae/README.md). Both Gaussians factor over the latent
// dimensions; write out the log-ratio of the two densities for one
// dimension and take its expectation under q. Then differentiate the
// result with respect to μ_j and logVar_j: training follows that
// gradient.
//
// The KL is ≥ 0 and 0 only when q is the prior. It must stay finite and
// accurate for a very sure encoder: at logVar = -1000, where σ² = e^{-1000}
// is 0 in float64, the KL of one dimension with μ = 0 is a finite
// 499.5 nats.
package gausskl

// KL returns KL(N(μ, diag exp(logVar)) ‖ N(0, I)) in nats, in closed
// form, for mu and logVar of the same length (one entry per latent
// dimension). With no dimensions the KL is 0.
func KL(mu, logVar []float64) float64 {
	// TODO: your closed form, summed over the dimensions.
	return 0
}

// KLGrad returns the gradient of KL with respect to each μ_j and each
// logVar_j, as two new slices.
func KLGrad(mu, logVar []float64) (dMu, dLogVar []float64) {
	// TODO: differentiate your closed form.
	return nil, nil
}
