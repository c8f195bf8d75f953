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

// Add returns a + b with broadcasting.
func Add(a, b *Tensor) *Tensor {
	if a.SameShape(b) {
		return zipSame(a, b, func(x, y []float64, out []float64) {
			for i := range out {
				out[i] = x[i] + y[i]
			}
		})
	}
	return broadcastBinary(a, b, func(x, y float64) float64 { return x + y })
}

// Sub returns a - b with broadcasting.
func Sub(a, b *Tensor) *Tensor {
	if a.SameShape(b) {
		return zipSame(a, b, func(x, y []float64, out []float64) {
			for i := range out {
				out[i] = x[i] - y[i]
			}
		})
	}
	return broadcastBinary(a, b, func(x, y float64) float64 { return x - y })
}

// Mul returns the elementwise (Hadamard) product a ⊙ b with broadcasting.
func Mul(a, b *Tensor) *Tensor {
	if a.SameShape(b) {
		return zipSame(a, b, func(x, y []float64, out []float64) {
			for i := range out {
				out[i] = x[i] * y[i]
			}
		})
	}
	return broadcastBinary(a, b, func(x, y float64) float64 { return x * y })
}

// Div returns a / b elementwise with broadcasting.
func Div(a, b *Tensor) *Tensor {
	if a.SameShape(b) {
		return zipSame(a, b, func(x, y []float64, out []float64) {
			for i := range out {
				out[i] = x[i] / y[i]
			}
		})
	}
	return broadcastBinary(a, b, func(x, y float64) float64 { return x / y })
}

// Zip returns f(a, b) elementwise with broadcasting, for the rarer
// elementwise functions of two arguments.
func Zip(a, b *Tensor, f func(x, y float64) float64) *Tensor { return broadcastBinary(a, b, f) }

// zipSame runs a slice kernel over equally shaped tensors, in parallel for
// large ones. The kernel sees matching sub-slices of a, b and the output.
func zipSame(a, b *Tensor, kernel func(x, y, out []float64)) *Tensor {
	out := New(a.Shape...)
	parallelFor(len(out.Data), 1, func(lo, hi int) {
		kernel(a.Data[lo:hi], b.Data[lo:hi], out.Data[lo:hi])
	})
	return out
}

// broadcastBinary computes f(a, b) over the broadcast shape. It walks the
// output in row-major order, keeping one offset into a and one into b that
// advance by their broadcast strides (0 along broadcast axes).
func broadcastBinary(a, b *Tensor, f func(x, y float64) float64) *Tensor {
	shape := BroadcastShape(a.Shape, b.Shape)
	out := New(shape...)
	if len(out.Data) == 0 {
		return out
	}
	r := len(shape)
	if r == 0 {
		out.Data[0] = f(a.Data[0], b.Data[0])
		return out
	}
	sa, sb := broadcastStrides(a.Shape, shape), broadcastStrides(b.Shape, shape)
	inner, ia, ib := shape[r-1], sa[r-1], sb[r-1]
	idx := make([]int, r)
	offA, offB := 0, 0
	for o := 0; o < len(out.Data); o += inner {
		pa, pb := offA, offB
		dst := out.Data[o : o+inner]
		for k := range dst {
			dst[k] = f(a.Data[pa], b.Data[pb])
			pa += ia
			pb += ib
		}
		offA, offB = advance(idx, shape, sa, sb, offA, offB)
	}
	return out
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
	st := broadcastStrides(t.Shape, t.Shape)
	so := broadcastStrides(shape, t.Shape)
	inner, io := t.Shape[r-1], so[r-1]
	idx := make([]int, r)
	offT, offO := 0, 0
	for o := 0; o < len(t.Data); o += inner {
		po := offO
		for _, v := range t.Data[o : o+inner] {
			out.Data[po] += v
			po += io
		}
		offT, offO = advance(idx, t.Shape, st, so, offT, offO)
	}
	return out
}

func shapeError(op string, a, b []int) string {
	return fmt.Sprintf("tensor: %s: shapes %v and %v do not match", op, a, b)
}
