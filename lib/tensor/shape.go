package tensor

import "fmt"

// Reshape returns a tensor with the same data (shared, not copied) and a
// new shape. One dimension may be -1: it is inferred from the others.
func (t *Tensor) Reshape(shape ...int) *Tensor {
	shape = cloneInts(shape)
	infer, known := -1, 1
	for i, d := range shape {
		if d == -1 {
			if infer >= 0 {
				panic(fmt.Sprintf("tensor: Reshape %v: more than one -1", shape))
			}
			infer = i
			continue
		}
		known *= d
	}
	if infer >= 0 {
		if known == 0 || len(t.Data)%known != 0 {
			panic(fmt.Sprintf("tensor: cannot reshape %v (%d elements) to %v", t.Shape, len(t.Data), shape))
		}
		shape[infer] = len(t.Data) / known
	}
	if sizeOf(shape) != len(t.Data) {
		panic(fmt.Sprintf("tensor: cannot reshape %v (%d elements) to %v", t.Shape, len(t.Data), shape))
	}
	return &Tensor{Shape: shape, Data: t.Data}
}

// Transpose returns a copy of t with its axes permuted: axis i of the
// result is axis perm[i] of t. With no arguments it reverses the axes.
func Transpose(t *Tensor, perm ...int) *Tensor {
	r := len(t.Shape)
	if len(perm) == 0 {
		perm = make([]int, r)
		for i := range perm {
			perm[i] = r - 1 - i
		}
	}
	if !isPerm(perm, r) {
		panic(fmt.Sprintf("tensor: Transpose: %v is not a permutation of the axes of %v", perm, t.Shape))
	}
	shape := make([]int, r)
	for i, p := range perm {
		shape[i] = t.Shape[p]
	}
	out := Empty(shape...)
	if r == 2 && perm[0] == 1 {
		rows, cols := t.Shape[0], t.Shape[1]
		for i := 0; i < rows; i++ {
			for j := 0; j < cols; j++ {
				out.Data[j*rows+i] = t.Data[i*cols+j]
			}
		}
		return out
	}
	// Walk the output in order; srcStride[i] is how far one step along
	// output axis i moves in t.
	strides := broadcastStrides(t.Shape, t.Shape)
	srcStride := make([]int, r)
	for i, p := range perm {
		srcStride[i] = strides[p]
	}
	// When the last axis stays last (splitting a transformer's features
	// into heads), its elements lie contiguous in both t and the result,
	// so whole rows move at once with copy and only the axes before it
	// are walked; otherwise a row is a single element.
	inner, walked := 1, r
	if r > 0 && perm[r-1] == r-1 {
		inner, walked = shape[r-1], r-1
	}
	idx := make([]int, r)
	off := 0
	for o := 0; o < len(out.Data); o += inner {
		if inner == 1 {
			out.Data[o] = t.Data[off]
		} else {
			copy(out.Data[o:o+inner], t.Data[off:off+inner])
		}
		for d := walked - 1; d >= 0; d-- {
			idx[d]++
			off += srcStride[d]
			if idx[d] < shape[d] {
				break
			}
			off -= srcStride[d] * shape[d]
			idx[d] = 0
		}
	}
	return out
}

// InversePerm returns the permutation that undoes perm.
func InversePerm(perm []int) []int {
	inv := make([]int, len(perm))
	for i, p := range perm {
		inv[p] = i
	}
	return inv
}

func isPerm(perm []int, r int) bool {
	if len(perm) != r {
		return false
	}
	seen := make([]bool, r)
	for _, p := range perm {
		if p < 0 || p >= r || seen[p] {
			return false
		}
		seen[p] = true
	}
	return true
}

// T returns the transpose of a matrix.
func (t *Tensor) T() *Tensor {
	if len(t.Shape) != 2 {
		panic(fmt.Sprintf("tensor: T of a tensor of shape %v (want a matrix)", t.Shape))
	}
	return Transpose(t, 1, 0)
}

