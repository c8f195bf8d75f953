package autograd

import "github.com/luoxia/aigc/lib/tensor"

// Shape operations move elements without changing them, so each backward
// moves the gradient back the same way.

// Reshape returns a with a new shape (one -1 is inferred).
func Reshape(a *Value, shape ...int) *Value {
	out := newOp("reshape", a.Data.Reshape(shape...), a)
	out.setBackward(func() { a.accumulate(out.Grad.Reshape(a.Data.Shape...)) })
	return out
}

// Transpose permutes a's axes (reverses them with no arguments).
// The gradient goes through the inverse permutation.
func Transpose(a *Value, perm ...int) *Value {
	if len(perm) == 0 {
		perm = make([]int, a.Data.Dims())
		for i := range perm {
			perm[i] = len(perm) - 1 - i
		}
	}
	out := newOp("transpose", tensor.Transpose(a.Data, perm...), a)
	out.setBackward(func() { a.accumulateOwned(tensor.Transpose(out.Grad, tensor.InversePerm(perm)...)) })
	return out
}

// Slice returns the elements of a with index in [start, end) along axis.
// The gradient is zero outside the slice.
func Slice(a *Value, axis, start, end int) *Value {
	out := newOp("slice", tensor.Slice(a.Data, axis, start, end), a)
	out.setBackward(func() {
		if axis < 0 {
			axis += a.Data.Dims()
		}
		parts := []*tensor.Tensor{}
		if start > 0 {
			parts = append(parts, tensor.Slice(tensor.ZerosLike(a.Data), axis, 0, start))
		}
		parts = append(parts, out.Grad)
		if n := a.Data.Shape[axis]; end < n {
			parts = append(parts, tensor.Slice(tensor.ZerosLike(a.Data), axis, end, n))
		}
		a.accumulateOwned(tensor.Concat(axis, parts...))
	})
	return out
}

// Concat joins Values along an existing axis; each gets its slice of the gradient back.
func Concat(axis int, vs ...*Value) *Value {
	ts := make([]*tensor.Tensor, len(vs))
	for i, v := range vs {
		ts[i] = v.Data
	}
	out := newOp("concat", tensor.Concat(axis, ts...), vs...)
	out.setBackward(func() {
		at := 0
		for _, v := range vs {
			n := v.Data.Dim(axis)
			if v.requiresGrad {
				v.accumulateOwned(tensor.Slice(out.Grad, axis, at, at+n))
			}
			at += n
		}
	})
	return out
}

// Rows gathers rows of a table by index: row k of the result is row idx[k]
// of a. It is an embedding lookup; its gradient adds each upstream row back
// into the row it came from (tokens seen twice get two contributions).
func Rows(a *Value, idx []int) *Value {
	out := newOp("rows", tensor.Rows(a.Data, idx), a)
	out.setBackward(func() {
		g := tensor.New(a.Data.Shape...)
		g.AddRows(idx, out.Grad)
		a.accumulateOwned(g)
	})
	return out
}
