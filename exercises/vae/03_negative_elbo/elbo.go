// Package negelbo is an exercise: the loss a VAE is trained with on MNIST,
// the negative evidence lower bound (ELBO) of a batch, with a Bernoulli
// decoder.
//
// For each image x the VAE maximises
//
//	ELBO(x) = E_{q(z|x)}[log p(x|z)] - KL(q(z|x) ‖ p(z))  ≤  log p(x)
//
// The expectation is estimated with the one draw z ~ q(z|x) of the
// reparameterisation trick; the KL of the encoder's q = N(μ, diag
// exp(logVar)) from the prior N(0, I) is the closed form of the previous
// exercise.
//
// The decoder turns z into one logit l_d per pixel, and says that pixel d
// is on with probability σ(l_d) = 1/(1 + e^{-l_d}), independently of the
// others. The reconstruction term -log p(x|z) is then the binary
// cross-entropy of the pixels x_d given σ(l_d), summed over the pixels
// (784 for an MNIST digit). It must be computed from the logits alone and
// stay finite for logits of ±1000, where σ(l) rounds to exactly 0 or 1:
// rewrite it without σ, in terms of softplus(l) = log(1 + e^l), and
// compute softplus so that it neither overflows nor loses the digits of
// a tiny result (chapter sections "The model" and "The evidence lower
// bound, two ways", chapters/vae/README.md).
//
// MNIST's grey levels x_d in [0, 1] are used as they are, as the PyTorch
// examples' VAE does: the cross-entropy is then smallest at σ(l_d) = x_d,
// where it equals the binary entropy of x_d, not 0.
//
// The loss of a batch of N images is the negative ELBO per digit, the
// mean over the batch of each image's reconstruction term plus its KL:
// the number that papers report (around 100 nats for a good MNIST VAE).
package negelbo

// Softplus returns log(1 + e^l) for any finite l, without overflow and to
// full relative precision: Softplus(1000) is 1000, and Softplus(-40) is
// about e^{-40}, not 0.
func Softplus(l float64) float64 {
	// TODO: rearrange log(1 + e^l) so that no exponential can overflow.
	return 0
}

// BernoulliNLL returns -log p(x|z), the binary cross-entropy summed over
// the pixels, for the decoder's logits l and an image's pixels x in
// [0, 1], one per pixel (the two slices have the same length), in nats.
// It is finite for any finite logits.
func BernoulliNLL(logits, x []float64) float64 {
	// TODO: write each pixel's term with Softplus; never form σ(l).
	return 0
}

// NegativeELBO returns the negative ELBO per digit of a batch of N images,
// loss = recon + kl, and its two parts, each a mean over the batch: recon
// of the images' BernoulliNLL, kl of their codes' KL from the prior. Row n
// of logits and x holds image n's pixels, row n of mu and logVar its
// code's J means and log-variances. A mean over no images is undefined:
// for N = 0 all three are NaN.
func NegativeELBO(logits, x, mu, logVar [][]float64) (loss, recon, kl float64) {
	// TODO
	return 0, 0, 0
}
