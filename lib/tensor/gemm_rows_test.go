package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// TestGemmRowsSameBits checks that a product of few rows computed straight
// from A and B gives the very bits of the blocked product, for every
// kernel this processor runs, float64 and float32, every transpose (the
// float32 products with B as stored), k across several blocks, and alpha
// and beta that exercise each branch of the kernel's last step.
func TestGemmRowsSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	for _, kernel := range gemmKernels {
		checkRowsSameBits(t, r, kernel, gemmTrans)
	}
	for _, kernel := range gemm32Kernels {
		checkRowsSameBits(t, r, kernel, [][2]blas.Transpose{{blas.NoTrans, blas.NoTrans}, {blas.Trans, blas.NoTrans}})
	}
}

func checkRowsSameBits[E gemmFloat](t *testing.T, r *rand.Rand, kernel gemmKernelSpec[E], trans [][2]blas.Transpose) {
	t.Helper()
	for m := 1; m <= gemmRowsMax+2; m++ {
		for _, n := range []int{1, 7, 16, 33, 130} {
			for _, k := range []int{1, 5, gemmKC, gemmKC + 1, 2*gemmKC + 77} {
				for _, tt := range trans {
					for _, ab := range [][2]float64{{1, 0}, {-0.5, 1}, {0.7, 0.3}} {
						g := gemmCase{tt[0], tt[1], m, n, k, ab[0], ab[1], 1}
						a, lda, b, ldb, c, ldc := gemmOperands(r, g)
						p := gemmProblem[E]{
							transA: g.tA != blas.NoTrans, transB: g.tB != blas.NoTrans,
							m: m, n: n, k: k, alpha: g.alpha, beta: g.beta,
							a: a, lda: lda, b: b, ldb: ldb, ldc: ldc, kernel: kernel,
						}
						p.c = append([]float64(nil), c...)
						p.block(0, m, 0, n)
						want := p.c
						for _, workers := range []int{1, 3} {
							p.c = append([]float64(nil), c...)
							p.rows(workers)
							for i := range want {
								if math.Float64bits(p.c[i]) != math.Float64bits(want[i]) {
									t.Fatalf("%s, %v, %d goroutines: C[%d] = %v straight from A and B, %v blocked", kernel.name, g, workers, i, p.c[i], want[i])
								}
							}
						}
					}
				}
			}
		}
	}
}

// BenchmarkGemmRows times a product of m rows of 128 by a 128 x 384
// matrix (one token's step through a baby GPT's layer is such a product
// with m = 1) straight from A and B and blocked, in float64 and in
// float32; gemmRowsMax is where the first stops being faster.
func BenchmarkGemmRows(b *testing.B) {
	for _, m := range []int{1, 2, 4, 6} {
		g := gemmCase{tA: blas.NoTrans, tB: blas.NoTrans, m: m, n: 384, k: 128, alpha: 1}
		a, lda, bb, ldb, c, ldc := gemmOperands(rand.New(rand.NewPCG(1, 2)), g)
		benchRows(b, fmt.Sprintf("float64/m=%d", m), &gemmProblem[float64]{m: m, n: 384, k: 128, alpha: 1, a: a, lda: lda, b: bb, ldb: ldb, c: c, ldc: ldc, kernel: gemmKernel})
		benchRows(b, fmt.Sprintf("float32/m=%d", m), &gemmProblem[float32]{m: m, n: 384, k: 128, alpha: 1, a: a, lda: lda, b: bb, ldb: ldb, c: c, ldc: ldc, kernel: gemm32Kernel})
	}
}

func benchRows[E gemmFloat](b *testing.B, name string, p *gemmProblem[E]) {
	b.Run(name+"/rows", func(b *testing.B) {
		for b.Loop() {
			p.rows(1)
		}
	})
	b.Run(name+"/blocked", func(b *testing.B) {
		for b.Loop() {
			p.block(0, p.m, 0, p.n)
		}
	})
}
