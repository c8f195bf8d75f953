// Package betavae is an exercise: the β-VAE's loss (Higgins et al. 2017,
// "β-VAE: Learning Basic Visual Concepts with a Constrained Variational
// Framework") and which way β moves a VAE between rate and distortion
// (Alemi et al. 2018, "Fixing a Broken ELBO").
//
// Name the two parts of the negative ELBO as a communication channel
// would, each averaged over the data:
//
//	distortion D = E[-log p(x|z)]            how badly the code reconstructs x
//	rate       R = E[KL(q(z|x) ‖ p(z))]      how many nats the code carries about x
//
// The VAE minimises D + R. The β-VAE minimises
//
//	L_β = D + β·R
//
// so β prices the information in the code; β = 0 is a plain autoencoder,
// for which the rate costs nothing, even an infinite one (chapter section
// "β-VAE: rate against distortion", chapters/vae/README.md).
//
// A model small enough to solve by hand shows the trade exactly. The data
// are x ~ N(0, s²) in one dimension, the prior is z ~ N(0, 1), the decoder
// p(x|z) = N(x; z, τ²), and the encoder is linear, q(z|x) = N(a·x, v).
// Derive R and D as functions of a and v (averaging over both x and
// z ~ q(z|x)), then the encoder (a, v) that minimises D + β·R for a given
// β, and see where it goes as β → 0 and β → ∞. Check yourself: at β = 1
// and s² = 1 + τ², where the model's p(x) is the data's distribution, the
// best q is the exact posterior and D + R is E[-log p(x)] =
// ½·log(2πs²) + ½.
package betavae

// Loss returns the β-VAE's loss L_β = distortion + β·rate. At β = 0 the
// rate does not count, even when it is +Inf (the limit of D + β·R as
// β → 0 is D): Loss(+Inf, d, 0) is d.
func Loss(rate, distortion, beta float64) float64 {
	// TODO
	return 0
}

// RateDistortion returns, for the linear-Gaussian model of the package
// comment, the rate R(a, v) and the distortion D(a, v) in nats of the
// encoder q(z|x) = N(a·x, v), on data of variance s2 decoded with
// variance tau2. A deterministic encoder, v = 0, has an infinite rate:
// R = +Inf.
func RateDistortion(a, v, s2, tau2 float64) (rate, distortion float64) {
	// TODO: derive both expectations in closed form.
	return 0, 0
}

// OptimalEncoder returns the encoder (a, v) that minimises D + β·R in the
// linear-Gaussian model for decoder variance tau2 > 0 and β ≥ 0. (It
// turns out not to depend on the data's variance.)
func OptimalEncoder(beta, tau2 float64) (a, v float64) {
	// TODO: minimise your D + β·R over a and v by hand.
	return 0, 0
}
