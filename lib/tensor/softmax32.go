package tensor

import "math"

// SoftmaxIn is Softmax computed in precision p. In Float32 the
// exponentials are expCore's, accurate to about 1e-8, and each row is
// summed in eight interleaved partial sums, as eight vector lanes do
// (softmaxRow32); entries of -Inf still get exactly zero weight, and a
// row of -Inf throughout comes out as zeros.
func SoftmaxIn(p Precision, t *Tensor) *Tensor {
	switch p {
	case Float64:
		return Softmax(t)
	case Float32:
	default:
		panic("tensor: Softmax in " + p.String())
	}
	n := t.Dim(-1)
	out := New(t.Shape...)
	parallelFor(len(t.Data)/maxInt(n, 1), n, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			row, dst := t.Data[r*n:(r+1)*n], out.Data[r*n:(r+1)*n]
			m := rowMax(row)
			switch {
			case math.IsInf(m, -1):
				clear(dst)
			case softmaxVector != nil:
				softmaxVector(row, dst, m, &f32Consts)
			default:
				softmaxRow32(row, dst, m)
			}
		}
	})
	return out
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
