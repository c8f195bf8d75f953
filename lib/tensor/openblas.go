//go:build cgo && openblas

// This file is compiled only with `go build -tags openblas` (and cgo on). It
// swaps the BLAS behind every matrix product from gonum's pure-Go code to
// OpenBLAS, which multiplies 512x512 float64 matrices about six times faster
// on one core of the machines the book was written on (47 GFLOP/s against 8;
// bench/ measures it).
//
// What it needs: Debian's libopenblas-dev (headers and libopenblas.so);
// running the program needs only the library (libopenblas0-pthread):
//
//	apt-get install -y --no-install-recommends libopenblas-dev
//	go test -tags openblas ./lib/tensor
//
// Debian keeps cblas.h under /usr/include/x86_64-linux-gnu/openblas-pthread/
// and also links it into the default search path through update-alternatives;
// the -I below finds the OpenBLAS header even when the alternative points at
// another BLAS's cblas.h. Elsewhere, give the paths through CGO_CFLAGS and
// CGO_LDFLAGS (for example from `pkg-config --cflags --libs openblas`).
//
// Threads. OpenBLAS runs a product on several threads of its own. If one of
// the environment variables OpenBLAS reads (OPENBLAS_NUM_THREADS,
// GOTO_NUM_THREADS, OMP_NUM_THREADS) is set, OpenBLAS uses that many and this
// file leaves the count alone. Otherwise the count follows GOMAXPROCS, checked
// on every call, so `go test -cpu 1,2` compares like with like: one Go
// processor and one OpenBLAS thread, then two and two.

package tensor

/*
#cgo CFLAGS: -I/usr/include/x86_64-linux-gnu/openblas-pthread
#cgo LDFLAGS: -lopenblas
#cgo noescape cblas_dgemm
#cgo nocallback cblas_dgemm
#cgo noescape cblas_dgemv
#cgo nocallback cblas_dgemv
#include <cblas.h>
*/
import "C"

import (
	"os"
	"runtime"
	"sync"
	"unsafe"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

func init() {
	openblasThreads.follow = os.Getenv("OPENBLAS_NUM_THREADS") == "" &&
		os.Getenv("GOTO_NUM_THREADS") == "" && os.Getenv("OMP_NUM_THREADS") == ""
	blas64.Use(openblas{})
	blasBackend = "OpenBLAS (cgo)"
}

// openblas is a blas.Float64 whose Dgemm and Dgemv call OpenBLAS's CBLAS
// interface; every other routine is gonum's pure-Go one, through the
// embedded Implementation. Arguments are checked here exactly as gonum
// checks them, with gonum's panic messages, before any pointer reaches C:
// a slice too short for its matrix panics instead of letting C read past it.
type openblas struct{ gonum.Implementation }

// maxBlasInt is the largest dimension C's blasint holds (32 bits in
// Debian's libopenblas; libopenblas64 is a separate package). Larger
// problems go to gonum.
const maxBlasInt = 1<<(8*unsafe.Sizeof(C.blasint(0))-1) - 1

// Dgemm computes C = alpha·op(A)·op(B) + beta·C, where op(A) is m×k, op(B)
// is k×n and C is m×n, all row-major with row strides lda, ldb and ldc.
func (o openblas) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	gemmCheck(tA, tB, m, n, k, a, lda, b, ldb, c, ldc) // gemm.go: gonum's checks and messages
	// Empty products, and the ones that only scale C, stay in Go: there
	// A or B may be empty slices with no first element to point C at.
	if m == 0 || n == 0 || k == 0 || alpha == 0 || max(m, n, k, lda, ldb, ldc) > maxBlasInt {
		o.Implementation.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	enterOpenBLAS()
	C.cblas_dgemm(C.CblasRowMajor, cblasTrans(tA), cblasTrans(tB),
		C.blasint(m), C.blasint(n), C.blasint(k),
		C.double(alpha), cDoubles(a), C.blasint(lda), cDoubles(b), C.blasint(ldb),
		C.double(beta), cDoubles(c), C.blasint(ldc))
	leaveOpenBLAS()
}

// Dgemv computes y = alpha·op(A)·x + beta·y for an m×n row-major A with row
// stride lda. As in every BLAS, a negative increment walks its vector
// backwards from the far end of the slice.
func (o openblas) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	openblasCheckDgemv(tA, m, n, a, lda, x, incX, y, incY)
	if m == 0 || n == 0 || alpha == 0 || max(m, n, lda, openblasAbs(incX), openblasAbs(incY)) > maxBlasInt {
		o.Implementation.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
		return
	}
	enterOpenBLAS()
	C.cblas_dgemv(C.CblasRowMajor, cblasTrans(tA), C.blasint(m), C.blasint(n),
		C.double(alpha), cDoubles(a), C.blasint(lda), cDoubles(x), C.blasint(incX),
		C.double(beta), cDoubles(y), C.blasint(incY))
	leaveOpenBLAS()
}