// Slice returns a copy of the elements with index in [start, end) along axis.
func Slice(t *Tensor, axis, start, end int) *Tensor {
	axis = t.axis(axis)
	outer, n, inner := splitAt(t.Shape, axis)
	if start < 0 || end > n || start > end {
		panic(fmt.Sprintf("tensor: Slice [%d:%d] of axis %d of shape %v", start, end, axis, t.Shape))
	}
	shape := cloneInts(t.Shape)
	shape[axis] = end - start
	out := New(shape...)
	w := (end - start) * inner
	for o := 0; o < outer; o++ {
		copy(out.Data[o*w:(o+1)*w], t.Data[(o*n+start)*inner:(o*n+end)*inner])
	}
	return out
}

// Concat joins tensors along an existing axis; all other axes must agree.
func Concat(axis int, ts ...*Tensor) *Tensor {
	if len(ts) == 0 {
		panic("tensor: Concat of nothing")
	}
	axis = ts[0].axis(axis)
	shape := cloneInts(ts[0].Shape)
	shape[axis] = 0
	for _, t := range ts {
		if len(t.Shape) != len(shape) {
			panic(fmt.Sprintf("tensor: Concat: shapes %v and %v differ in rank", ts[0].Shape, t.Shape))
		}
		for i, d := range t.Shape {
			if i != axis && d != shape[i] {
				panic(fmt.Sprintf("tensor: Concat along axis %d: shapes %v and %v", axis, ts[0].Shape, t.Shape))
			}
		}
		shape[axis] += t.Shape[axis]
	}
	out := New(shape...)
	outer, total, inner := splitAt(shape, axis)
	at := 0
	for _, t := range ts {
		w := t.Shape[axis] * inner
		for o := 0; o < outer; o++ {
			copy(out.Data[(o*total+at)*inner:], t.Data[o*w:(o+1)*w])
		}
		at += t.Shape[axis]
	}
	return out
}

// Stack joins equally shaped tensors along a new axis placed at position axis.
func Stack(axis int, ts ...*Tensor) *Tensor {
	if len(ts) == 0 {
		panic("tensor: Stack of nothing")
	}
	r := len(ts[0].Shape)
	if axis < 0 {
		axis += r + 1
	}
	if axis < 0 || axis > r {
		panic(fmt.Sprintf("tensor: Stack axis %d for shape %v", axis, ts[0].Shape))
	}
	parts := make([]*Tensor, len(ts))
	for i, t := range ts {
		if !t.SameShape(ts[0]) {
			panic(shapeError("Stack", ts[0].Shape, t.Shape))
		}
		shape := append(append(cloneInts(t.Shape[:axis]), 1), t.Shape[axis:]...)
		parts[i] = t.Reshape(shape...)
	}
	return Concat(axis, parts...)
}

// Rows gathers rows of a matrix-like tensor (the first axis) by index:
// the result's row k is t's row idx[k]. It is an embedding lookup.
func Rows(t *Tensor, idx []int) *Tensor {
	n := t.Shape[0]
	w := len(t.Data) / maxInt(n, 1)
	shape := append([]int{len(idx)}, t.Shape[1:]...)
	out := New(shape...)
	for k, i := range idx {
		if i < 0 || i >= n {
			panic(fmt.Sprintf("tensor: Rows: index %d out of range for shape %v", i, t.Shape))
		}
		copy(out.Data[k*w:(k+1)*w], t.Data[i*w:(i+1)*w])
	}
	return out
}

// AddRows adds row k of src into row idx[k] of t (repeated indices
// accumulate). It is the adjoint of Rows.
func (t *Tensor) AddRows(idx []int, src *Tensor) {
	w := len(t.Data) / maxInt(t.Shape[0], 1)
	if len(src.Data) != len(idx)*w {
		panic(fmt.Sprintf("tensor: AddRows: %d indices and source %v into %v", len(idx), src.Shape, t.Shape))
	}
	for k, i := range idx {
		if i < 0 || i >= t.Shape[0] {
			panic(fmt.Sprintf("tensor: AddRows: index %d out of range for shape %v", i, t.Shape))
		}
		dst := t.Data[i*w : (i+1)*w]
		for j, v := range src.Data[k*w : (k+1)*w] {
			dst[j] += v
		}
	}
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
