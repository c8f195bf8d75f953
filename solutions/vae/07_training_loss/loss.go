// Package vaeloss is the reference solution of the VAE's training loss.
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
	n, j := x.Dim(0), eps.Dim(1)
	h := enc.Forward(autograd.Const(x))
	mu, logVar := autograd.Slice(h, 1, 0, j), autograd.Slice(h, 1, j, 2*j)
	// z = μ + σ·ε: the noise is a constant, so the gradient reaches μ and
	// log σ² through z.
	z := autograd.Add(mu, autograd.Mul(autograd.Exp(autograd.Scale(logVar, 0.5)), autograd.Const(eps)))
	logits := dec.Forward(z)
	// BCEWithLogits is a mean over all N·D pixels: times D, a sum over
	// the pixels averaged over the digits.
	recon := autograd.Scale(nn.BCEWithLogits(logits, autograd.Const(x)), float64(x.Dim(1)))
	// KL(N(μ, σ²) ‖ N(0, 1)) = ½ (μ² + σ² − 1 − log σ²) per dimension.
	kl := autograd.Scale(autograd.Sum(autograd.Sub(autograd.Add(autograd.Square(mu), autograd.Exp(logVar)), autograd.AddScalar(logVar, 1))), 0.5/float64(n))
	return autograd.Add(recon, kl)
}
