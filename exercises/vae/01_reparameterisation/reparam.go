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
// a deterministic, differentiable function of μ, logVar and ε whose
// result is distributed as q. Work out which function does that, and then
// its partial derivatives, with ε held constant: the chapter section "The
// reparameterisation trick" (chapters/vae/README.md) explains why this
// moves the randomness out of the way of the gradient.
//
// The encoder outputs logVar rather than σ or σ² because a network's last
// layer can output any real number, and every real logVar is a valid
// variance. Your σ must be finite wherever it is representable: for
// logVar = 1400, σ is about 1.01e304, an ordinary float64, even though
// σ² overflows.
package reparam

// Reparameterize returns z, a draw from N(μ, diag exp(logVar)) when ε was
// drawn from N(0, I), computed deterministically from mu, logVar and eps.
// The three slices hold one entry per latent dimension; they are left
// unchanged, and z is a new slice of the same length. Slices of different
// lengths are a programmer's error: Reparameterize panics, with a message
// giving the three lengths.
func Reparameterize(mu, logVar, eps []float64) []float64 {
	// TODO: turn standard normal noise into a draw from q.
	return nil
}

// Gradients returns the partial derivatives of each z_j of Reparameterize
// with respect to its own μ_j and logVar_j: dMu_j = ∂z_j/∂μ_j and
// dLogVar_j = ∂z_j/∂logVar_j, with ε fixed. Neither depends on μ, so mu is
// not an argument. The results are new slices as long as logVar; it
// panics if logVar and eps differ in length.
func Gradients(logVar, eps []float64) (dMu, dLogVar []float64) {
	// TODO: differentiate your Reparameterize by hand.
	return nil, nil
}
