package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
)

// Losses return a scalar Value: call Backward on it.

// MSE is the mean squared error between a prediction and a target of the
// same shape: the regression loss, and the loss of a Gaussian likelihood
// with fixed variance up to constants (a VAE's reconstruction term, a
// diffusion model's noise prediction).
//
//	L = (1/n)·Σ_i (pred_i - target_i)²
func MSE(pred, target *autograd.Value) *autograd.Value {
	checkSameShape("MSE", pred, target)
	return autograd.Mean(autograd.Square(autograd.Sub(pred, target)))
}

// BCEWithLogits is the binary cross-entropy of targets y ∈ [0, 1] under
// probabilities σ(z), taken from the logits z rather than from σ(z):
//
//	ℓ = -[y·log σ(z) + (1-y)·log(1 - σ(z))]
//
// Since log σ(z) = -softplus(-z), log(1-σ(z)) = -softplus(z) and
// softplus(-z) = softplus(z) - z, this is
//
//	ℓ = softplus(z) - y·z
//
// which never takes the log of a probability that rounded to 0: it stays
// finite for logits of ±1000, where σ(z) is exactly 0 or 1 in float64.
// The result is the mean of ℓ over all elements. A GAN's discriminator
// loss is this with y = 1 for real samples and y = 0 for generated ones.
func BCEWithLogits(logits, targets *autograd.Value) *autograd.Value {
	checkSameShape("BCEWithLogits", logits, targets)
	// ℓ = softplus(z) - y·z
	l := autograd.Sub(autograd.Softplus(logits), autograd.Mul(targets, logits))
	return autograd.Mean(l)
}

// checkSameShape panics unless a and b have identical shapes: a loss that
// silently broadcast [N, 1] against [N] would compare every prediction with
// every target.
func checkSameShape(who string, a, b *autograd.Value) {
	if !a.Data.SameShape(b.Data) {
		panic(fmt.Sprintf("nn: %s: shapes %v and %v differ", who, a.Shape(), b.Shape()))
	}
}
