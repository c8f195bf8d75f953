package vae

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
)

// ANCHOR: reparam

// Reparameterize draws z ~ N(μ, diag σ²) as a differentiable function of
// μ and log σ² (Kingma & Welling 2014, section 2.4):
//
//	z = μ + σ ⊙ ε,   σ = exp(½ log σ²),   ε ~ N(0, I)
//
// The randomness sits in ε, which does not depend on the parameters, so
// the gradients of z are ordinary ones:
//
//	∂z/∂μ = 1,   ∂z/∂(log σ²) = ½ σ ⊙ ε
//
// eps is drawn by the caller (a Const of the same [N, J] shape as mu and
// logVar), so that a seeded run draws the same noise every time.
func Reparameterize(mu, logVar, eps *autograd.Value) *autograd.Value {
	if !mu.Data.SameShape(logVar.Data) || !mu.Data.SameShape(eps.Data) {
		panic(fmt.Sprintf("vae: Reparameterize: mu %v, logVar %v, eps %v, want one shape", mu.Shape(), logVar.Shape(), eps.Shape()))
	}
	sigma := autograd.Exp(autograd.Scale(logVar, 0.5))
	return autograd.Add(mu, autograd.Mul(sigma, eps))
}

// ANCHOR_END: reparam
