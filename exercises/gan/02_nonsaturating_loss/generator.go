// Package nonsat is an exercise: the generator's two losses in Goodfellow
// et al. (2014), and why the one the paper's theory uses is not the one
// GANs are trained with.
//
// With D(x) = σ(s) for the logit s that the discriminator gives a
// generated sample, the minimax game has the generator minimise
//
//	L_minimax = E_z[log(1 - D(G(z)))]
//
// Goodfellow et al. (section 3) train G instead to maximise log D(G(z)),
// that is, to minimise the non-saturating loss
//
//	L_ns = -E_z[log D(G(z))]
//
// Both push D(G(z)) up and share their fixed point. Early in training D
// rejects the generator's samples easily: s is very negative. Derive how
// steep each loss is there, as a function of the logit, and you will see
// why one of them "saturates" and the other does not (chapter section
// "Why G does not minimise V itself" in chapters/gan/README.md).
//
// Both losses must be computed from logits so that they stay finite for
// logits of ±1000 (see the first exercise, and the chapter section "The
// game"); the slopes, too, must be finite and accurate for any logit.
package nonsat

// MinimaxLoss returns mean log(1 - σ(s)) over the logits D gave a batch of
// generated samples: a number ≤ 0 that the generator minimises, finite
// for any finite logits. It is NaN for an empty batch.
func MinimaxLoss(fakeLogits []float64) float64 {
	// TODO: compute it from the logits without forming σ(s).
	return 0
}

// NonSaturatingLoss returns -mean log σ(s) over the logits D gave a batch
// of generated samples: a number ≥ 0 that the generator minimises, finite
// for any finite logits. It is NaN for an empty batch.
func NonSaturatingLoss(fakeLogits []float64) float64 {
	// TODO
	return 0
}

// MinimaxGrad returns d/ds log(1 - σ(s)), the slope of one sample's
// minimax loss with respect to its logit.
func MinimaxGrad(s float64) float64 {
	// TODO: differentiate by hand, then simplify.
	return 0
}

// NonSaturatingGrad returns d/ds (-log σ(s)), the slope of one sample's
// non-saturating loss with respect to its logit.
func NonSaturatingGrad(s float64) float64 {
	// TODO
	return 0
}
