package foundations

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: mlp

// MLP is a multilayer perceptron: affine maps with a ReLU between them,
//
//	h₀ = x,   hᵢ = ReLU(hᵢ₋₁ Wᵢ + bᵢ),   logits = h_{L-1} W_L + b_L
//
// The last layer has no ReLU: its outputs are logits, unnormalised log
// probabilities that the cross-entropy loss turns into a distribution.
type MLP struct {
	Layers []*nn.Linear
}

// NewMLP builds an MLP with the given layer widths (input first, classes
// last), its weights drawn from rng.
func NewMLP(widths []int, rng *tensor.RNG) *MLP {
	if len(widths) < 2 {
		panic(fmt.Sprintf("foundations: NewMLP needs at least an input and an output width, got %v", widths))
	}
	m := &MLP{}
	for i := 1; i < len(widths); i++ {
		m.Layers = append(m.Layers, nn.NewLinear(widths[i-1], widths[i], rng))
	}
	return m
}

// Forward maps a batch x [N, D] to logits [N, classes].
func (m *MLP) Forward(x *autograd.Value) *autograd.Value {
	h := x
	for i, l := range m.Layers {
		h = l.Forward(h)
		if i < len(m.Layers)-1 {
			h = autograd.ReLU(h)
		}
	}
	return h
}

// ANCHOR_END: mlp

// Children names the layers ("fc1", "fc2", ...) for parameter files.
func (m *MLP) Children() []nn.Child {
	c := make([]nn.Child, len(m.Layers))
	for i, l := range m.Layers {
		c[i] = nn.Child{Name: fmt.Sprintf("fc%d", i+1), M: l}
	}
	return c
}

// Params lists every weight and bias, named by layer.
func (m *MLP) Params() []nn.Param { return nn.Nest(m.Children()...) }

// Predict returns the most likely class of each row of x, computed without
// recording a graph, a thousand rows at a time so that memory stays small.
func (m *MLP) Predict(x *tensor.Tensor) []int {
	logits := nn.InChunks(x, 1000, func(x *autograd.Value) *tensor.Tensor { return m.Forward(x).Data })
	return tensor.ArgMax(logits)
}
