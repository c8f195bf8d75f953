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
// β prices the information in the code. With β > 1 the encoder keeps less
// of x (the rate falls) and reconstructions get worse (the distortion
// rises), in exchange for codes that stay closer to the prior's
// independent factors; β < 1 does the reverse, and β = 0 is a plain
// autoencoder, for which the rate costs nothing, even an infinite one.
//
// A model small enough to solve by hand shows the trade exactly. The data
// are x ~ N(0, s²) in one dimension, the prior is z ~ N(0, 1), the decoder
// p(x|z) = N(x; z, τ²), and the encoder is linear, q(z|x) = N(a·x, v).
// Averaging over x, with E[x²] = s²,
//
//	R(a, v) = ½·(a²·s² + v - 1 - log v)
//	D(a, v) = ½·log(2πτ²) + ((1 - a)²·s² + v) / (2τ²)
//
// (R is the closed-form KL with μ = a·x and σ² = v; for D, x - z with
// z = a·x + √v·ε has mean square (1 - a)²·s² + v.) Setting the derivatives
// of D + β·R with respect to a and v to zero gives the best encoder for a
// given β:
//
//	a* = 1 / (1 + β·τ²),   v* = β·τ² / (1 + β·τ²)
//
// As β → 0, a* → 1 and v* → 0: the code copies x, the distortion falls to
// its floor ½·log(2πτ²), and the rate grows without bound. As β → ∞,
// a* → 0 and v* → 1: q(z|x) is the prior whatever x is, the rate is 0 and
// the code carries nothing, the "posterior collapse" of VAEs with strong
// decoders. At β = 1 and s² = 1 + τ², where the model's p(x) = N(0, 1 + τ²)
// is the data's distribution, q* is the exact posterior and D + R is
// E[-log p(x)] = ½·log(2πs²) + ½.
package betavae

import "math"

// Loss returns the β-VAE's loss L_β = distortion + β·rate. At β = 0 the
// rate does not count, even when it is +Inf (the limit of D + β·R as
// β → 0 is D): Loss(+Inf, d, 0) is d.
func Loss(rate, distortion, beta float64) float64 {
	if beta == 0 {
		return distortion // the limit of D + β·R as β → 0, even for R = +Inf
	}
	return distortion + beta*rate
}

// RateDistortion returns, for the linear-Gaussian model of the package
// comment, the rate R(a, v) and the distortion D(a, v) of the encoder
// q(z|x) = N(a·x, v), on data of variance s2 decoded with variance tau2:
//
//	R = ½·(a²·s2 + v - 1 - log v)
//	D = ½·log(2π·tau2) + ((1 - a)²·s2 + v) / (2·tau2)
//
// A deterministic encoder, v = 0, has an infinite rate: R = +Inf.
func RateDistortion(a, v, s2, tau2 float64) (rate, distortion float64) {
	rate = (a*a*s2 + v - 1 - math.Log(v)) / 2 // E_x KL(N(a·x, v) ‖ N(0, 1))
	distortion = math.Log(2*math.Pi*tau2)/2 + ((1-a)*(1-a)*s2+v)/(2*tau2)
	return rate, distortion
}

// OptimalEncoder returns the encoder (a, v) that minimises D + β·R in the
// linear-Gaussian model for decoder variance tau2 > 0 and β ≥ 0:
//
//	a = 1 / (1 + β·tau2),   v = β·tau2 / (1 + β·tau2)
//
// It does not depend on the data's variance.
func OptimalEncoder(beta, tau2 float64) (a, v float64) {
	// ∂/∂a: -(1 - a)·s²/τ² + β·a·s² = 0;  ∂/∂v: 1/(2τ²) + (β/2)(1 - 1/v) = 0
	return 1 / (1 + beta*tau2), beta * tau2 / (1 + beta*tau2)
}
