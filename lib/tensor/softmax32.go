package tensor

import "fmt"

// SoftmaxIn is Softmax computed in precision p. In Float32 the
// exponentials are expCore's, accurate to about 1e-8, and each row is
// summed in eight interleaved partial sums, as eight vector lanes do
// (softmaxRow32); entries of -Inf still get exactly zero weight, and a
// row of -Inf throughout comes out as zeros.
func SoftmaxIn(p Precision, t *Tensor) *Tensor {
	p.check("Softmax")
	out := Empty(t.Shape...)
	softmaxRows(p, t, out)
	return out
}

// ScaledSoftmaxIn returns softmax(c·s + mask) along the last axis, in
// precision p: attention's A = softmax(QKᵀ/√d_k + M) in one pass over each
// row, with the bits of SoftmaxIn(p, Add(Scale(s, c), mask)) and without
// their two intermediate tensors. mask, if not nil, broadcasts to s's
// shape as Add's operand would.
func ScaledSoftmaxIn(p Precision, s *Tensor, c float64, mask *Tensor) *Tensor {
	p.check("ScaledSoftmax")
	n := s.Dim(-1)
	var ms []int // mask's strides along s's axes, 0 where it broadcasts
	if mask != nil {
		if !EqualShape(BroadcastShape(s.Shape, mask.Shape), s.Shape) {
			panic(fmt.Sprintf("tensor: ScaledSoftmax: mask %v does not broadcast to scores %v", mask.Shape, s.Shape))
		}
		ms = broadcastStrides(mask.Shape, s.Shape)
	}
	out := Empty(s.Shape...)
	parallelFor(len(s.Data)/maxInt(n, 1), n, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			row, dst := s.Data[r*n:(r+1)*n], out.Data[r*n:(r+1)*n]
			if mask == nil {
				for j, v := range row {
					dst[j] = c * v
				}
			} else {
				at, step := maskRow(r, s.Shape, ms), ms[len(ms)-1]
				for j, v := range row {
					dst[j] = float64(c*v) + mask.Data[at+j*step]
				}
			}
			softmaxRowIn(p, dst, dst)
		}
	})
	return out
}

// maskRow returns where row r of a tensor of the given shape (its rows
// along the last axis) starts in a tensor with strides ms along the same
// axes.
func maskRow(r int, shape, ms []int) int {
	at := 0
	for d := len(shape) - 2; d >= 0; d-- {
		at += r % shape[d] * ms[d]
		r /= shape[d]
	}
	return at
}

// softmaxRow32 sets y[j] = e^(x[j]-m) / Σ_k e^(x[k]-m), with m at least
// every x[j]. Exponents below -700 (a masked -Inf among them) give 0. The
// sum gathers x[j]'s term in partial sum j mod 8, and the eight are added
// pairwise, 0+4, 1+5, 2+6, 3+7, then (0+4)+(2+6) and (1+5)+(3+7), as
// softmaxRowAVX512 adds its lanes.
func softmaxRow32(x, y []float64, m float64) {
	c := &f32Consts
	var a [8]float64
	for j, v := range x {
		v -= m
		e := 0.0
		if v >= c[1] {
			e = expCore(v)
		}
		y[j] = e
		a[j%8] += e
	}
	s := ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]))
	inv := 1 / s
	for j := range y {
		y[j] *= inv
	}
}
