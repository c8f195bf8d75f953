package tensor

import "fmt"

// Broadcasting follows NumPy's rule: align the shapes at their last axes;
// two sizes agree if they are equal or one of them is 1 (a missing axis
// counts as 1); the result takes the larger size. A bias of shape [n]
// therefore adds to every row of a [m, n] matrix.

// BroadcastShape returns the shape that a and b broadcast to, and panics
// with both shapes if they are incompatible.
func BroadcastShape(a, b []int) []int {
	r := len(a)
	if len(b) > r {
		r = len(b)
	}
	out := make([]int, r)
	for i := 1; i <= r; i++ {
		da, db := dimFromEnd(a, i), dimFromEnd(b, i)
		switch {
		case da == db || db == 1:
			out[r-i] = da
		case da == 1:
			out[r-i] = db
		default:
			panic(fmt.Sprintf("tensor: shapes %v and %v do not broadcast", a, b))
		}
	}
	return out
}

func dimFromEnd(s []int, i int) int {
	if i > len(s) {
		return 1
	}
	return s[len(s)-i]
}

// broadcastStrides returns, for each axis of the target shape, how far to
// step in a tensor of shape s to follow that axis: its row-major stride,
// or 0 where s is broadcast (size 1 or missing).
func broadcastStrides(s, target []int) []int {
	strides := make([]int, len(target))
	step := 1
	for i := 1; i <= len(target); i++ {
		d := dimFromEnd(s, i)
		if d != 1 {
			strides[len(target)-i] = step
		}
		step *= d
	}
	return strides
}

// The four arithmetic operations share one shape of code: a kernel that
// combines two equally long slices element by element, run over whole
// tensors when the shapes agree and row by row when one operand is
// broadcast. Calling a kernel once per row, rather than a function value
// once per element, lets the compiler keep each row's loop tight.

func addKernel(x, y, out []float64) {
	for i := range out {
		out[i] = x[i] + y[i]
	}
}

func subKernel(x, y, out []float64) {
	for i := range out {
		out[i] = x[i] - y[i]
	}
}

func mulKernel(x, y, out []float64) {
	for i := range out {
		out[i] = x[i] * y[i]
	}
}

func divKernel(x, y, out []float64) {
	for i := range out {
		out[i] = x[i] / y[i]
	}
}

// Add returns a + b with broadcasting.
func Add(a, b *Tensor) *Tensor { return binary(a, b, addKernel) }

// Sub returns a - b with broadcasting.
func Sub(a, b *Tensor) *Tensor { return binary(a, b, subKernel) }

// Mul returns the elementwise (Hadamard) product a ⊙ b with broadcasting.
func Mul(a, b *Tensor) *Tensor { return binary(a, b, mulKernel) }

// Div returns a / b elementwise with broadcasting.
func Div(a, b *Tensor) *Tensor { return binary(a, b, divKernel) }

// Zip returns f(a, b) elementwise with broadcasting, for the rarer
// elementwise functions of two arguments.
func Zip(a, b *Tensor, f func(x, y float64) float64) *Tensor {
	return broadcastBinary(a, b, func(x, y, out []float64) {
		for i := range out {
			out[i] = f(x[i], y[i])
		}
	})
}

// binary applies a slice kernel to a and b, broadcast if their shapes differ.
func binary(a, b *Tensor, kernel func(x, y, out []float64)) *Tensor {
	if a.SameShape(b) {
		return zipSame(a, b, kernel)
	}
	return broadcastBinary(a, b, kernel)
}

// zipSame runs a slice kernel over equally shaped tensors, in parallel for
// large ones. The kernel sees matching sub-slices of a, b and the output.
func zipSame(a, b *Tensor, kernel func(x, y, out []float64)) *Tensor {
	out := Empty(a.Shape...)
	parallelFor(len(out.Data), 1, func(lo, hi int) {
		kernel(a.Data[lo:hi], b.Data[lo:hi], out.Data[lo:hi])
	})
	return out
}

// broadcastBinary runs a slice kernel over the broadcast shape, one row of
// the last axis at a time. It walks the output in row-major order, keeping
// one offset into a and one into b that advance by their broadcast strides
// (0 along broadcast axes). An operand that varies along the last axis
// hands the kernel its row as it lies in memory (a bias added to every row
// of a matrix, a mask added to every head's scores); one that is broadcast
// along it (a per-row mean) has its single number spread over a row first.
func broadcastBinary(a, b *Tensor, kernel func(x, y, out []float64)) *Tensor {
	shape := BroadcastShape(a.Shape, b.Shape)
	out := Empty(shape...)
	if len(out.Data) == 0 {
		return out
	}
	r := len(shape)
	if r == 0 {
		kernel(a.Data, b.Data, out.Data)
		return out
	}
	walk, st := coalesce(shape, broadcastStrides(a.Shape, shape), broadcastStrides(b.Shape, shape))
	sa, sb := st[0], st[1]
	r = len(walk)
	inner := walk[r-1]
	var spreadA, spreadB []float64
	if sa[r-1] == 0 {
		spreadA = make([]float64, inner)
	}
	if sb[r-1] == 0 {
		spreadB = make([]float64, inner)
	}
	idx := make([]int, r)
	offA, offB := 0, 0
	for o := 0; o < len(out.Data); o += inner {
		kernel(broadcastRow(a.Data, offA, inner, spreadA), broadcastRow(b.Data, offB, inner, spreadB), out.Data[o:o+inner])
		offA, offB = advance(idx, walk, sa, sb, offA, offB)
	}
	return out
}

