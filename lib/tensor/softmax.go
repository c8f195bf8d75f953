package tensor

import "math"

// The softmax family works along the last axis. Each is computed after
// subtracting the row's maximum m, which changes nothing mathematically,
// softmax(x) = softmax(x - m), but keeps exp from overflowing:
//
//	logsumexp(x) = m + log Σ_j exp(x_j - m)
//	log softmax(x)_i = x_i - logsumexp(x)

// ANCHOR: logsumexp

// LogSumExp returns log Σ_j exp(x_j) over the last axis; the result drops that axis.
func LogSumExp(t *Tensor) *Tensor {
	n := t.Dim(-1)
	out := New(t.Shape[:len(t.Shape)-1]...)
	for r := range out.Data {
		out.Data[r] = logSumExp(t.Data[r*n : (r+1)*n])
	}
	return out
}

func logSumExp(row []float64) float64 {
	m := math.Inf(-1)
	for _, v := range row {
		m = max(m, v) // the built-in max compiles to an instruction; math.Max is a call
	}
	if math.IsInf(m, 0) {
		return m
	}
	s := 0.0
	for _, v := range row {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// ANCHOR_END: logsumexp

// LogSoftmax returns x_i - logsumexp(x) along the last axis.
func LogSoftmax(t *Tensor) *Tensor {
	n := t.Dim(-1)
	out := New(t.Shape...)
	parallelFor(len(t.Data)/maxInt(n, 1), n, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			row, dst := t.Data[r*n:(r+1)*n], out.Data[r*n:(r+1)*n]
			lse := logSumExp(row)
			for j, v := range row {
				dst[j] = v - lse
			}
		}
	})
	return out
}

// Softmax returns exp(x_i) / Σ_j exp(x_j) along the last axis, computed as
// exp(x_i - m) / Σ_j exp(x_j - m). (exp(x_i - logsumexp(x)) would inherit
// the rounding of m + log Σ, a relative error of |m|·2⁻⁵²: rows of 1000s
// would miss summing to 1 by 1e-13.)
//
// Entries of -Inf get exactly zero weight, exp(-Inf - m) = 0, which is how
// attention masks keys out. A row that is -Inf throughout has no
// distribution to give (0/0); it comes out as zeros, so a query that may
// attend to nothing reads nothing, instead of NaN spreading through the
// layers after it.
func Softmax(t *Tensor) *Tensor { return SoftmaxIn(Float64, t) }

// softmaxRows sets each row of out, along the last axis, to the softmax
// of the same row of t, in precision p.
func softmaxRows(p Precision, t, out *Tensor) {
	n := t.Dim(-1)
	parallelFor(len(t.Data)/maxInt(n, 1), n, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			softmaxRowIn(p, t.Data[r*n:(r+1)*n], out.Data[r*n:(r+1)*n])
		}
	})
}

// softmaxRowIn sets dst to the softmax of row in precision p; dst may be
// row itself.
func softmaxRowIn(p Precision, row, dst []float64) {
	m := rowMax(row)
	switch {
	case math.IsInf(m, -1):
		clear(dst)
	case p == Float64:
		s := 0.0
		for j, v := range row {
			dst[j] = math.Exp(v - m)
			s += dst[j]
		}
		for j := range dst {
			dst[j] /= s
		}
	case softmaxVector != nil:
		softmaxVector(row, dst, m, &f32Consts)
	default:
		softmaxRow32(row, dst, m)
	}
}

// rowMax returns the largest number of row, -Inf for an empty row, NaN
// if it holds one. It keeps four running maxima, each a chain of its own
// that the processor can advance side by side; max is commutative and
// associative, NaN and signed zeros included, so the result is the one a
// single running maximum gives.
func rowMax(row []float64) float64 {
	m0, m1, m2, m3 := math.Inf(-1), math.Inf(-1), math.Inf(-1), math.Inf(-1)
	j := 0
	for ; j+4 <= len(row); j += 4 {
		r := row[j : j+4 : j+4]
		m0, m1, m2, m3 = max(m0, r[0]), max(m1, r[1]), max(m2, r[2]), max(m3, r[3]) // the built-in max compiles to a few instructions; math.Max is a call
	}
	for ; j < len(row); j++ {
		m0 = max(m0, row[j])
	}
	return max(max(m0, m1), max(m2, m3))
}