// cblasTrans maps gonum's transpose flag to CBLAS's. For real matrices the
// conjugate transpose is the transpose.
func cblasTrans(t blas.Transpose) C.enum_CBLAS_TRANSPOSE {
	if t == blas.NoTrans {
		return C.CblasNoTrans
	}
	return C.CblasTrans
}

// cDoubles points C at the first element of a non-empty slice. Passing it is
// allowed by cgo's rules because float64s hold no Go pointers, and the
// noescape directive above promises C keeps no copy after the call returns.
func cDoubles(s []float64) *C.double { return (*C.double)(unsafe.Pointer(&s[0])) }

// openblasThreads keeps OpenBLAS's thread count equal to GOMAXPROCS when no
// environment variable set it. Calls hold the read lock so the count never
// changes under a product that is running on another goroutine.
var openblasThreads struct {
	sync.RWMutex
	follow bool // set once in init: no environment variable chose the count
	n      int  // the count last passed to openblas_set_num_threads (0: none yet)
}

// enterOpenBLAS is called before each OpenBLAS routine; leaveOpenBLAS after it.
func enterOpenBLAS() {
	t := &openblasThreads
	if !t.follow {
		return
	}
	p := runtime.GOMAXPROCS(0)
	t.RLock()
	if t.n == p {
		return
	}
	t.RUnlock()
	t.Lock()
	if t.n != p {
		C.openblas_set_num_threads(C.int(p))
		t.n = p
	}
	t.Unlock()
	t.RLock()
}

func leaveOpenBLAS() {
	if openblasThreads.follow {
		openblasThreads.RUnlock()
	}
}

// openblasNumThreads reports how many threads OpenBLAS will use (tests use it;
// test files cannot call C themselves).
func openblasNumThreads() int { return int(C.openblas_get_num_threads()) }

// openblasCheckDgemv panics, with gonum's messages, on arguments gonum's Dgemv rejects.
func openblasCheckDgemv(tA blas.Transpose, m, n int, a []float64, lda int, x []float64, incX int, y []float64, incY int) {
	if !openblasValidTrans(tA) {
		panic("blas: illegal transpose")
	}
	switch {
	case m < 0:
		panic("blas: m < 0")
	case n < 0:
		panic("blas: n < 0")
	case lda < max(1, n):
		panic("blas: bad leading dimension of A")
	case incX == 0:
		panic("blas: zero x index increment")
	case incY == 0:
		panic("blas: zero y index increment")
	}
	if m == 0 || n == 0 {
		return
	}
	lenX, lenY := n, m
	if tA != blas.NoTrans {
		lenX, lenY = m, n
	}
	switch {
	case (lenX-1)*openblasAbs(incX) >= len(x):
		panic("blas: insufficient length of x")
	case (lenY-1)*openblasAbs(incY) >= len(y):
		panic("blas: insufficient length of y")
	case len(a) < lda*(m-1)+n:
		panic("blas: insufficient length of a")
	}
}

func openblasValidTrans(t blas.Transpose) bool {
	return t == blas.NoTrans || t == blas.Trans || t == blas.ConjTrans
}

func openblasAbs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
