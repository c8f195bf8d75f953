// Package gan is the chapter on generative adversarial networks: the
// losses and the optimal discriminator of Goodfellow et al. (2014), a GAN
// on a ring of eight Gaussians whose mode collapse can be seen, DCGAN and
// conditional DCGAN on MNIST, CycleGAN between two kinds of digits, and
// the evolutionary GAN of Wang et al. (2019).
//
// Discriminators output logits s, and D(x) = σ(s) is the probability that
// x is real; every loss is computed from logits, so none takes the log of
// a probability that rounded to 0. z is always the generator's noise.
package gan

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: losses

// DiscriminatorLoss is the discriminator's side of the minimax game,
//
//	L_D = -E_x[log D(x)] - E_z[log(1 - D(G(z)))]
//
// the binary cross-entropy of calling real samples real (label 1) and
// generated ones fake (label 0), from the logits D gave each batch.
func DiscriminatorLoss(realLogits, fakeLogits *autograd.Value) *autograd.Value {
	return autograd.Add(
		nn.BCEWithLogits(realLogits, full(realLogits, 1)),
		nn.BCEWithLogits(fakeLogits, full(fakeLogits, 0)))
}

// MinimaxGeneratorLoss is the generator's side of the original game,
//
//	L_G = E_z[log(1 - D(G(z)))]
//
// which it minimises. Early in training D rejects G's samples confidently,
// D(G(z)) ≈ 0, where log(1 - D) is flat: the gradient vanishes just when
// G most needs it ("saturates").
func MinimaxGeneratorLoss(fakeLogits *autograd.Value) *autograd.Value {
	return autograd.Neg(nn.BCEWithLogits(fakeLogits, full(fakeLogits, 0)))
}

// NonSaturatingGeneratorLoss is the loss Goodfellow et al. train G with
// instead,
//
//	L_G = -E_z[log D(G(z))]
//
// the cross-entropy of calling its samples real. It has the same fixed
// point as the minimax loss, but its gradient is largest where D(G(z)) is
// small, so a losing generator still learns.
func NonSaturatingGeneratorLoss(fakeLogits *autograd.Value) *autograd.Value {
	return nn.BCEWithLogits(fakeLogits, full(fakeLogits, 1))
}

// ANCHOR_END: losses

// LeastSquaresGeneratorLoss is the least-squares loss (Mao et al. 2017) as
// E-GAN uses it for one of its mutations,
//
//	L_G = E_z[(D(G(z)) - 1)²]
//
// with D(G(z)) = σ(s) the discriminator's probability for the logit s it
// gave the sample G(z).
func LeastSquaresGeneratorLoss(fakeLogits *autograd.Value) *autograd.Value {
	d := autograd.Sigmoid(fakeLogits)
	return autograd.Mean(autograd.Square(autograd.AddScalar(d, -1)))
}

// full is a constant shaped like v, every element c: the labels of a batch.
func full(v *autograd.Value, c float64) *autograd.Value {
	return autograd.Const(tensor.Full(c, v.Data.Shape...))
}
