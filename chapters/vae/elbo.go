package vae

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: bernoulli

// BernoulliNLL returns, for each image n, the negative log-likelihood of
// its pixels x under a decoder that gives each pixel an independent
// Bernoulli distribution with probability σ(logit):
//
//	-log p(x_n|z_n) = Σ_d [softplus(l_d) - x_d·l_d]
//	                = -Σ_d [x_d·log σ(l_d) + (1 - x_d)·log(1 - σ(l_d))]
//
// the pixel-wise binary cross-entropy summed over the pixels (784 for an
// MNIST digit), computed from the logits l so that it stays finite where
// σ(l) rounds to 0 or 1 (see nn.BCEWithLogits, which averages the same
// terms).
//
// MNIST's pixels are grey levels in [0, 1], not binary. The PyTorch
// examples' VAE, like many since, puts them in this Bernoulli formula all
// the same, and so does this chapter: it is a cross-entropy between the
// pixel's intensity and the decoder's probability, smallest when they are
// equal, but for fractional x it is not the log-probability of anything
// (the "density" does not sum to 1 over [0, 1]), and even a perfect
// decoder pays the binary entropy h(x_d) of every grey pixel. Its
// numbers compare with other runs that make the same choice, not with
// likelihoods of binarised MNIST.
//
// logits and x are [N, D]; the result is [N], in nats.
func BernoulliNLL(logits, x *autograd.Value) *autograd.Value {
	if logits.Data.Dims() != 2 || !logits.Data.SameShape(x.Data) {
		panic(fmt.Sprintf("vae: BernoulliNLL: logits %v and x %v, want both [N, D]", logits.Shape(), x.Shape()))
	}
	// softplus(l) - x·l, summed over the pixels of each row
	return autograd.SumAxis(autograd.Sub(autograd.Softplus(logits), autograd.Mul(x, logits)), 1, false)
}

// ANCHOR_END: bernoulli

// ANCHOR: negelbo

// NegativeELBO is the loss of a batch of N images: the negative evidence
// lower bound, each image's expected log-likelihood estimated with the
// one z drawn for it, summed over the batch as the PyTorch examples' VAE
// sums it,
//
//	loss  = recon + β·kl
//	recon = Σ_n -log p(x_n|z_n)           (BernoulliNLL, z_n ~ q(z|x_n))
//	kl    = Σ_n KL(q(z|x_n) ‖ p(z))       (KLStdNormal)
//
// β = 1 is the VAE's bound (Kingma & Welling 2014); β > 1 is the β-VAE
// (Higgins et al. 2017), which weighs the KL more to push the code
// towards the prior's independent factors at some cost in reconstruction.
// Divide by N for the per-digit number that papers report. logits and x
// are [N, D], mu and logVar [N, J]; the three results are scalars.
func NegativeELBO(logits, x, mu, logVar *autograd.Value, beta float64) (loss, recon, kl *autograd.Value) {
	if logits.Data.Dims() != 2 || mu.Data.Dims() != 2 || logits.Data.Shape[0] != mu.Data.Shape[0] {
		panic(fmt.Sprintf("vae: NegativeELBO: logits %v and mu %v, want [N, D] and [N, J]", logits.Shape(), mu.Shape()))
	}
	recon = autograd.Sum(BernoulliNLL(logits, x))
	kl = autograd.Sum(KLStdNormal(mu, logVar))
	loss = autograd.Add(recon, autograd.Scale(kl, beta))
	return loss, recon, kl
}

// ANCHOR_END: negelbo

// BernoulliNLLTensor is BernoulliNLL on plain tensors, for evaluation.
func BernoulliNLLTensor(logits, x *tensor.Tensor) *tensor.Tensor {
	if logits.Dims() != 2 || !logits.SameShape(x) {
		panic(fmt.Sprintf("vae: BernoulliNLLTensor: logits %v and x %v, want both [N, D]", logits.Shape, x.Shape))
	}
	n, d := logits.Shape[0], logits.Shape[1]
	out := tensor.New(n)
	for i := 0; i < n; i++ {
		s := 0.0
		for j := i * d; j < (i+1)*d; j++ {
			s += softplus(logits.Data[j]) - x.Data[j]*logits.Data[j]
		}
		out.Data[i] = s
	}
	return out
}

// softplus is log(1 + e^l), computed without overflow.
func softplus(l float64) float64 {
	if l > 0 {
		return l + math.Log1p(math.Exp(-l))
	}
	return math.Log1p(math.Exp(l))
}
