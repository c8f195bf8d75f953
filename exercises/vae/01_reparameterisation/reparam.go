// Package reparam is an exercise: drawing a VAE's latent code with the
// reparameterisation trick (Kingma & Welling 2014, "Auto-Encoding
// Variational Bayes", section 2.4).
//
// A VAE's encoder maps an input x to a diagonal Gaussian
// q(z|x) = N(μ, diag σ²): for each of the J latent dimensions a mean μ_j
// and a log-variance log σ_j², called logVar. Training needs draws z ~ q
// that can be differentiated with respect to μ and logVar, and a call to a
// random number generator has no derivative. The trick draws the noise
// first, from a distribution with no parameters, ε ~ N(0, I), and makes z
// a deterministic function of it:
//
//	z_j = μ_j + σ_j·ε_j,   σ_j = exp(½·logVar_j)
//
// Shifting and scaling a standard normal gives z_j ~ N(μ_j, σ_j²), so z is
// a draw from q; and z's derivatives are ordinary ones, since ε is a
// constant:
//
//	∂z_j/∂μ_j = 1,   ∂z_j/∂logVar_j = ½·σ_j·ε_j
//
// (d/dv exp(v/2) = ½·exp(v/2)). Each z_j depends only on its own μ_j,
// logVar_j and ε_j, so every other partial derivative is 0.
//
// Why the encoder outputs logVar rather than σ or σ²: a network's last
// layer can output any real number, and exp turns every one of them into a
// valid, positive variance. Take σ as exp(½·logVar), not as
// √(exp(logVar)): the two are equal on paper, but for logVar = 1400,
// exp(1400) overflows to +Inf while exp(700) ≈ 1.01e304 is an ordinary
// float64.
package reparam

// Reparameterize returns z with
//
//	z_j = μ_j + exp(½·logVar_j)·ε_j
//
// a draw from N(μ, diag exp(logVar)) when ε was drawn from N(0, I). mu,
// logVar and eps hold one entry per latent dimension; they are left
// unchanged, and z is a new slice of the same length. Slices of different
// lengths are a programmer's error: Reparameterize panics, with a message
// giving the three lengths.
func Reparameterize(mu, logVar, eps []float64) []float64 {
	// TODO: σ_j = exp(½·logVar_j), then z_j = μ_j + σ_j·ε_j.
	return nil
}

// Gradients returns the partial derivatives of each z_j of Reparameterize
// with respect to its own μ_j and logVar_j:
//
//	dMu_j     = ∂z_j/∂μ_j      = 1
//	dLogVar_j = ∂z_j/∂logVar_j = ½·exp(½·logVar_j)·ε_j
//
// Neither depends on μ, so mu is not an argument. The results are new
// slices as long as logVar; it panics if logVar and eps differ in length.
func Gradients(logVar, eps []float64) (dMu, dLogVar []float64) {
	// TODO
	return nil, nil
}