// broadcastRow returns the n numbers of an operand's row that starts at
// off: the data itself, or, when spread is not nil (the operand is
// broadcast along the last axis), spread filled with the one number at off.
func broadcastRow(data []float64, off, n int, spread []float64) []float64 {
	if spread == nil {
		return data[off : off+n]
	}
	v := data[off]
	for i := range spread {
		spread[i] = v
	}
	return spread
}

// coalesce returns shape with its axes of size 1 dropped and each run of
// adjacent axes that every stride list walks as one (the outer axis's
// stride is the inner's times the inner's size) merged into a single axis,
// with the stride lists to match. Walking the result in row-major order
// visits the same offsets in the same order as walking shape, in longer
// rows: the broadcasting loops below then make one call, and one advance
// of their odometer, per row of, say, all H·W pixels of a channel rather
// than per row of W.
func coalesce(shape []int, strides ...[]int) ([]int, [][]int) {
	sh := make([]int, 0, len(shape))
	st := make([][]int, len(strides))
	for d, n := range shape {
		if n == 1 {
			continue
		}
		if last := len(sh) - 1; last >= 0 && walksAsOne(st, strides, last, d, n) {
			sh[last] *= n
			for i, s := range strides {
				st[i][last] = s[d]
			}
			continue
		}
		sh = append(sh, n)
		for i, s := range strides {
			st[i] = append(st[i], s[d])
		}
	}
	if len(sh) == 0 { // every axis of size 1: one element
		sh = append(sh, 1)
		for i := range st {
			st[i] = append(st[i], 0)
		}
	}
	return sh, st
}

// walksAsOne reports whether, in every stride list, the coalesced axis
// last steps by exactly one pass over axis d of size n, so the two can be
// one axis.
func walksAsOne(coalesced, strides [][]int, last, d, n int) bool {
	for i, s := range strides {
		if coalesced[i][last] != s[d]*n {
			return false
		}
	}
	return true
}

// advance steps the multi-index idx over all but the last axis of shape
// (an odometer) and returns the offsets moved by the strides sa and sb.
func advance(idx, shape, sa, sb []int, offA, offB int) (int, int) {
	for d := len(shape) - 2; d >= 0; d-- {
		idx[d]++
		offA += sa[d]
		offB += sb[d]
		if idx[d] < shape[d] {
			break
		}
		offA -= sa[d] * shape[d]
		offB -= sb[d] * shape[d]
		idx[d] = 0
	}
	return offA, offB
}

// SumTo sums t over the axes that were broadcast to produce it, returning
// a tensor of the given shape. It is the adjoint of broadcasting: the
// gradient of a broadcast operand is the upstream gradient summed to its shape.
func SumTo(t *Tensor, shape []int) *Tensor {
	if equalInts(t.Shape, shape) {
		return t.Clone()
	}
	if !equalInts(BroadcastShape(shape, t.Shape), t.Shape) {
		panic(fmt.Sprintf("tensor: SumTo: shape %v does not broadcast to %v", shape, t.Shape))
	}
	out := New(shape...)
	r := len(t.Shape)
	if r == 0 || len(t.Data) == 0 {
		if len(t.Data) > 0 {
			out.Data[0] = t.Data[0]
		}
		return out
	}
	walk, strides := coalesce(t.Shape, broadcastStrides(t.Shape, t.Shape), broadcastStrides(shape, t.Shape))
	st, so := strides[0], strides[1]
	r = len(walk)
	inner, io := walk[r-1], so[r-1]
	idx := make([]int, r)
	offT, offO := 0, 0
	for o := 0; o < len(t.Data); o += inner {
		row := t.Data[o : o+inner]
		if io == 0 {
			// The whole row sums into one element: keep the running sum
			// in a register, adding in the same order.
			s := out.Data[offO]
			for _, v := range row {
				s += v
			}
			out.Data[offO] = s
		} else {
			po := offO
			for _, v := range row {
				out.Data[po] += v
				po += io
			}
		}
		offT, offO = advance(idx, walk, st, so, offT, offO)
	}
	return out
}

func shapeError(op string, a, b []int) string {
	return fmt.Sprintf("tensor: %s: shapes %v and %v do not match", op, a, b)
}
