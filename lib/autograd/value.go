// Package autograd is luoxia's reverse-mode automatic differentiation:
// define-by-run, over whole tensors.
//
// Every operation (Add, MatMul, Softmax, Conv2d, ...) computes its result
// right away, as ordinary Go code does, and records on the result which
// Values it came from and a closure that, given dL/d(result), adds each
// parent's share of the gradient to the parent. Calling Backward on a
// scalar loss L walks that record from L back to the leaves in reverse
// topological order, so that every Value v ends up holding dL/dv in v.Grad.
// This is the chain rule applied one operation at a time (a vector-Jacobian
// product per operation); no Jacobian matrix is ever formed.
//
// Each operation lives in a file of its own with its forward computation
// and its backward closure side by side, and each has a gradient check
// (GradCheck) that compares the backward with central finite differences.
//
// The exported API uses no generics, so gophernotes notebooks can call it.
package autograd

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: value

// Value is a node of the computation graph: a tensor, the gradient of the
// loss with respect to it, and how it was computed.
type Value struct {
	Data *tensor.Tensor // the forward value
	Grad *tensor.Tensor // dL/dData after Backward; nil until a gradient arrives

	requiresGrad bool   // whether gradients should flow into this Value
	parents      []any  // the operands (each a *Value) this Value was computed from
	backward     func() // sends Grad to the parents' Grad (the chain rule)
	op           string // the operation's name, for printing
}

// The parents are held as any rather than *Value so that the type does not
// refer to itself: the notebooks' Go interpreter cannot carry values of a
// self-referential imported type from one cell to the next.

// ANCHOR_END: value

// Param returns a leaf Value that collects gradients: a model's parameter
// or an input a gradient check differentiates with respect to.
func Param(t *tensor.Tensor) *Value { return &Value{Data: t, requiresGrad: true, op: "param"} }

// Const returns a leaf Value that takes no gradient: data, labels, masks.
func Const(t *tensor.Tensor) *Value { return &Value{Data: t, op: "const"} }

// Scalar returns a constant zero-dimensional Value.
func Scalar(v float64) *Value { return Const(tensor.Scalar(v)) }

// RequiresGrad reports whether gradients flow into v.
func (v *Value) RequiresGrad() bool { return v.requiresGrad }

// Shape is the shape of v's data.
func (v *Value) Shape() []int { return v.Data.Shape }

// Item returns the value of a one-element Value, such as a loss.
func (v *Value) Item() float64 { return v.Data.Item() }

// Op names the operation that produced v ("param" and "const" for leaves).
func (v *Value) Op() string { return v.op }

// Detach returns a constant Value sharing v's data: gradients stop there.
// A GAN detaches the generator's samples when it trains the discriminator.
func (v *Value) Detach() *Value { return Const(v.Data) }

// ZeroGrad forgets v's gradient.
func (v *Value) ZeroGrad() { v.Grad = nil }

// String describes v by operation and shape.
func (v *Value) String() string { return fmt.Sprintf("Value(%s %v)", v.op, v.Data.Shape) }

// newOp wraps an operation's result. When gradients are disabled, or no
// parent needs one, the result is a constant and no graph is recorded;
// otherwise the caller sets backward on the returned Value.
func newOp(op string, data *tensor.Tensor, parents ...*Value) *Value {
	out := &Value{Data: data, op: op}
	if !gradEnabled {
		return out
	}
	for _, p := range parents {
		if p.requiresGrad {
			out.requiresGrad = true
			out.parents = make([]any, len(parents))
			for i, p := range parents {
				out.parents[i] = p
			}
			break
		}
	}
	return out
}

// accumulate adds g (shaped like v.Data) to v.Grad, if v takes gradients.
// Gradients add up because a Value used twice receives a share from each use.
func (v *Value) accumulate(g *tensor.Tensor) {
	if !v.requiresGrad {
		return
	}
	if v.Grad == nil {
		v.Grad = tensor.New(v.Data.Shape...)
	}
	v.Grad.AddInPlace(g)
}
