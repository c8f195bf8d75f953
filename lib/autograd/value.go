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
// Every operation has its forward computation and its backward closure
// side by side in one function, a dozen lines or so; related operations
// share a file (arith.go holds the arithmetic, unary.go the elementwise
// functions, shape.go the operations that only move elements).
// Each has a gradient check (GradCheck) that compares the backward with
// central finite differences.
//
// # Three kinds of leaf, and when to use each
//
// Param makes a Value that collects gradients: a model's weights. Const
// makes one that does not (data, labels, masks); operations on a Const
// and a Param still record the graph back to the Param, which is what
// training needs. NoGrad makes a no-grad leaf: an operation that has a
// no-grad operand records nothing, even when its other operand is a
// Param, and returns another no-grad Value, so a forward pass started
// from NoGrad(x) builds no graph through the model (an operation on
// Params alone, such as a weight's transpose, still records, and that
// record is dropped with its result). Use it for a pass
// that will never be differentiated (evaluation, sampling); it saves the
// memory and time that the record would cost. To cut a graph already
// built, use v.Detach(): the result is a Const sharing v's data, so what
// is computed from it still records back to any Param it meets, but no
// gradient flows past it into v's graph (a GAN's discriminator step on
// the generator's samples).
//
// Whether an operation records depends only on its operands, never on
// state held by the package, so goroutines may evaluate one model without
// gradients while another trains, each on its own Values.
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
	noGrad       bool   // whether operations on this Value record nothing (NoGrad)
	parents      []any  // the operands (each a *Value) this Value was computed from
	backward     func() // sends Grad to the parents' Grad (the chain rule)
	gradShared   bool   // whether Grad's data also belongs to another Value (accumulate)
	op           string // the operation's name, for printing

	saved []*tensor.Tensor // tensors only backward reads, for Release to recycle
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

// NoGrad returns a no-grad leaf holding t: no operation with a no-grad
// operand records a graph. Its result is again a no-grad Value, with no
// parents and no backward, even when another operand is a Param, so a
// whole forward pass started from NoGrad(x) records nothing through the
// model's weights and no gradient can reach them from it. Operations on
// parameters alone (a weight's transpose inside a layer) still record,
// and that record is dropped with their result once it has been combined
// with the no-grad input.
func NoGrad(t *tensor.Tensor) *Value { return &Value{Data: t, noGrad: true, op: "nograd"} }

// Scalar returns a constant zero-dimensional Value.
func Scalar(v float64) *Value { return Const(tensor.Scalar(v)) }

// RequiresGrad reports whether gradients flow into v.
func (v *Value) RequiresGrad() bool { return v.requiresGrad }

// Shape is the shape of v's data.
func (v *Value) Shape() []int { return v.Data.Shape }

// Item returns the value of a one-element Value, such as a loss.
func (v *Value) Item() float64 { return v.Data.Item() }

// IsNoGrad reports whether v is a no-grad Value: NoGrad's leaf or the
// result of an operation on one.
func (v *Value) IsNoGrad() bool { return v.noGrad }

// Op names the operation that produced v ("param", "const" and "nograd"
// for leaves).
func (v *Value) Op() string { return v.op }

// Detach returns a Const sharing v's data: gradients stop there, while
// what is computed from the result records back to any Param it meets.
// It cuts a graph already built; a GAN detaches the generator's samples
// when it trains the discriminator on them. For a pass that should
// record nothing at all, start it from NoGrad instead.
func (v *Value) Detach() *Value { return Const(v.Data) }

// ZeroGrad forgets v's gradient.
func (v *Value) ZeroGrad() { v.Grad = nil }

// String describes v by operation and shape.
func (v *Value) String() string { return fmt.Sprintf("Value(%s %v)", v.op, v.Data.Shape) }

// ANCHOR: newop

// newOp wraps an operation's result. When a parent is a no-grad Value the
// result is one too; when no parent needs a gradient it is a constant.
// Either way no graph is recorded. Otherwise the result remembers its
// parents and the caller gives it its backward with setBackward.
func newOp(op string, data *tensor.Tensor, parents ...*Value) *Value {
	out := &Value{Data: data, op: op}
	for _, p := range parents {
		if p.noGrad {
			out.noGrad = true
			return out
		}
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

// setBackward gives v its backward closure if v records a graph; a Value
// that records none keeps no closure, so it holds on to no operands.
func (v *Value) setBackward(fn func()) {
	if v.parents != nil {
		v.backward = fn
	}
}

// ANCHOR_END: newop

// save records tensors that v's backward reads and nothing else does, so
// that Release recycles them with the graph.
func (v *Value) save(ts ...*tensor.Tensor) {
	if v.parents != nil {
		v.saved = append(v.saved, ts...)
	}
}

// accumulate adds g (shaped like v.Data) to v.Grad, if v takes gradients.
// Gradients add up because a Value used twice receives a share from each use.
// g may be another Value's gradient or share its data (a reshape's), and
// is never written to. A leaf's first gradient is a copy of g, since an
// optimizer may change a parameter's gradient in place (clipping). An
// intermediate Value instead shares g until a second share arrives: a
// gradient is complete, and no longer written, once the backward that
// passes it on has run, so the sharing is safe, and a reshape or an
// addition passes its gradient on without copying it.
func (v *Value) accumulate(g *tensor.Tensor) {
	if !v.requiresGrad {
		return
	}
	if v.Grad == nil && g.SameShape(v.Data) {
		if v.parents != nil {
			v.Grad, v.gradShared = g, true
		} else {
			v.Grad, v.gradShared = g.Clone(), false
		}
		return
	}
	v.addGrad(g)
}

// accumulateOwned is accumulate for a g that the backward made for v alone
// and does not use again: the first gradient to arrive becomes v.Grad
// itself, so a Value used once costs no allocation and no pass at all.
func (v *Value) accumulateOwned(g *tensor.Tensor) {
	if !v.requiresGrad {
		return
	}
	if v.Grad == nil && g.SameShape(v.Data) {
		v.Grad, v.gradShared = g, false
		return
	}
	v.addGrad(g)
}

// addGrad adds g to v.Grad, starting from zeros. A shared gradient is not
// written to: the sum goes to a new tensor, which v then owns.
func (v *Value) addGrad(g *tensor.Tensor) {
	switch {
	case v.Grad == nil:
		v.Grad = tensor.New(v.Data.Shape...)
	case v.gradShared && g.SameShape(v.Grad):
		v.Grad, v.gradShared = tensor.Add(v.Grad, g), false
		return
	case v.gradShared:
		v.Grad = v.Grad.Clone()
	}
	v.gradShared = false
	v.Grad.AddInPlace(g)
}

// sumTo is tensor.SumTo for a gradient that accumulate will only read: when
// no axis was broadcast it returns g itself rather than a copy.
func sumTo(g *tensor.Tensor, shape []int) *tensor.Tensor {
	if tensor.EqualShape(g.Shape, shape) {
		return g
	}
	return tensor.SumTo(g, shape)
}
