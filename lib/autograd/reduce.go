package autograd

import "github.com/luoxia/aigc/lib/tensor"

// Sum returns the sum of all elements of a, as a scalar Value.
// Each element contributes once, so dL/da = dL/dsum everywhere.
func Sum(a *Value) *Value {
	out := newOp("sum", tensor.Scalar(tensor.Sum(a.Data)), a)
	out.setBackward(func() { a.accumulateOwned(tensor.Full(out.Grad.Data[0], a.Data.Shape...)) })
	return out
}

// Mean returns the mean of all elements of a.   dL/da = dL/dmean / N.
func Mean(a *Value) *Value {
	return Scale(Sum(a), 1/float64(a.Data.Size()))
}

// SumAxis sums a along one axis (negative counts from the end); with
// keepDims the axis stays with size 1. The gradient broadcasts back.
func SumAxis(a *Value, axis int, keepDims bool) *Value {
	out := newOp("sumaxis", tensor.SumAxis(a.Data, axis, keepDims), a)
	out.setBackward(func() {
		kept := append([]int{}, a.Data.Shape...) // a's shape with the summed axis kept as 1
		if axis < 0 {
			axis += len(kept)
		}
		kept[axis] = 1
		g := out.Grad.Reshape(kept...)
		a.accumulateOwned(tensor.Add(tensor.New(a.Data.Shape...), g))
	})
	return out
}

// MeanAxis averages a along one axis; see SumAxis.
func MeanAxis(a *Value, axis int, keepDims bool) *Value {
	return Scale(SumAxis(a, axis, keepDims), 1/float64(a.Data.Dim(axis)))
}
