package tensor

import (
	"fmt"
	"math"
)

// Sum returns the sum of all elements.
func Sum(t *Tensor) float64 {
	s := 0.0
	for _, v := range t.Data {
		s += v
	}
	return s
}

// Mean returns the mean of all elements.
func Mean(t *Tensor) float64 { return Sum(t) / float64(len(t.Data)) }

// MaxAbs returns the largest absolute value of any element (0 for an empty tensor).
func MaxAbs(t *Tensor) float64 {
	m := 0.0
	for _, v := range t.Data {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

// splitAt views a shape as [outer, n, inner] around axis.
func splitAt(shape []int, axis int) (outer, n, inner int) {
	outer, inner = 1, 1
	for i, d := range shape {
		switch {
		case i < axis:
			outer *= d
		case i > axis:
			inner *= d
		}
	}
	return outer, shape[axis], inner
}

// reducedShape is shape with axis removed, or set to 1 when keepDims.
func reducedShape(shape []int, axis int, keepDims bool) []int {
	out := cloneInts(shape)
	if keepDims {
		out[axis] = 1
		return out
	}
	return append(out[:axis], out[axis+1:]...)
}

// SumAxis sums t along one axis (negative counts from the end). With
// keepDims the axis stays with size 1, so the result broadcasts against t.
func SumAxis(t *Tensor, axis int, keepDims bool) *Tensor {
	axis = t.axis(axis)
	outer, n, inner := splitAt(t.Shape, axis)
	out := New(reducedShape(t.Shape, axis, keepDims)...)
	if inner == 1 {
		// Summing along the last axis (a row's mean, a softmax's
		// normaliser): each sum is over one contiguous row, in the same
		// order as the general loop below.
		for o := range out.Data {
			s := 0.0
			for _, v := range t.Data[o*n : (o+1)*n] {
				s += v
			}
			out.Data[o] = s
		}
		return out
	}
	for o := 0; o < outer; o++ {
		dst := out.Data[o*inner : (o+1)*inner]
		for k := 0; k < n; k++ {
			src := t.Data[(o*n+k)*inner : (o*n+k+1)*inner]
			for i, v := range src {
				dst[i] += v
			}
		}
	}
	return out
}

// MeanAxis averages t along one axis; see SumAxis for keepDims.
func MeanAxis(t *Tensor, axis int, keepDims bool) *Tensor {
	out := SumAxis(t, axis, keepDims)
	out.ScaleInPlace(1 / float64(t.Dim(axis)))
	return out
}

// MaxAxis returns the largest element along one axis; see SumAxis for keepDims.
func MaxAxis(t *Tensor, axis int, keepDims bool) *Tensor {
	axis = t.axis(axis)
	outer, n, inner := splitAt(t.Shape, axis)
	if n == 0 {
		panic(fmt.Sprintf("tensor: MaxAxis over empty axis %d of shape %v", axis, t.Shape))
	}
	out := New(reducedShape(t.Shape, axis, keepDims)...)
	for o := 0; o < outer; o++ {
		dst := out.Data[o*inner : (o+1)*inner]
		copy(dst, t.Data[o*n*inner:(o*n+1)*inner])
		for k := 1; k < n; k++ {
			for i, v := range t.Data[(o*n+k)*inner : (o*n+k+1)*inner] {
				if v > dst[i] {
					dst[i] = v
				}
			}
		}
	}
	return out
}

// ArgMax returns, for each row of t viewed as [rows, t.Dim(-1)], the index
// of its largest element (the first one on ties): a classifier's prediction.
func ArgMax(t *Tensor) []int {
	n := t.Dim(-1)
	if n == 0 {
		panic(fmt.Sprintf("tensor: ArgMax over an empty last axis of shape %v", t.Shape))
	}
	rows := len(t.Data) / n
	out := make([]int, rows)
	for r := 0; r < rows; r++ {
		row := t.Data[r*n : (r+1)*n]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		out[r] = best
	}
	return out
}
