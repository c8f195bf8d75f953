// Package tensor holds luoxia's dense n-dimensional arrays of float64 and the
// kernels every chapter builds on: elementwise arithmetic with broadcasting,
// reductions along axes, reshaping, matrix products through gonum's BLAS, and
// convolutions lowered to matrix products (im2col).
//
// A Tensor is always contiguous and row-major: the element at index
// (i0, i1, ..., ik) sits at Data[((i0*s1+i1)*s2+i2)...]. Operations that
// rearrange elements (Transpose, Slice, Concat) return new tensors, so a
// reader never has to reason about strides or aliasing except where a doc
// comment says so (Reshape shares its data).
//
// Shape mistakes are programmer errors and panic with the shapes involved,
// as gonum does; there is no error value to forget to check.
//
// The API uses no generics, so Jupyter notebooks running the gophernotes
// interpreter can call all of it.
package tensor

import (
	"fmt"
	"strings"
)

// Tensor is a dense, row-major n-dimensional array of float64.
// Shape lists the size of each axis; Data holds Size() elements.
// A zero-dimensional tensor (empty Shape) holds one scalar.
type Tensor struct {
	Shape []int
	Data  []float64
}

// New returns a tensor of the given shape filled with zeros.
func New(shape ...int) *Tensor {
	return &Tensor{Shape: cloneInts(shape), Data: make([]float64, sizeOf(shape))}
}

// FromSlice wraps data (without copying) as a tensor of the given shape.
// It panics if len(data) does not match the shape.
func FromSlice(data []float64, shape ...int) *Tensor {
	if n := sizeOf(shape); n != len(data) {
		panic(fmt.Sprintf("tensor: FromSlice: %d values do not fill shape %v (%d elements)", len(data), shape, n))
	}
	return &Tensor{Shape: cloneInts(shape), Data: data}
}

// Scalar returns a zero-dimensional tensor holding v.
func Scalar(v float64) *Tensor { return &Tensor{Shape: []int{}, Data: []float64{v}} }

// Full returns a tensor of the given shape with every element set to v.
func Full(v float64, shape ...int) *Tensor {
	t := New(shape...)
	t.Fill(v)
	return t
}

// Ones returns a tensor of the given shape filled with ones.
func Ones(shape ...int) *Tensor { return Full(1, shape...) }

// ZerosLike returns a zero tensor with t's shape.
func ZerosLike(t *Tensor) *Tensor { return New(t.Shape...) }

// Size is the number of elements: the product of the shape.
func (t *Tensor) Size() int { return len(t.Data) }

// Dims is the number of axes.
func (t *Tensor) Dims() int { return len(t.Shape) }

// Dim returns the size of axis i; negative i counts from the end (-1 is the last axis).
func (t *Tensor) Dim(i int) int { return t.Shape[t.axis(i)] }

// Item returns the single value of a one-element tensor.
func (t *Tensor) Item() float64 {
	if len(t.Data) != 1 {
		panic(fmt.Sprintf("tensor: Item of a tensor of shape %v", t.Shape))
	}
	return t.Data[0]
}

// Fill sets every element to v.
func (t *Tensor) Fill(v float64) {
	for i := range t.Data {
		t.Data[i] = v
	}
}

// Clone returns a deep copy.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{Shape: cloneInts(t.Shape), Data: append([]float64(nil), t.Data...)}
}

// CopyFrom copies src's elements into t; the sizes must agree.
func (t *Tensor) CopyFrom(src *Tensor) {
	if len(t.Data) != len(src.Data) {
		panic(fmt.Sprintf("tensor: CopyFrom: shape %v into %v", src.Shape, t.Shape))
	}
	copy(t.Data, src.Data)
}

// At returns the element at the given index (one integer per axis).
func (t *Tensor) At(index ...int) float64 { return t.Data[t.offset(index)] }

// Set stores v at the given index (one integer per axis).
func (t *Tensor) Set(v float64, index ...int) { t.Data[t.offset(index)] = v }

// SameShape reports whether t and u have identical shapes.
func (t *Tensor) SameShape(u *Tensor) bool { return EqualShape(t.Shape, u.Shape) }

// EqualShape reports whether two shapes are identical.
func EqualShape(a, b []int) bool { return equalInts(a, b) }

// String prints the shape and, for small tensors, the values.
func (t *Tensor) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Tensor%v", t.Shape)
	if len(t.Data) <= 64 {
		fmt.Fprintf(&b, " %v", t.Data)
	} else {
		fmt.Fprintf(&b, " [%g %g %g ... %g]", t.Data[0], t.Data[1], t.Data[2], t.Data[len(t.Data)-1])
	}
	return b.String()
}

// offset turns a multi-index into a position in Data, checking bounds.
func (t *Tensor) offset(index []int) int {
	if len(index) != len(t.Shape) {
		panic(fmt.Sprintf("tensor: index %v for shape %v", index, t.Shape))
	}
	off := 0
	for i, x := range index {
		if x < 0 || x >= t.Shape[i] {
			panic(fmt.Sprintf("tensor: index %v out of range for shape %v", index, t.Shape))
		}
		off = off*t.Shape[i] + x
	}
	return off
}

// axis resolves a possibly negative axis number against t's rank.
func (t *Tensor) axis(i int) int {
	n := len(t.Shape)
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		panic(fmt.Sprintf("tensor: axis %d out of range for shape %v", i, t.Shape))
	}
	return i
}

func sizeOf(shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("tensor: negative dimension in shape %v", shape))
		}
		n *= d
	}
	return n
}

func cloneInts(s []int) []int { return append([]int{}, s...) }

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
