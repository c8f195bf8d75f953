// Package ddim is an exercise: one step of the sampler of Song et al.
// (2021, "Denoising Diffusion Implicit Models", §4), which runs a network
// trained for DDPM in fewer steps, with or without fresh noise.
//
// A network ε̂ trained by Ho et al.'s simple loss only ever sees the
// marginals q(x_t | x_0) of exercise 02, never the chain that links them.
// Song et al. build other chains with the same marginals, and read off
// from them a step from x_t straight down to any earlier x_{t'}, t' < t.
// The step first guesses the data, x̂_0, from x_t and ε̂ as exercise 02's
// PredictX0 does, and then (their eq. 12)
//
//	x_{t'} = √ᾱ_{t'}·x̂_0 + √(1 - ᾱ_{t'} - σ²)·ε̂ + σ·z,   z ~ N(0, I)
//
// the guess of the data brought to step t', a push along the noise the
// network sees, and fresh noise of standard deviation σ. Check the middle
// coefficient for yourself: were x̂_0 and ε̂ exact, the push and the fresh
// noise would together carry the variance that x_{t'} should have under
// q(x_{t'} | x_0), however σ is chosen between 0 and √(1 - ᾱ_{t'}).
//
// Song et al. choose σ with a dial η ≥ 0: σ is η times the standard
// deviation of q(x_{t'} | x_t, x_0), the forward process's posterior over
// the whole jump from t down to t'. Derive that standard deviation. It is
// exercise 03 again, with one change: the steps from t' to t compose, as
// in exercise 02, into one Gaussian jump q(x_t | x_{t'}) that has the form
// of a single forward step whose α is ᾱ_t/ᾱ_{t'}. Complete the square
// and write the variance with ᾱ_t and ᾱ_{t'} alone.
//
// η = 1 with t' = t - 1 is then DDPM's ancestral step with variance β̃_t,
// and its mean is DDPM's too (exercise 03's mean at x̂_0; check it). η = 0
// is the other end: no fresh noise at all, and the sampler becomes a
// fixed map from x_T to x_0 that can be run backwards to find the noise of
// a given image. With any η, a t' far below t skips steps, so that a model
// trained with 1000 samples in 50 or 20. A step down to t' = 0 gives back
// x̂_0 itself, whatever η is: say why from the formulas.
//
// alphaBar[t] holds ᾱ_t, from alphaBar[0] = 1 to alphaBar[T], as exercise
// 01's AlphaBar returns it. Vectors are plain []float64, one entry per
// pixel.
//
// Chapter section "DDIM: fewer steps, and no noise",
// chapters/diffusion/README.md.
package ddim

// Sigma returns σ of one DDIM step from t down to tPrev (the t' above,
// 0 ≤ tPrev < t ≤ T) with the dial eta: eta times the standard deviation
// of q(x_{t'} | x_t, x_0).
func Sigma(t, tPrev int, eta float64, alphaBar []float64) float64 {
	// TODO: the posterior over the jump from t' to t, by completing the square.
	return 0
}

// PredictX0 returns x̂_0, the data that the forward process would have
// turned into xt at step t (1 ≤ t ≤ T) had its noise been epsHat. The
// inputs are not changed.
func PredictX0(xt []float64, t int, epsHat, alphaBar []float64) []float64 {
	// TODO
	return nil
}

// Step returns x_{t'}, one DDIM step (Song et al. 2021, eq. 12) from xt at
// step t down to tPrev (0 ≤ tPrev < t ≤ T), given the network's noise
// estimate epsHat, the dial eta and standard normal noise z. z is read
// only when σ > 0, and may be nil when σ = 0 (η = 0, or tPrev = 0). The
// inputs are not changed.
func Step(xt []float64, t, tPrev int, epsHat []float64, eta float64, z, alphaBar []float64) []float64 {
	// TODO: x̂_0 and σ first.
	return nil
}
