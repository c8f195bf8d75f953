// Package vaeloss is an exercise: a VAE's forward pass and training loss
// written with the library's autograd, so that the encoder and the
// decoder learn together, then trained on MNIST.
//
// The encoder maps a batch of images x [N, D] to 2J numbers per image:
// the first J are the means μ of the code's Gaussian q(z|x), the last J
// the logarithms of its variances. The decoder maps a code z [N, J] to D
// logits, one per pixel, of the Bernoulli decoder p(x|z). The loss is the
// negative ELBO per digit, as exercise 03 computed it with plain numbers
// and the chapter's "The evidence lower bound" derives, but now as a
// graph: the one draw of z must be written so that the loss's gradient
// reaches the encoder through it (the chapter's section on the
// reparameterisation trick says how), and each term must be built from
// autograd operations so that Backward differentiates it.
package vaeloss

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// NegativeELBO returns the negative ELBO per digit of the images x
// [N, D], grey levels in [0, 1], as a scalar Value whose Backward reaches
// the weights of enc and dec: the mean over the batch of the Bernoulli
// decoder's negative log-likelihood of x (summed over the D pixels) plus
// the KL divergence of q(z|x) from the prior N(0, I) (summed over the J
// code dimensions). The code z is drawn once per image, with eps [N, J]
// the standard normal noise of that draw. It must stay finite for logits
// of any size.
func NegativeELBO(enc, dec *nn.Sequential, x, eps *tensor.Tensor) *autograd.Value {
	// TODO: encode, draw z from the noise, decode, and add the two terms.
	return autograd.Const(tensor.Full(0, 1))
}
