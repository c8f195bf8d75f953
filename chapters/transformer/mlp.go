package transformer

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// MLP is the position-wise feed-forward network: the same two-layer
// network applied to every token on its own (Vaswani et al. 2017, §3.3,
// with GELU in place of ReLU, as GPT uses):
//
//	FFN(x) = GELU(x W_1 + b_1) W_2 + b_2
//
// W_1 is [d_model, d_ff] and W_2 [d_ff, d_model], d_ff usually 4·d_model.
// Attention mixes information across positions; the MLP transforms it
// within each position, and holds about two thirds of a block's weights.
type MLP struct {
	FC1, FC2 *nn.Linear // W_1, b_1 and W_2, b_2
	// Precision is GELU's: exact with erf in float64, the zero value, or
	// to float32's accuracy (autograd.GELUIn).
	Precision tensor.Precision
}

// NewMLP returns an MLP from dModel to dFF features and back, with or
// without biases, initialised as nn.NewLinear does.
func NewMLP(dModel, dFF int, bias bool, rng *tensor.RNG) *MLP {
	return &MLP{FC1: newLinear(dModel, dFF, bias, rng), FC2: newLinear(dFF, dModel, bias, rng)}
}

// ANCHOR: mlp_forward

// Forward maps x [..., d_model] to [..., d_model], token by token.
func (m *MLP) Forward(x *autograd.Value) *autograd.Value {
	// FFN(x) = GELU(x W_1 + b_1) W_2 + b_2
	return m.FC2.Forward(autograd.GELUIn(m.Precision, m.FC1.Forward(x)))
}

// ANCHOR_END: mlp_forward

// Children names the two layers "fc1" and "fc2".
func (m *MLP) Children() []nn.Child {
	return []nn.Child{{Name: "fc1", M: m.FC1}, {Name: "fc2", M: m.FC2}}
}

// Params lists the layers' weights (and biases).
func (m *MLP) Params() []nn.Param { return nn.Nest(m.Children()...) }
