package vae

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: kl

// KLStdNormal returns, for each row n of a batch, the divergence of the
// encoder's diagonal Gaussian q = N(μ_n, diag σ_n²) from the prior
// p = N(0, I), in closed form (Kingma & Welling 2014, Appendix B):
//
//	KL(q ‖ p) = ½ Σ_j (μ_j² + σ_j² - 1 - log σ_j²)
//
// The encoder outputs log σ² (logVar) rather than σ: any real number is a
// valid log-variance, and σ² = exp(logVar) is positive by construction.
// mu and logVar are [N, J]; the result is [N], one KL per row, in nats.
func KLStdNormal(mu, logVar *autograd.Value) *autograd.Value {
	checkMuLogVar("KLStdNormal", mu.Data, logVar.Data)
	// μ² + σ² - (1 + log σ²), then ½ Σ_j
	terms := autograd.Sub(
		autograd.Add(autograd.Square(mu), autograd.Exp(logVar)),
		autograd.AddScalar(logVar, 1))
	return autograd.Scale(autograd.SumAxis(terms, 1, false), 0.5)
}

// ANCHOR_END: kl

// KLStdNormalTensor is KLStdNormal on plain tensors, for evaluation: the
// same formula, row by row, without a graph.
func KLStdNormalTensor(mu, logVar *tensor.Tensor) *tensor.Tensor {
	checkMuLogVar("KLStdNormalTensor", mu, logVar)
	n, latent := mu.Shape[0], mu.Shape[1]
	out := tensor.New(n)
	for i := 0; i < n; i++ {
		s := 0.0
		for j := 0; j < latent; j++ {
			m, lv := mu.Data[i*latent+j], logVar.Data[i*latent+j]
			s += m*m + math.Exp(lv) - 1 - lv
		}
		out.Data[i] = s / 2
	}
	return out
}

// checkMuLogVar panics unless mu and logVar are both [N, J].
func checkMuLogVar(who string, mu, logVar *tensor.Tensor) {
	if mu.Dims() != 2 || !mu.SameShape(logVar) {
		panic(fmt.Sprintf("vae: %s: mu %v and logVar %v, want both [N, J]", who, mu.Shape, logVar.Shape))
	}
}
