//go:build cgo && openblas

package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// Run with: go test -tags openblas -run OpenBLAS ./lib/tensor

var transposes = []blas.Transpose{blas.NoTrans, blas.Trans, blas.ConjTrans}

func TestOpenBLASInstalled(t *testing.T) {
	if _, ok := blas64.Implementation().(openblas); !ok {
		t.Fatalf("blas64 uses %T, want openblas", blas64.Implementation())
	}
	if got := BLAS(); got != "OpenBLAS (cgo)" {
		t.Fatalf("BLAS() = %q", got)
	}
}

// randSlice returns n values in [-1, 1); padding cells beyond a matrix's
// width get values too, so reading them by mistake changes the result.
func randSlice(r *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = 2*r.Float64() - 1
	}
	return s
}

// closeTo reports whether got and want agree to rounding error for sums of
// k products of numbers at most 1 in size.
func closeTo(got, want []float64, k int) (int, bool) {
	tol := 1e-14 * float64(k+4)
	for i := range want {
		if math.IsNaN(got[i]) != math.IsNaN(want[i]) || math.Abs(got[i]-want[i]) > tol {
			return i, false
		}
	}
	return 0, true
}

// TestOpenBLASDgemmMatchesGonum compares OpenBLAS with gonum's Dgemm on
// random non-square matrices, every transpose combination, strides wider than
// the matrices, and the alpha/beta values that take special paths.
func TestOpenBLASDgemmMatchesGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	shapes := [][3]int{{1, 1, 1}, {3, 5, 7}, {17, 4, 33}, {64, 65, 63}, {130, 1, 129}, {1, 200, 3}, {128, 10, 512}, {5, 3, 0}}
	for _, tA := range transposes {
		for _, tB := range transposes {
			for _, s := range shapes {
				for _, ab := range [][2]float64{{1, 0}, {0.7, -0.3}, {-2, 1}, {0, 0.5}} {
					m, n, k := s[0], s[1], s[2]
					alpha, beta := ab[0], ab[1]
					ar, ac := m, k
					if tA != blas.NoTrans {
						ar, ac = k, m
					}
					br, bc := k, n
					if tB != blas.NoTrans {
						br, bc = n, k
					}
					lda, ldb, ldc := ac+3, bc+1, n+2
					a := randSlice(r, max(ar*lda, 1))
					b := randSlice(r, max(br*ldb, 1))
					c := randSlice(r, m*ldc)
					if beta == 0 {
						// BLAS ignores C when beta is 0: NaNs must not leak through.
						for i := range c {
							c[i] = math.NaN()
						}
					}
					want := append([]float64(nil), c...)
					gonum.Implementation{}.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, want, ldc)
					openblas{}.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
					// Comparing the whole slice also checks that C's padding is untouched.
					if i, ok := closeTo(c, want, k); !ok {
						t.Errorf("tA=%c tB=%c m,n,k=%d,%d,%d alpha=%g beta=%g: c[%d]=%g, gonum %g",
							tA, tB, m, n, k, alpha, beta, i, c[i], want[i])
					}
				}
			}
		}
	}
}

// TestOpenBLASDgemvMatchesGonum does the same for matrix-vector products,
// including negative increments, which walk a vector from its far end.
func TestOpenBLASDgemvMatchesGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, tA := range transposes {
		for _, s := range [][2]int{{1, 1}, {7, 3}, {3, 40}, {129, 64}} {
			for _, inc := range [][2]int{{1, 1}, {2, 3}, {-1, 1}, {1, -2}, {-3, -1}} {
				for _, ab := range [][2]float64{{1, 0}, {0.5, 2}, {0, -1}} {
					m, n := s[0], s[1]
					incX, incY := inc[0], inc[1]
					alpha, beta := ab[0], ab[1]
					lenX, lenY := n, m
					if tA != blas.NoTrans {
						lenX, lenY = m, n
					}
					lda := n + 5
					a := randSlice(r, m*lda)
					x := randSlice(r, 1+(lenX-1)*openblasAbs(incX))
					y := randSlice(r, 1+(lenY-1)*openblasAbs(incY))
					want := append([]float64(nil), y...)
					gonum.Implementation{}.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, want, incY)
					openblas{}.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
					if i, ok := closeTo(y, want, lenX); !ok {
						t.Errorf("tA=%c m,n=%d,%d inc=%d,%d alpha=%g beta=%g: y[%d]=%g, gonum %g",
							tA, m, n, incX, incY, alpha, beta, i, y[i], want[i])
					}
				}
			}
		}
	}
}

