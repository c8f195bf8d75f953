package tensor

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// blasBackend names the BLAS that blas64 calls: gonum's until an init
// installs luoxia's own Dgemm (gemm_install.go) or OpenBLAS (-tags openblas).
var blasBackend = "gonum (pure Go)"

// BLAS names the implementation behind every matrix product: luoxia's own
// packed Dgemm (an AVX-512 or AVX2+FMA kernel on amd64) by default, or OpenBLAS when
// built with -tags openblas (see bench/).
// A program may also install its own with gonum's blas64.Use.
func BLAS() string { return blasBackend }

// MatMul returns the matrix product a·b of an [m, k] and a [k, n] matrix.
func MatMul(a, b *Tensor) *Tensor { return MatMulT(a, false, b, false) }

// MatMulT returns op(a)·op(b), where op transposes its matrix when the
// flag is set, without materialising the transpose. Backward passes use it:
// for y = x·w, dx = dy·wᵀ and dw = xᵀ·dy.
func MatMulT(a *Tensor, transA bool, b *Tensor, transB bool) *Tensor {
	return MatMulTIn(Float64, a, transA, b, transB)
}

// MatMulTIn is MatMulT computed in precision p.
func MatMulTIn(p Precision, a *Tensor, transA bool, b *Tensor, transB bool) *Tensor {
	product := gemmIn(p, "MatMul")
	m, n, k := matMulDims(a, transA, b, transB)
	out := Empty(m, n) // beta = 0: the product overwrites every element
	product(transA, transB, 1, a.Data, a.Shape[1], b.Data, b.Shape[1], 0, out.Data, m, n, k)
	return out
}

// matMulDims checks that op(a)·op(b) is a product of matrices and returns
// its dimensions: op(a) is m x k, op(b) k x n.
func matMulDims(a *Tensor, transA bool, b *Tensor, transB bool) (m, n, k int) {
	if len(a.Shape) != 2 || len(b.Shape) != 2 {
		panic(fmt.Sprintf("tensor: MatMul of shapes %v and %v (want matrices)", a.Shape, b.Shape))
	}
	m, k = opDims(a.Shape[0], a.Shape[1], transA)
	k2, n := opDims(b.Shape[0], b.Shape[1], transB)
	if k != k2 {
		panic(fmt.Sprintf("tensor: MatMul: inner dimensions differ: %v%s · %v%s", a.Shape, tMark(transA), b.Shape, tMark(transB)))
	}
	return m, n, k
}

// BatchedMatMul multiplies matching matrices of two batches: a is
// [..., m, k] and b is [..., k, n] with equal leading axes, or b is a single
// [k, n] matrix shared by the batch. The flags transpose each matrix.
func BatchedMatMul(a *Tensor, transA bool, b *Tensor, transB bool) *Tensor {
	return BatchedMatMulIn(Float64, a, transA, b, transB)
}

// BatchedMatMulIn is BatchedMatMul computed in precision p.
func BatchedMatMulIn(p Precision, a *Tensor, transA bool, b *Tensor, transB bool) *Tensor {
	ra, rb := len(a.Shape), len(b.Shape)
	if ra < 2 || rb < 2 || (rb != 2 && !equalInts(a.Shape[:ra-2], b.Shape[:rb-2])) {
		panic(fmt.Sprintf("tensor: BatchedMatMul of shapes %v and %v", a.Shape, b.Shape))
	}
	m, k := opDims(a.Shape[ra-2], a.Shape[ra-1], transA)
	k2, n := opDims(b.Shape[rb-2], b.Shape[rb-1], transB)
	if k != k2 {
		panic(fmt.Sprintf("tensor: BatchedMatMul: inner dimensions differ: %v%s · %v%s", a.Shape, tMark(transA), b.Shape, tMark(transB)))
	}
	batch := len(a.Data) / maxInt(m*k, 1)
	shape := append(cloneInts(a.Shape[:ra-2]), m, n)
	out := Empty(shape...)
	sizeB := 0
	if rb > 2 {
		sizeB = k * n
	}
	product := gemmIn(p, "BatchedMatMul")
	parallelFor(batch, m*n*k, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			product(transA, transB, 1,
				a.Data[i*m*k:(i+1)*m*k], a.Shape[ra-1],
				b.Data[i*sizeB:i*sizeB+k*n], b.Shape[rb-1],
				0, out.Data[i*m*n:(i+1)*m*n], m, n, k)
		}
	})
	return out
}

// gemm computes c = alpha·op(a)·op(b) + beta·c through blas64, where c is
// [m, n] and the inner dimension is k; lda and ldb are the row lengths of a and b as stored.
func gemm(transA, transB bool, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, m, n, k int) {
	if m == 0 || n == 0 {
		return
	}
	if k == 0 {
		scaleC(c[:m*n], beta)
		return
	}
	ar, ac := opDims(m, k, transA)
	br, bc := opDims(k, n, transB)
	blas64.Gemm(blasT(transA), blasT(transB), alpha,
		blas64.General{Rows: ar, Cols: ac, Stride: lda, Data: a},
		blas64.General{Rows: br, Cols: bc, Stride: ldb, Data: b},
		beta, blas64.General{Rows: m, Cols: n, Stride: n, Data: c})
}

// scaleC sets c to beta·c, the whole product when op(a)·op(b) adds
// nothing (k = 0 or alpha = 0). As in BLAS, beta = 0 overwrites c, NaN
// included, so c need not hold numbers beforehand (Empty).
func scaleC(c []float64, beta float64) {
	for i, v := range c {
		if beta == 0 {
			c[i] = 0
		} else {
			c[i] = beta * v
		}
	}
}

// opDims returns the dimensions of op(x) for an r x c matrix x.
func opDims(r, c int, trans bool) (int, int) {
	if trans {
		return c, r
	}
	return r, c
}

func blasT(trans bool) blas.Transpose {
	if trans {
		return blas.Trans
	}
	return blas.NoTrans
}

func tMark(trans bool) string {
	if trans {
		return "ᵀ"
	}
	return ""
}
