// Package discloss is an exercise: the discriminator's loss of a GAN,
// computed from logits so that it stays finite however sure D is.
//
// Goodfellow et al. (2014, "Generative Adversarial Nets", equation 1) let
// the discriminator D maximise
//
//	V(D, G) = E_x[log D(x)] + E_z[log(1 - D(G(z)))]
//
// Minimising -V instead, with expectations estimated by the means over a
// batch of real samples and a batch of generated ones, is the binary
// cross-entropy of calling real samples real (label 1) and fakes fake
// (label 0):
//
//	L_D = -mean_i log σ(r_i) - mean_j log(1 - σ(f_j))
//
// where D(x) = σ(s) = 1/(1 + e^{-s}) and r, f are the logits D gave the
// real and the generated batch. The two means are taken separately, so the
// batches may differ in size.
//
// Computed as written, σ(1000) rounds to 1 and log(1 - 1) is -Inf; σ(-1000)
// rounds to 0 and log 0 is -Inf. Two identities avoid probabilities
// altogether,
//
//	-log σ(s)       = log(1 + e^{-s}) = softplus(-s)
//	-log(1 - σ(s))  = log(1 + e^{s})  = softplus(s)
//
// and softplus itself has a form that never overflows:
//
//	softplus(x) = max(x, 0) + log(1 + e^{-|x|})
//
// (e^{-|x|} ≤ 1 cannot overflow, and math.Log1p keeps the digits of a tiny
// e^{-|x|} that 1 + e^{-|x|} would round away). PyTorch's
// BCEWithLogitsLoss computes the loss this way.
package discloss

// Softplus returns log(1 + e^x) for any finite x without overflow:
// Softplus(1000) is 1000, not +Inf, and Softplus(-40) is about e^{-40},
// not 0.
func Softplus(x float64) float64 {
	// TODO: the overflow-free form in the package comment.
	return 0
}

// DiscriminatorLoss returns L_D = -mean log σ(real) - mean log(1 - σ(fake))
// for the logits D gave a batch of real samples and a batch of generated
// ones. A mean over no samples is undefined: if either batch is empty the
// loss is NaN.
func DiscriminatorLoss(realLogits, fakeLogits []float64) float64 {
	// TODO: write both terms with Softplus; never form σ(s) itself.
	return 0
}