// panicOf returns what f panics with, or nil.
func panicOf(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

// TestOpenBLASPanicsLikeGonum checks that bad arguments are caught in Go,
// before C could read or write past a slice, with gonum's own messages.
func TestOpenBLASPanicsLikeGonum(t *testing.T) {
	s := make([]float64, 12)
	gemm := []struct {
		name          string
		tA, tB        blas.Transpose
		m, n, k       int
		a, b, c       []float64
		lda, ldb, ldc int
	}{
		{"bad transpose", 'x', blas.NoTrans, 2, 2, 2, s, s, s, 2, 2, 2},
		{"m < 0", blas.NoTrans, blas.NoTrans, -1, 2, 2, s, s, s, 2, 2, 2},
		{"k < 0", blas.NoTrans, blas.NoTrans, 2, 2, -1, s, s, s, 2, 2, 2},
		{"lda", blas.NoTrans, blas.NoTrans, 2, 2, 3, s, s, s, 2, 2, 2},
		{"lda of Aᵀ", blas.Trans, blas.NoTrans, 3, 2, 2, s, s, s, 2, 2, 2},
		{"ldb", blas.NoTrans, blas.NoTrans, 2, 3, 2, s, s, s, 2, 2, 3},
		{"ldc", blas.NoTrans, blas.NoTrans, 2, 3, 2, s, s, s, 2, 3, 2},
		{"short a", blas.NoTrans, blas.NoTrans, 4, 2, 4, s, s, s, 4, 2, 2},
		{"short b", blas.NoTrans, blas.Trans, 2, 4, 4, s, s, s, 4, 4, 4},
		{"short c", blas.NoTrans, blas.NoTrans, 3, 4, 1, s, s, s[:11], 1, 4, 4},
	}
	for _, g := range gemm {
		call := func(impl blas.Float64) func() {
			return func() {
				impl.Dgemm(g.tA, g.tB, g.m, g.n, g.k, 1, g.a, g.lda, g.b, g.ldb, 0, g.c, g.ldc)
			}
		}
		got, want := panicOf(call(openblas{})), panicOf(call(gonum.Implementation{}))
		if got == nil || got != want {
			t.Errorf("Dgemm %s: panic %v, gonum panics %v", g.name, got, want)
		}
	}
	gemv := []struct {
		name       string
		tA         blas.Transpose
		m, n, lda  int
		x, y       []float64
		incX, incY int
	}{
		{"bad transpose", 'x', 2, 2, 2, s, s, 1, 1},
		{"n < 0", blas.NoTrans, 2, -1, 2, s, s, 1, 1},
		{"lda", blas.NoTrans, 2, 3, 2, s, s, 1, 1},
		{"zero incX", blas.NoTrans, 2, 2, 2, s, s, 0, 1},
		{"short x", blas.NoTrans, 2, 3, 3, s[:2], s, 1, 1},
		{"short y backwards", blas.Trans, 2, 3, 3, s, s[:4], 1, -2},
		{"short a", blas.NoTrans, 4, 4, 4, s, s, 1, 1},
	}
	for _, g := range gemv {
		call := func(impl blas.Float64) func() {
			return func() { impl.Dgemv(g.tA, g.m, g.n, 1, s, g.lda, g.x, g.incX, 0, g.y, g.incY) }
		}
		got, want := panicOf(call(openblas{})), panicOf(call(gonum.Implementation{}))
		if got == nil || got != want {
			t.Errorf("Dgemv %s: panic %v, gonum panics %v", g.name, got, want)
		}
	}
}

// TestOpenBLASConcurrent calls OpenBLAS from several goroutines at once, as
// BatchedMatMul does, while GOMAXPROCS (and so the thread count) changes.
func TestOpenBLASConcurrent(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	r := rand.New(rand.NewPCG(5, 6))
	const m, n, k = 96, 80, 200
	a, b := randSlice(r, m*k), randSlice(r, k*n)
	want := make([]float64, m*n)
	gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, want, n)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				if g == 0 && i%5 == 0 {
					runtime.GOMAXPROCS(1 + i%2)
				}
				c := make([]float64, m*n)
				openblas{}.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n)
				if j, ok := closeTo(c, want, k); !ok {
					errs <- fmt.Sprintf("goroutine %d call %d: c[%d]=%g, want %g", g, i, j, c[j], want[j])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestOpenBLASThreadsFollowGOMAXPROCS checks the thread rule documented in
// openblas.go: without OPENBLAS_NUM_THREADS and friends, OpenBLAS uses as
// many threads as Go has processors.
func TestOpenBLASThreadsFollowGOMAXPROCS(t *testing.T) {
	if !openblasThreads.follow {
		t.Skip("an environment variable sets OpenBLAS's thread count")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	a := []float64{1, 2, 3, 4}
	for _, p := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(p)
		c := make([]float64, 4)
		openblas{}.Dgemm(blas.NoTrans, blas.NoTrans, 2, 2, 2, 1, a, 2, a, 2, 0, c, 2)
		if got := openblasNumThreads(); got != p {
			t.Errorf("GOMAXPROCS %d: OpenBLAS uses %d threads", p, got)
		}
	}
}

// TestOpenBLASMatMul runs the package's own MatMul through OpenBLAS against
// a triple loop.
func TestOpenBLASMatMul(t *testing.T) {
	g := NewRNG(7)
	x, w := RandN(g, 33, 70), RandN(g, 70, 21)
	got := MatMul(x, w)
	for i := range 33 {
		for j := range 21 {
			var s float64
			for p := range 70 {
				s += x.Data[i*70+p] * w.Data[p*21+j]
			}
			if d := math.Abs(got.Data[i*21+j] - s); d > 1e-12 {
				t.Fatalf("MatMul[%d,%d] = %g, triple loop %g", i, j, got.Data[i*21+j], s)
			}
		}
	}
}
