package tensor

import (
	"math"
	"runtime"
)

// Products in float32 (Float32 precision, precision.go) run the blocked
// product of gemm.go with float32 panels: packing rounds every number of
// op(A) and op(B) to float32, and the micro-kernel sums each element of C
// over a k block of gemmKC steps in float32, one fused multiply-add a
// step, as PyTorch's float32 products do. At the end of each k block the
// sum is widened to float64, scaled by alpha and added to beta·C in
// float64, exactly as the float64 kernels do; C stays float64. A float32
// register holds twice as many numbers as a float64 one, so each
// instruction does twice the arithmetic, and a panel takes half the bytes.
//
// Every float32 kernel gives the same bits, as the float64 ones do: the
// assembly kernels round each a·b + t once (VFMADD231PS), and the portable
// kernel computes that same rounding with fma32.

// gemm32 computes c = alpha·op(a)·op(b) + beta·c in Float32 precision;
// the arguments are gemm's (matmul.go).
func gemm32(transA, transB bool, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, m, n, k int) {
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		scaleC(c[:m*n], beta)
		return
	}
	gemmCheck(blasT(transA), blasT(transB), m, n, k, a, lda, b, ldb, c, n)
	p := gemmProblem[float32]{
		transA: transA, transB: transB,
		m: m, n: n, k: k, alpha: alpha, beta: beta,
		a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: n,
		kernel: gemm32Kernel,
	}
	if m <= gemm32RowsMax && !transB && p.kernel.axpy != nil {
		p.rows(runtime.GOMAXPROCS(0)) // a few rows: no packing (gemm_rows.go)
		return
	}
	p.run(runtime.GOMAXPROCS(0))
}

// gemm32RowsMax is the most rows a float32 product may have to go through
// rows (gemm_rows.go). Float32 panels are packed in assembly, so the
// blocked product overtakes rows sooner than in float64: measured with
// BenchmarkGemmRows at one thread (AVX-512), one row by a 128 x 384 matrix
// takes 4.0 µs straight from A and B against 7.6 blocked, two 7.8 against
// 8.5, four 15.6 against 7.7.
const gemm32RowsMax = 2

// gemmPortable32 is the plain Go float32 kernel, which runs everywhere.
var gemmPortable32 = gemmKernelSpec[float32]{name: "portable float32 kernel", nr: gemmNRPortable, fused: true, fn: gemmKernel32Go, axpy: axpy32Go}

// axpy32Go sets y[j] = a·float32(x[j]) + y[j] for j < len(y), rounded
// once (fma32), as the float32 kernels add each step.
func axpy32Go(a float32, x []float64, y []float32) {
	x = x[:len(y)]
	for j, v := range x {
		y[j] = fma32(a, float32(v), y[j])
	}
}

// gemmKernel32Go is the portable float32 micro-kernel (the contract is
// gemmMicroKernel's): the tile accumulates in float32, each step one
// fused multiply-add, rounded once (fma32).
func gemmKernel32Go(k int, a, b []float32, c []float64, ldc int, alpha, beta float64, load bool) {
	a = a[:k*gemmMR]
	b = b[:k*gemmNRPortable]
	for i := 0; i < gemmMR; i++ {
		var t [gemmNRPortable]float32
		for kk := 0; kk < k; kk++ {
			ai := a[kk*gemmMR+i]
			bk := b[kk*gemmNRPortable : kk*gemmNRPortable+gemmNRPortable : kk*gemmNRPortable+gemmNRPortable]
			for j := range t {
				t[j] = fma32(ai, bk[j], t[j])
			}
		}
		row := c[i*ldc : i*ldc+gemmNRPortable]
		for j, tj := range t {
			v := alpha * float64(tj)
			if load {
				v = math.FMA(beta, row[j], v)
			}
			row[j] = v
		}
	}
}

// fma32 returns x·y + z rounded once to float32, as a float32 fused
// multiply-add instruction does.
//
// x·y is exact in float64 (24 + 24 significant bits fit in 53), and so is
// s + e = x·y + z, with s the float64 sum and e its rounding error (Knuth's
// two-sum). Rounding the sum to float64 and then to float32 could round
// twice; rounding it to float64 "to odd" instead (when the sum is inexact,
// take the neighbour whose last bit is 1) cannot, because 53 ≥ 24 + 2
// (Boldo and Melquiond, "Emulation of FMA and correctly rounded sums:
// proved algorithms using rounding to odd", IEEE Trans. Computers, 2008).
func fma32(x, y, z float32) float32 {
	p := float64(x) * float64(y)
	s := p + float64(z)
	bv := s - p
	e := (p - (s - bv)) + (float64(z) - bv)
	if bits := math.Float64bits(s); e != 0 && bits&1 == 0 {
		// The exact sum lies beyond s in the direction of e: step one
		// unit in the last place that way, away from zero if e has s's
		// sign, towards it otherwise.
		if (e > 0) == (s > 0) {
			bits++
		} else {
			bits--
		}
		s = math.Float64frombits(bits)
	}
	return float32(s)
}
