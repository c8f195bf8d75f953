// Package schedule is an exercise: the noise schedule of a diffusion
// model, and the running product that the rest of the model reads from it
// (Ho et al. 2020, "Denoising Diffusion Probabilistic Models", §4;
// Nichol & Dhariwal 2021, "Improved Denoising Diffusion Probabilistic
// Models", §3.2).
//
// The forward process destroys data x_0 in T small steps, t = 1, ..., T.
// Step t shrinks the signal a little and adds Gaussian noise of variance
// β_t, a number in (0, 1):
//
//	q(x_t | x_{t-1}) = N(√(1 - β_t)·x_{t-1}, β_t·I)
//
// Write α_t = 1 - β_t. What the later steps need of the schedule is the
// running product
//
//	ᾱ_t = α_1·α_2·…·α_t,   ᾱ_0 = 1 (the empty product: no step taken)
//
// which falls from 1 towards 0. It is the share of x_0's variance that
// survives to x_t (exercise 02 shows why), so it says how much of the
// data is left at step t.
//
// Ho et al. space the betas evenly from β_1 = 10⁻⁴ to β_T = 0.02 over
// T = 1000 steps: each step is small, so that its reverse is nearly
// Gaussian too, and after the last one ᾱ_T is about 4·10⁻⁵, so x_T is all
// but pure noise.
//
// Nichol & Dhariwal found that this linear schedule destroys the data
// sooner than it needs to: ᾱ_t is close to 0 over the last part of the
// chain, whose steps teach the model little. They choose the product
// instead, and let the betas follow:
//
//	ᾱ_t = f(t)/f(0),   f(t) = cos²((t/T + s)/(1 + s) · π/2)
//
// so that ᾱ falls like a cosine: slowly near t = 0 and near t = T, evenly
// in between. The small offset s (0.008 in the paper) keeps β_1 from
// being too small. A trainer and a sampler step with the betas, so find
// the β_t that give this product from the product's definition. Near t = T,
// f(t) goes to 0 and β_t to 1: a step that keeps nothing of x_{t-1},
// whose reverse would be singular. Clip each β_t at 0.999, as the paper
// does; the product of the clipped betas then differs from f(t)/f(0) only
// from the first clipped step on.
//
// Slices are indexed by what they hold: betas[t-1] is β_t (a schedule has
// T entries), and alphaBar[t] is ᾱ_t (T + 1 entries, from ᾱ_0 = 1).
//
// Chapter sections "The forward process" and "Schedules",
// chapters/diffusion/README.md.
package schedule

// AlphaBar returns ᾱ_0, ..., ᾱ_T for the betas β_1, ..., β_T (betas[t-1]
// is β_t): T + 1 numbers, ᾱ_0 = 1 and ᾱ_t the product of α_s = 1 - β_s
// over s ≤ t. The betas are not changed.
func AlphaBar(betas []float64) []float64 {
	// TODO
	return nil
}

// Linear returns the T ≥ 2 betas of the linear schedule, evenly spaced
// from beta1 (β_1) to betaT (β_T), both included; betas[t-1] is β_t.
// Ho et al. use Linear(1000, 1e-4, 0.02).
func Linear(T int, beta1, betaT float64) []float64 {
	// TODO
	return nil
}

// Cosine returns the T betas of the cosine schedule with offset s: the β_t
// whose product is ᾱ_t = f(t)/f(0), each clipped at 0.999; betas[t-1] is
// β_t. Nichol & Dhariwal use s = 0.008.
func Cosine(T int, s float64) []float64 {
	// TODO: solve the product's definition for β_t.
	return nil
}
