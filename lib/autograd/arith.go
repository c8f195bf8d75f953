package autograd

import "github.com/luoxia/aigc/lib/tensor"

// The four arithmetic operations broadcast like their tensor versions.
// Broadcasting copies an operand along some axes, so its gradient is the
// upstream gradient summed back over those axes (tensor.SumTo).

// ANCHOR: add

// Add returns a + b.   d(a+b)/da = 1, d(a+b)/db = 1.
func Add(a, b *Value) *Value {
	out := newOp("add", tensor.Add(a.Data, b.Data), a, b)
	out.setBackward(func() {
		if a.requiresGrad {
			a.accumulate(sumTo(out.Grad, a.Data.Shape))
		}
		if b.requiresGrad {
			b.accumulate(sumTo(out.Grad, b.Data.Shape))
		}
	})
	return out
}

// ANCHOR_END: add

// Sub returns a - b.   d(a-b)/da = 1, d(a-b)/db = -1.
func Sub(a, b *Value) *Value {
	out := newOp("sub", tensor.Sub(a.Data, b.Data), a, b)
	out.setBackward(func() {
		if a.requiresGrad {
			a.accumulate(sumTo(out.Grad, a.Data.Shape))
		}
		if b.requiresGrad {
			b.accumulateOwned(sumTo(tensor.Neg(out.Grad), b.Data.Shape))
		}
	})
	return out
}

// ANCHOR: mul

// Mul returns the elementwise product a ⊙ b.   d(ab)/da = b, d(ab)/db = a.
func Mul(a, b *Value) *Value {
	out := newOp("mul", tensor.Mul(a.Data, b.Data), a, b)
	out.setBackward(func() {
		if a.requiresGrad {
			a.accumulateOwned(sumTo(tensor.Mul(out.Grad, b.Data), a.Data.Shape))
		}
		if b.requiresGrad {
			b.accumulateOwned(sumTo(tensor.Mul(out.Grad, a.Data), b.Data.Shape))
		}
	})
	return out
}

// ANCHOR_END: mul

// Div returns a / b elementwise.   d(a/b)/da = 1/b, d(a/b)/db = -a/b².
func Div(a, b *Value) *Value {
	out := newOp("div", tensor.Div(a.Data, b.Data), a, b)
	out.setBackward(func() {
		if a.requiresGrad {
			a.accumulateOwned(sumTo(tensor.Div(out.Grad, b.Data), a.Data.Shape))
		}
		if b.requiresGrad {
			// -a/b² · g = -(a/b)/b · g = -out/b · g
			g := tensor.Neg(tensor.Mul(out.Grad, tensor.Div(out.Data, b.Data)))
			b.accumulateOwned(sumTo(g, b.Data.Shape))
		}
	})
	return out
}

// Neg returns -a.
func Neg(a *Value) *Value { return Scale(a, -1) }

// Scale returns s·a for a constant s.   d(sa)/da = s.
func Scale(a *Value, s float64) *Value {
	out := newOp("scale", tensor.Scale(a.Data, s), a)
	out.setBackward(func() { a.accumulateOwned(tensor.Scale(out.Grad, s)) })
	return out
}

// AddScalar returns a + s for a constant s.
func AddScalar(a *Value, s float64) *Value {
	out := newOp("addscalar", tensor.AddScalar(a.Data, s), a)
	out.setBackward(func() { a.accumulate(out.Grad) })
	return out
}
