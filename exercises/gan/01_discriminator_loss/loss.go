// Package discloss is an exercise: the discriminator's loss of a GAN,
// computed from logits so that it stays finite however sure D is.
//
// Goodfellow et al. (2014, "Generative Adversarial Nets", equation 1) let
// the discriminator D maximise
//
//	V(D, G) = E_x[log D(x)] + E_z[log(1 - D(G(z)))]
//
// Minimising -V instead, with each expectation estimated by the mean over
// its own batch (real samples, generated samples), is the binary
// cross-entropy of calling real samples real and fakes fake. The
// discriminator outputs a logit s and D = σ(s) = 1/(1 + e^{-s}); the
// batches may differ in size.
//
// The loss must stay finite for logits as large as ±1000, where σ rounds
// to exactly 0 or 1 and a logarithm of a probability is -Inf. So the loss
// is to be written in terms of the logits only, never through σ(s): find
// what -log σ(s) and -log(1 - σ(s)) are as functions of s, and compute the
// function they lead to, softplus(x) = log(1 + e^x), in a way that can
// neither overflow for large x nor lose all its digits for very negative
// x. The chapter's section "The game" and its code (the losses of
// chapters/gan) do exactly this.
package discloss

// Softplus returns log(1 + e^x) for any finite x without overflow and to
// full relative precision: Softplus(1000) is 1000, not +Inf, and
// Softplus(-40) is about e^{-40}, not 0.
func Softplus(x float64) float64 {
	// TODO: rearrange log(1 + e^x) so that no exponential can overflow.
	return 0
}

// DiscriminatorLoss returns L_D = -mean log σ(real) - mean log(1 - σ(fake))
// for the logits D gave a batch of real samples and a batch of generated
// ones, each mean over its own batch. It is finite for any finite logits.
// A mean over no samples is undefined: if either batch is empty the loss
// is NaN.
func DiscriminatorLoss(realLogits, fakeLogits []float64) float64 {
	// TODO: express both terms with Softplus; never form σ(s) itself.
	return 0
}
