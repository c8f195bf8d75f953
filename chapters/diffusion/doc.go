// Package diffusion is the code of the book's chapter on diffusion models:
// DDPM (Ho et al. 2020), its learned variance (Nichol & Dhariwal 2021) and
// DDIM (Song et al. 2021).
//
// A diffusion model destroys data by adding Gaussian noise in T small steps,
//
//	q(x_t | x_{t−1}) = N(√(1−β_t) x_{t−1}, β_t I),
//
// and learns to undo one step at a time, p_θ(x_{t−1} | x_t) =
// N(μ_θ(x_t, t), Σ_θ(x_t, t)). The package reads in the order of the
// chapter:
//
//	schedule.go   β_t, α_t = 1 − β_t and ᾱ_t = Π α_s: linear and cosine schedules
//	forward.go    the one-step kernel and the closed form q(x_t | x_0)
//	posterior.go  q(x_{t−1} | x_t, x_0): its mean μ̃_t and variance β̃_t
//	variance.go   Σ_θ learned as an interpolation between β_t and β̃_t
//	gaussian.go   the KL between Gaussians and the discretised decoder at t = 1
//	ddim.go       one step of DDIM, from deterministic (η = 0) to DDPM (η = 1)
//	score.go      the score ∇ log p(x_t) that a noise predictor implies
//	figures.go    the schedules' ᾱ_t and a picture noised over t
//	timeembed.go  the sinusoidal embedding of the step t
//	toy_model.go  ε_θ(x_t, t) for 2-D data: an MLP that reads t at every layer
//	toy_data.go   the swiss roll and the ring of eight
//	loss.go       L_simple, the mean squared error of the predicted noise
//	hybrid.go     L_vlb's terms and the hybrid loss that learns the variance
//	toy_train.go  training the 2-D model
//	sample.go     the ancestral DDPM sampler, its chain, and the DDIM sampler
//	invert.go     DDIM run backwards, from data to its noise
//	toy_eval.go   the samplers the chapter compares, and how their 2-D samples score
//	toy_figures.go  2-D samples and the reverse chain drawn over the data
package diffusion
