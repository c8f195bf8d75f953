package diffusion

import "math"

// NormalKL returns KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) in nats for one dimension,
// with each variance given by its log:
//
//	KL = ½ (log σ₂² − log σ₁² + σ₁²/σ₂² + (μ₁ − μ₂)²/σ₂² − 1).
//
// Each term of the variational bound for 1 < t ≤ T is a sum of these: the
// KL of the true posterior q(x_{t−1} | x_t, x_0) from the model's
// p_θ(x_{t−1} | x_t), one per dimension.
func NormalKL(mu1, logVar1, mu2, logVar2 float64) float64 {
	d := mu1 - mu2
	return 0.5 * (logVar2 - logVar1 + math.Exp(logVar1-logVar2) + d*d*math.Exp(-logVar2) - 1)
}

// DecoderBinWidth is the width of one of the 256 intensity levels of 8-bit
// data scaled to [−1, 1]: 2/255.
const DecoderBinWidth = 2.0 / 255

// DecoderMinProb is the smallest probability DiscretizedGaussianLogLik
// gives a bin, so that a pixel far in a tail costs log(10⁻¹²) ≈ −27.6 nats
// and not −∞ (the floor of Ho et al.'s and Nichol & Dhariwal's code).
const DecoderMinProb = 1e-12

// DiscretizedGaussianLogLik returns log p(x) for one dimension of data on
// 256 levels in [−1, 1], under the decoder of Ho et al. (2020, eq. 13):
// the mass that N(μ, σ²), σ² = exp(logVar), puts on x's bin,
// [x − 1/255, x + 1/255], with the two end bins stretched to ∓∞ so that the
// 256 probabilities sum to 1. It is the t = 1 term of the variational
// bound, −log p_θ(x_0 | x_1), and what makes the bound a likelihood of
// discrete data, measured in bits per dimension.
func DiscretizedGaussianLogLik(x, mu, logVar float64) float64 {
	sigma := math.Exp(0.5 * logVar)
	lo, hi := (x-DecoderBinWidth/2-mu)/sigma, (x+DecoderBinWidth/2-mu)/sigma
	var p float64
	switch {
	case x <= -1+DecoderBinWidth/2: // the first bin: (−∞, x + 1/255]
		p = normCDF(hi)
	case x >= 1-DecoderBinWidth/2: // the last bin: [x − 1/255, ∞)
		p = normCDF(-lo)
	default:
		p = normMass(lo, hi)
	}
	return math.Log(math.Max(p, DecoderMinProb))
}

// normCDF returns Φ(z) = ½ erfc(−z/√2), accurate in the lower tail.
func normCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// normMass returns Φ(b) − Φ(a) for a ≤ b, computed from the tail nearer
// the interval so that a narrow bin far from the mean keeps its digits.
func normMass(a, b float64) float64 {
	if a > 0 { // both in the upper tail: (1 − Φ(a)) − (1 − Φ(b))
		return normCDF(-a) - normCDF(-b)
	}
	return normCDF(b) - normCDF(a)
}
