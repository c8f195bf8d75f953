// Package nonsat is an exercise: the generator's two losses in Goodfellow
// et al. (2014), and why the one the paper's theory uses is not the one
// GANs are trained with.
//
// With D(x) = σ(s) for the logit s that the discriminator gives a generated
// sample, the minimax game has the generator minimise
//
//	L_minimax = E_z[log(1 - D(G(z)))] = mean log(1 - σ(s))
//
// Early in training D rejects the generator's samples easily: s is very
// negative, D(G(z)) ≈ 0, and log(1 - σ(s)) is flat there. Per sample,
//
//	d/ds log(1 - σ(s)) = -σ(s)
//
// which at s = -10 is -σ(-10) ≈ -4.5e-5: the loss "saturates" and the
// generator barely moves just when it is worst. Goodfellow et al.
// (section 3) therefore train G to maximise log D(G(z)) instead, that is,
// to minimise the non-saturating loss
//
//	L_ns = -E_z[log D(G(z))] = -mean log σ(s),    d/ds (-log σ(s)) = σ(s) - 1
//
// which has the same fixed point but a gradient near -1 where D is sure
// the samples are fake. The ratio of the two slopes is
// (1 - σ(s))/σ(s) = e^{-s}: 22026 at s = -10.
//
// Both losses must be computed from logits to stay finite (see the first
// exercise): log(1 - σ(s)) = -softplus(s), -log σ(s) = softplus(-s), with
// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^{-|x|}).
package nonsat

import "math"

// MinimaxLoss returns mean log(1 - σ(s)) over the logits D gave a batch of
// generated samples: a number ≤ 0 that the generator minimises. It is NaN
// for an empty batch.
func MinimaxLoss(fakeLogits []float64) float64 {
	if len(fakeLogits) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, s := range fakeLogits {
		sum -= softplus(s) // log(1 - σ(s)) = -softplus(s)
	}
	return sum / float64(len(fakeLogits))
}

// NonSaturatingLoss returns -mean log σ(s) over the logits D gave a batch
// of generated samples: a number ≥ 0 that the generator minimises. It is
// NaN for an empty batch.
func NonSaturatingLoss(fakeLogits []float64) float64 {
	if len(fakeLogits) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, s := range fakeLogits {
		sum += softplus(-s) // -log σ(s) = softplus(-s)
	}
	return sum / float64(len(fakeLogits))
}

// MinimaxGrad returns d/ds log(1 - σ(s)), the slope of one sample's
// minimax loss with respect to its logit.
func MinimaxGrad(s float64) float64 {
	// (1/(1 - σ))·(-σ(1 - σ)) = -σ(s)
	return -sigmoid(s)
}

// NonSaturatingGrad returns d/ds (-log σ(s)), the slope of one sample's
// non-saturating loss with respect to its logit.
func NonSaturatingGrad(s float64) float64 {
	// -(1/σ)·σ(1 - σ) = -(1 - σ(s)) = -σ(-s)
	return -sigmoid(-s)
}

// softplus is log(1 + e^x) without overflow.
func softplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}

// sigmoid is 1/(1 + e^{-x}), written so that the exponential never
// overflows.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}
