// Package negelbo is an exercise: the loss a VAE is trained with on MNIST,
// the negative evidence lower bound (ELBO) of a batch, with a Bernoulli
// decoder.
//
// For each image x the VAE maximises
//
//	ELBO(x) = E_{q(z|x)}[log p(x|z)] - KL(q(z|x) ‖ p(z))  ≤  log p(x)
//
// The expectation is estimated with the one draw z ~ q(z|x) of the
// reparameterisation trick; the KL has the closed form
//
//	KL = ½ Σ_j (μ_j² + exp(logVar_j) - 1 - logVar_j)
//
// for the encoder's q = N(μ, diag exp(logVar)) and the prior N(0, I).
//
// The decoder turns z into one logit l_d per pixel, and says that pixel d
// is on with probability σ(l_d) = 1/(1 + e^{-l_d}), independently of the
// others. The reconstruction term is then the binary cross-entropy summed
// over the pixels (784 for an MNIST digit):
//
//	-log p(x|z) = -Σ_d [x_d·log σ(l_d) + (1 - x_d)·log(1 - σ(l_d))]
//	            =  Σ_d [softplus(l_d) - x_d·l_d]
//
// by log σ(l) = l - softplus(l) and log(1 - σ(l)) = -softplus(l), where
// softplus(l) = log(1 + e^l). The second line never forms σ(l), which
// rounds to exactly 0 or 1 for |l| beyond about 37 and makes the first
// line log 0 = -Inf. softplus itself must be computed as
//
//	softplus(l) = max(l, 0) + log1p(e^{-|l|})
//
// (e^{-|l|} ≤ 1 cannot overflow, and log1p keeps a tiny e^{-|l|} that
// 1 + e^{-|l|} would round away).
//
// MNIST's grey levels x_d in [0, 1] are used as they are, as the PyTorch
// examples' VAE does: the cross-entropy is smallest at σ(l_d) = x_d, where
// it equals the binary entropy of x_d, not 0.
//
// The loss of a batch of N images is the negative ELBO per digit,
//
//	loss = (1/N) Σ_n [-log p(x_n|z_n) + KL_n] = recon + kl
//
// the number that papers report (around 100 nats for a good MNIST VAE).
// The PyTorch example sums over the batch instead; only the scale of the
// gradient differs.
package negelbo

import "math"

// Softplus returns log(1 + e^l) for any finite l, without overflow:
// Softplus(1000) is 1000, and Softplus(-40) is about e^{-40}, not 0.
func Softplus(l float64) float64 {
	return math.Max(l, 0) + math.Log1p(math.Exp(-math.Abs(l)))
}

// BernoulliNLL returns -log p(x|z) = Σ_d [softplus(l_d) - x_d·l_d] for the
// decoder's logits l and an image's pixels x in [0, 1], one per pixel (the
// two slices have the same length), in nats.
func BernoulliNLL(logits, x []float64) float64 {
	nll := 0.0
	for d, l := range logits {
		nll += Softplus(l) - x[d]*l // -[x·log σ(l) + (1 - x)·log(1 - σ(l))]
	}
	return nll
}

// NegativeELBO returns the negative ELBO per digit of a batch of N images,
// and its two parts, each a mean over the batch:
//
//	recon = (1/N) Σ_n BernoulliNLL(logits_n, x_n)
//	kl    = (1/N) Σ_n ½ Σ_j (μ_nj² + exp(logVar_nj) - 1 - logVar_nj)
//	loss  = recon + kl
//
// Row n of logits and x holds image n's pixels, row n of mu and logVar
// its code's J means and log-variances. A mean over no images is
// undefined: for N = 0 all three are NaN.
func NegativeELBO(logits, x, mu, logVar [][]float64) (loss, recon, kl float64) {
	n := len(logits)
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	for i := range logits {
		recon += BernoulliNLL(logits[i], x[i])
		for j, m := range mu[i] {
			// ½(μ² + σ² - 1 - log σ²), with log σ² = logVar as given
			kl += (m*m + math.Exp(logVar[i][j]) - 1 - logVar[i][j]) / 2
		}
	}
	recon /= float64(n)
	kl /= float64(n)
	return recon + kl, recon, kl
}
