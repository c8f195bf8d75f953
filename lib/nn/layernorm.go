package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// LayerNorm normalises each vector over its own features (Ba, Kiros &
// Hinton 2016): the statistics of x [..., D] are taken over the last axis,
// one mean and variance per token or per example, so unlike BatchNorm it
// behaves the same in training and evaluation and for any batch size.
// Transformers apply it to every token:
//
//	μ = (1/D)·Σ_i x_i      σ² = (1/D)·Σ_i (x_i - μ)²
//	y = γ ⊙ (x - μ)/√(σ² + ε) + β
type LayerNorm struct {
	Gamma *autograd.Value // γ, scale per feature [D], starts at 1
	Beta  *autograd.Value // β, shift per feature [D], starts at 0; nil for no shift
	Eps   float64         // ε, keeps the division finite for a constant vector
}

// NewLayerNorm returns a LayerNorm over d features with ε = 1e-5.
func NewLayerNorm(d int) *LayerNorm {
	if d <= 0 {
		panic(fmt.Sprintf("nn: NewLayerNorm(%d): the feature count must be positive", d))
	}
	return &LayerNorm{Gamma: autograd.Param(tensor.Ones(d)), Beta: autograd.Param(tensor.New(d)), Eps: 1e-5}
}

// Forward normalises x [..., D] along its last axis.
func (ln *LayerNorm) Forward(x *autograd.Value) *autograd.Value {
	d := ln.Gamma.Data.Size()
	shape := x.Shape()
	if len(shape) == 0 || shape[len(shape)-1] != d {
		panic(fmt.Sprintf("nn: LayerNorm over %d features: input %v, want [..., %d]", d, shape, d))
	}
	// x̂ = (x - μ)/√(σ² + ε), with μ the mean of x over the last axis and
	// σ² the mean of (x - μ)², then y = γ ⊙ x̂ + β (y = γ ⊙ x̂ without β).
	// autograd.LayerNorm computes them as one operation, with the bits of
	// Add(Mul(autograd.Standardize(x, ε), γ), β); Standardize's
	// documentation spells x̂ out with MeanAxis, Sub and Div.
	return autograd.LayerNorm(x, ln.Gamma, ln.Beta, ln.Eps)
}

// Params lists γ and β (γ alone without β).
func (ln *LayerNorm) Params() []Param {
	if ln.Beta == nil {
		return []Param{{Name: "gamma", V: ln.Gamma}}
	}
	return []Param{{Name: "gamma", V: ln.Gamma}, {Name: "beta", V: ln.Beta}}
}
