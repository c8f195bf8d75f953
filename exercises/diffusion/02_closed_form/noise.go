// Package closedform is an exercise: jumping straight from the data x_0 to
// its noised version x_t, without taking the t steps in between, and back
// (Ho et al. 2020, "Denoising Diffusion Probabilistic Models", §2 and
// §3.2).
//
// One step of the forward process shrinks the signal and adds fresh
// Gaussian noise,
//
//	x_t = √α_t·x_{t-1} + √β_t·ε_t,   ε_t ~ N(0, I),   α_t = 1 - β_t
//
// so reaching x_t from x_0 by simulation costs t steps and t draws. Training
// needs x_t at a random t for every example of every batch, and would crawl.
// It does not have to: q(x_t | x_0) is again a Gaussian, whose mean and
// variance depend on the schedule only through ᾱ_t = α_1·…·α_t. Derive
// them. Unroll two steps and write x_2 in terms of x_0, ε_1 and ε_2; a sum
// of independent zero-mean Gaussians is one zero-mean Gaussian whose
// variance is the sum of theirs, so the two noises merge into one. Then
// argue by induction on t. With the mean and variance in hand, x_t is one
// draw: x_t = mean + standard deviation·ε with a single ε ~ N(0, I).
//
// The variance is why each step shrinks the signal before adding noise:
// when x_0 has unit variance, so does every x_t, and x_T ≈ N(0, I) is a
// prior the sampler can start from.
//
// The same line read backwards is the model's use of it. A network ε̂
// trained to tell which ε was added gives an estimate of the clean data,
// x̂_0, by solving the closed form for x_0. Its error is the network's
// error scaled by a factor that grows with t: at large t there is little
// signal left, and guessing x_0 is hard. How much signal is left is
// measured by the signal-to-noise ratio SNR(t): the variance of x_t that
// comes from x_0 (for a unit-variance x_0) over the variance that comes
// from the noise (Kingma et al. 2021, "Variational Diffusion Models"). It
// falls from +Inf at t = 0 towards 0 at t = T.
//
// alphaBar[t] holds ᾱ_t, from alphaBar[0] = ᾱ_0 = 1 to alphaBar[T] = ᾱ_T,
// as exercise 01's AlphaBar returns it. Vectors are plain []float64, one
// entry per pixel; the noise is independent across entries.
//
// Chapter section "The forward process", chapters/diffusion/README.md.
package closedform

// Noise returns x_t drawn from q(x_t | x_0) for the data x0 at step t
// (0 ≤ t ≤ T), using eps (the same length as x0, standard normal entries)
// as its only randomness, so that Noise(x0, t, eps, alphaBar) is one
// sample of the t steps taken at once. At t = 0 it is x0. The inputs are
// not changed.
func Noise(x0 []float64, t int, eps, alphaBar []float64) []float64 {
	// TODO: the mean and the standard deviation of q(x_t | x_0).
	return nil
}

// PredictX0 returns x̂_0, the data that Noise would have turned into xt at
// step t (1 ≤ t ≤ T, with ᾱ_t > 0) had it drawn epsHat: it solves the
// closed form for x_0. The inputs are not changed.
func PredictX0(xt []float64, t int, epsHat, alphaBar []float64) []float64 {
	// TODO
	return nil
}

// SNR returns the signal-to-noise ratio of x_t at step t: the variance of
// x_t that comes from a unit-variance x_0 over the variance that comes
// from the noise. It is +Inf at t = 0, where there is no noise.
func SNR(t int, alphaBar []float64) float64 {
	// TODO
	return 0
}
