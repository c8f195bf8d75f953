package vae

import "math"

// Why the reparameterisation trick: a VAE needs the gradient of an
// expectation over a distribution that itself depends on the parameters,
// ∇_θ E_{z~q_θ}[f(z)]. Two unbiased Monte Carlo estimators exist. The
// score function (REINFORCE, Williams 1992) differentiates the density,
//
//	∇_θ E_q[f(z)] = E_q[f(z)·∇_θ log q_θ(z)]
//
// and needs only values of f. The reparameterised estimator (Kingma &
// Welling 2014, section 2.4) writes z = g_θ(ε) with noise ε that does not
// depend on θ and differentiates f through g,
//
//	∇_θ E_q[f(z)] = E_ε[∇_θ f(g_θ(ε))]
//
// using what f's gradient says about which way z should move. This file
// compares the two on a toy objective whose gradient is known exactly:
//
//	J(m, log s) = E_{z~N(m, s²)}[z²] = m² + s²
//	∂J/∂m = 2m,   ∂J/∂(log s) = 2s²
//
// The parameters are m and log s (not s) for the reason the encoder
// outputs log σ²: every real number is a valid log s.

// ANCHOR: toy

// ToyObjective is J(m, log s) = E_{z~N(m, s²)}[z²] = m² + s², exactly.
func ToyObjective(m, logS float64) float64 {
	s := math.Exp(logS)
	return m*m + s*s
}

// ToyGradient is J's exact gradient: ∂J/∂m = 2m, ∂J/∂(log s) = 2s².
func ToyGradient(m, logS float64) (dm, dLogS float64) {
	s := math.Exp(logS)
	return 2 * m, 2 * s * s
}

// ANCHOR_END: toy

// ANCHOR: estimators

// ReparamGradients returns one reparameterised estimate of J's gradient
// per noise draw ε_i ~ N(0, 1): with z = m + s·ε,
//
//	∂(z²)/∂m = 2z,   ∂(z²)/∂(log s) = 2z·∂z/∂(log s) = 2z·s·ε
func ReparamGradients(m, logS float64, eps []float64) (dm, dLogS []float64) {
	s := math.Exp(logS)
	dm, dLogS = make([]float64, len(eps)), make([]float64, len(eps))
	for i, e := range eps {
		z := m + s*e
		dm[i] = 2 * z
		dLogS[i] = 2 * z * s * e
	}
	return dm, dLogS
}

// ScoreGradients returns one score-function (REINFORCE) estimate of J's
// gradient per draw z_i = m + s·ε_i: f(z) times the gradient of
// log q(z) = -log s - (z - m)²/(2s²) - ½ log 2π,
//
//	∂ log q/∂m = (z - m)/s² = ε/s,   ∂ log q/∂(log s) = (z - m)²/s² - 1 = ε² - 1
//
// so the estimates are z²·ε/s and z²·(ε² - 1).
func ScoreGradients(m, logS float64, eps []float64) (dm, dLogS []float64) {
	s := math.Exp(logS)
	dm, dLogS = make([]float64, len(eps)), make([]float64, len(eps))
	for i, e := range eps {
		z := m + s*e
		f := z * z
		dm[i] = f * e / s
		dLogS[i] = f * (e*e - 1)
	}
	return dm, dLogS
}

// ANCHOR_END: estimators

// ToyEstimatorVariances returns the exact variance of one draw of each
// estimator, from the moments of ε ~ N(0, 1) (E ε² = 1, E ε⁴ = 3,
// E ε⁶ = 15, E ε⁸ = 105):
//
//	reparameterised  Var ∂m = 4s²                          Var ∂(log s) = 4m²s² + 8s⁴
//	score function   Var ∂m = (m⁴ + 18m²s² + 15s⁴)/s² - 4m²   Var ∂(log s) = 2m⁴ + 60m²s² + 74s⁴
//
// At m = 1, s = ½ the score function's variances are 21.75 and 21.625,
// the reparameterised ones 1 and 1.5: 22 and 14 times smaller.
func ToyEstimatorVariances(m, logS float64) (reparamDm, reparamDLogS, scoreDm, scoreDLogS float64) {
	s := math.Exp(logS)
	m2, s2 := m*m, s*s
	reparamDm = 4 * s2
	reparamDLogS = 4*m2*s2 + 8*s2*s2
	scoreDm = (m2*m2+18*m2*s2+15*s2*s2)/s2 - 4*m2
	scoreDLogS = 2*m2*m2 + 60*m2*s2 + 74*s2*s2
	return reparamDm, reparamDLogS, scoreDm, scoreDLogS
}
