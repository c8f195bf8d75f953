package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// Linear is a fully connected (affine) layer: every output is a weighted
// sum of every input plus a bias. W is [in, out], so a batch of row
// vectors x [N, in] maps to x·W + b [N, out] without a transpose.
type Linear struct {
	W *autograd.Value // weights [in, out]
	B *autograd.Value // bias [out]; nil for a layer without bias
	// Precision is the arithmetic of the product x·W and its gradients:
	// tensor.Float64 (the zero value) unless a model asks for Float32.
	Precision tensor.Precision
}

// NewLinear returns a Linear layer from in to out features, initialised
// with PyTorch's default U(-1/√in, 1/√in) for W and b (see defaultInit).
func NewLinear(in, out int, rng *tensor.RNG) *Linear {
	if in <= 0 || out <= 0 {
		panic(fmt.Sprintf("nn: NewLinear(%d, %d): sizes must be positive", in, out))
	}
	w, b := tensor.New(in, out), tensor.New(out)
	defaultInit(w, b, in, rng)
	return &Linear{W: autograd.Param(w), B: autograd.Param(b)}
}

// NewLinearNoBias returns a Linear layer y = x·W without a bias (B is
// nil), W initialised as NewLinear's. Layers followed by a normalisation,
// or models that leave biases out on purpose (nanoGPT's bias=False),
// use it.
func NewLinearNoBias(in, out int, rng *tensor.RNG) *Linear {
	l := NewLinear(in, out, rng)
	l.B = nil
	return l
}

// ANCHOR: linear

// Forward maps x [..., in] to [..., out]. Any leading axes (a batch, a
// sequence) are flattened into rows for one matrix product and restored.
func (l *Linear) Forward(x *autograd.Value) *autograd.Value {
	in, out := l.W.Data.Shape[0], l.W.Data.Shape[1]
	shape := x.Shape()
	if len(shape) == 0 || shape[len(shape)-1] != in {
		panic(fmt.Sprintf("nn: Linear: input %v, want [..., %d] for weights %v", shape, in, l.W.Shape()))
	}
	rows := autograd.Reshape(x, -1, in)
	// y = x·W + b   (y = x·W without a bias)
	y := autograd.MatMulIn(l.Precision, rows, l.W)
	if l.B != nil {
		y = autograd.Add(y, l.B)
	}
	outShape := append(append([]int{}, shape[:len(shape)-1]...), out)
	return autograd.Reshape(y, outShape...)
}

// ANCHOR_END: linear

// Params lists W and b (W alone for a layer without bias).
func (l *Linear) Params() []Param {
	if l.B == nil {
		return []Param{{Name: "W", V: l.W}}
	}
	return []Param{{Name: "W", V: l.W}, {Name: "b", V: l.B}}
}
