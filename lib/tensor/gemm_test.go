package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// gemmCase is one Dgemm call: shapes, transposes, scalars and padded strides.
type gemmCase struct {
	tA, tB      blas.Transpose
	m, n, k     int
	alpha, beta float64
	pad         int // extra columns in every stride, to catch stride bugs
}

func (g gemmCase) String() string {
	return fmt.Sprintf("%v%v/%dx%dx%d/alpha=%v/beta=%v/pad=%d", tChar(g.tA), tChar(g.tB), g.m, g.n, g.k, g.alpha, g.beta, g.pad)
}

func tChar(t blas.Transpose) string {
	if t == blas.NoTrans {
		return "N"
	}
	return "T"
}

// gemmOperands makes random A, B and C for a case, C's padding filled with a
// sentinel and, when beta is 0, its elements with NaN, which Dgemm must
// overwrite without reading.
func gemmOperands(r *rand.Rand, g gemmCase) (a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	ar, ac := g.m, g.k
	if g.tA != blas.NoTrans {
		ar, ac = g.k, g.m
	}
	br, bc := g.k, g.n
	if g.tB != blas.NoTrans {
		br, bc = g.n, g.k
	}
	lda, ldb, ldc = ac+g.pad, bc+g.pad, g.n+g.pad
	fill := func(n int) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = r.Float64()*2 - 1
		}
		return s
	}
	a = fill((ar-1)*lda + ac)
	b = fill((br-1)*ldb + bc)
	c = fill((g.m-1)*ldc + g.n)
	for i := range c {
		if i%ldc >= g.n {
			c[i] = 12345 // padding: must survive
		} else if g.beta == 0 {
			c[i] = math.NaN()
		}
	}
	return
}

// checkGemm compares got with gonum's result want, element by element, to
// 1e-12 relative to the sum of magnitudes that formed each element (so
// cancellation does not make the bound meaningless), and checks that the
// padding of C is untouched.
func checkGemm(t *testing.T, g gemmCase, a []float64, lda int, b []float64, ldb int, c0, got []float64, ldc int) {
	t.Helper()
	want := append([]float64(nil), c0...)
	gonum.Implementation{}.Dgemm(g.tA, g.tB, g.m, g.n, g.k, g.alpha, a, lda, b, ldb, g.beta, want, ldc)
	abs := func(s []float64) []float64 {
		o := make([]float64, len(s))
		for i, v := range s {
			if !math.IsNaN(v) {
				o[i] = math.Abs(v)
			}
		}
		return o
	}
	scale := abs(c0)
	gonum.Implementation{}.Dgemm(g.tA, g.tB, g.m, g.n, g.k, math.Abs(g.alpha), abs(a), lda, abs(b), ldb, math.Abs(g.beta), scale, ldc)
	for i := range got {
		if i%ldc >= g.n {
			if got[i] != 12345 {
				t.Fatalf("%v: padding element %d of C changed to %v", g, i, got[i])
			}
			continue
		}
		if d := math.Abs(got[i] - want[i]); !(d <= 1e-12*scale[i]) {
			t.Fatalf("%v: C[%d,%d] = %v, gonum %v (diff %g, scale %g)", g, i/ldc, i%ldc, got[i], want[i], d, scale[i])
		}
	}
}

var gemmShapes = [][3]int{
	{1, 1, 1}, {1, 1, 7}, {5, 7, 3}, {gemmMR, 8, gemmKC}, {gemmMR, 16, gemmKC}, {gemmMR - 1, 15, gemmKC - 1},
	{gemmMR + 1, 17, gemmKC + 1}, {gemmMR, 9, 4}, {13, 25, 1}, {37, 53, 71}, {gemmMC + 1, 15, 300},
	{1, 300, 40}, {300, 1, 40}, {12, gemmNC + 9, 20}, {200, 9, 2*gemmKC + 1}, {300, 257, 513},
}

var gemmTrans = [][2]blas.Transpose{{blas.NoTrans, blas.NoTrans}, {blas.Trans, blas.NoTrans}, {blas.NoTrans, blas.Trans}, {blas.Trans, blas.ConjTrans}}

// forGemmCases calls f for every shape, transpose pair, alpha, beta and
// padding; large shapes get fewer scalar combinations to keep the test quick.
func forGemmCases(f func(g gemmCase)) {
	for _, s := range gemmShapes {
		for _, tt := range gemmTrans {
			for ai, alpha := range []float64{1, -0.5, 0} {
				for bi, beta := range []float64{0, 1, 0.3} {
					big := s[0]*s[1]*s[2] > 1<<20
					if big && ai != bi && !(ai == 1 && bi == 2) {
						continue
					}
					f(gemmCase{tt[0], tt[1], s[0], s[1], s[2], alpha, beta, (ai + bi) % 3})
				}
			}
		}
	}
}

// runGemmKernel runs the blocked product with a given micro-kernel and
// number of goroutines, bypassing Dgemm's hand-off of tiny products to gonum.
func runGemmKernel(kernel gemmKernelSpec[float64], workers int, g gemmCase, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	if g.alpha == 0 {
		goBLAS{}.Dgemm(g.tA, g.tB, g.m, g.n, g.k, g.alpha, a, lda, b, ldb, g.beta, c, ldc)
		return
	}
	p := gemmProblem[float64]{
		transA: g.tA != blas.NoTrans, transB: g.tB != blas.NoTrans,
		m: g.m, n: g.n, k: g.k, alpha: g.alpha, beta: g.beta,
		a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, kernel: kernel,
	}
	p.run(workers)
}

func TestGoBLASDgemmMatchesGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	forGemmCases(func(g gemmCase) {
		a, lda, b, ldb, c, ldc := gemmOperands(r, g)
		got := append([]float64(nil), c...)
		goBLAS{}.Dgemm(g.tA, g.tB, g.m, g.n, g.k, g.alpha, a, lda, b, ldb, g.beta, got, ldc)
		checkGemm(t, g, a, lda, b, ldb, c, got, ldc)
	})
}

// TestGemmKernels checks the blocked product with each micro-kernel this
// processor can run directly, tiny shapes included, on one goroutine and
// on three.
func TestGemmKernels(t *testing.T) {
	for _, kernel := range gemmKernels {
		t.Run(strings.ReplaceAll(kernel.name, " ", "_"), func(t *testing.T) {
			r := rand.New(rand.NewPCG(9, 10))
			forGemmCases(func(g gemmCase) {
				a, lda, b, ldb, c, ldc := gemmOperands(r, g)
				for _, workers := range []int{1, 3} {
					got := append([]float64(nil), c...)
					runGemmKernel(kernel, workers, g, a, lda, b, ldb, got, ldc)
					checkGemm(t, g, a, lda, b, ldb, c, got, ldc)
				}
			})
		})
	}
}

// TestGemmKernelsSameBits checks that the assembly kernels, whatever the
// width of their tiles, give the same bits: each adds an element's
// products one k step at a time with fused multiply-adds, in the same k
// blocks, so a machine with AVX-512 trains to the same numbers as one
// with AVX2 alone. (The portable kernel rounds each product before adding
// it, and is only checked against gonum.)
func TestGemmKernelsSameBits(t *testing.T) {
	var fused []gemmKernelSpec[float64]
	for _, k := range gemmKernels {
		if k.name != gemmPortable.name {
			fused = append(fused, k)
		}
	}
	if len(fused) < 2 {
		t.Skipf("this processor runs %d assembly kernel(s); nothing to compare", len(fused))
	}
	r := rand.New(rand.NewPCG(13, 14))
	forGemmCases(func(g gemmCase) {
		a, lda, b, ldb, c, ldc := gemmOperands(r, g)
		want := append([]float64(nil), c...)
		runGemmKernel(fused[len(fused)-1], 1, g, a, lda, b, ldb, want, ldc)
		for _, k := range fused[:len(fused)-1] {
			got := append([]float64(nil), c...)
			runGemmKernel(k, 2, g, a, lda, b, ldb, got, ldc)
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("%v: C[%d] = %v with the %s, %v with the %s", g, i, got[i], k.name, want[i], fused[len(fused)-1].name)
				}
			}
		}
	})
}

// TestGoBLASDgemmBitIdenticalAcrossGOMAXPROCS checks that the split over
// goroutines never changes a single bit of the result.
func TestGoBLASDgemmBitIdenticalAcrossGOMAXPROCS(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	r := rand.New(rand.NewPCG(11, 12))
	for _, s := range [][3]int{{300, 257, 513}, {128, 784, 512}, {784, 128, 512}, {61, 1100, 130}, {37, 53, 71}} {
		for _, tt := range gemmTrans {
			g := gemmCase{tt[0], tt[1], s[0], s[1], s[2], 0.7, 0.3, 1}
			a, lda, b, ldb, c, ldc := gemmOperands(r, g)
			var first []float64
			for _, procs := range []int{1, 2, 3} {
				runtime.GOMAXPROCS(procs)
				got := append([]float64(nil), c...)
				goBLAS{}.Dgemm(g.tA, g.tB, g.m, g.n, g.k, g.alpha, a, lda, b, ldb, g.beta, got, ldc)
				// Also force the split directly, whatever the machine's cores.
				forced := append([]float64(nil), c...)
				runGemmKernel(gemmKernel, procs+2, g, a, lda, b, ldb, forced, ldc)
				if first == nil {
					first = got
				}
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(first[i]) || math.Float64bits(forced[i]) != math.Float64bits(first[i]) {
						t.Fatalf("%v: GOMAXPROCS=%d: C[%d] = %v (forced split %v), GOMAXPROCS=1 gave %v", g, procs, i, got[i], forced[i], first[i])
					}
				}
			}
		}
	}
}

func TestGoBLASPanicsLikeGonum(t *testing.T) {
	panicOf := func(f func()) (v any) {
		defer func() { v = recover() }()
		f()
		return nil
	}
	s := make([]float64, 12)
	cases := []struct {
		tA, tB        blas.Transpose
		m, n, k       int
		lda, ldb, ldc int
		la, lb, lc    int
	}{
		{'X', blas.NoTrans, 2, 2, 2, 2, 2, 2, 4, 4, 4},
		{blas.NoTrans, blas.NoTrans, -1, 2, 2, 2, 2, 2, 4, 4, 4},
		{blas.NoTrans, blas.NoTrans, 2, -1, 2, 2, 2, 2, 4, 4, 4},
		{blas.NoTrans, blas.NoTrans, 2, 2, -1, 2, 2, 2, 4, 4, 4},
		{blas.NoTrans, blas.NoTrans, 2, 3, 2, 1, 3, 3, 12, 12, 12},
		{blas.Trans, blas.NoTrans, 3, 2, 2, 2, 2, 2, 12, 12, 12},
		{blas.NoTrans, blas.Trans, 2, 2, 3, 3, 2, 2, 12, 12, 12},
		{blas.NoTrans, blas.NoTrans, 2, 3, 2, 2, 3, 2, 12, 12, 12},
		{blas.NoTrans, blas.NoTrans, 2, 2, 2, 2, 2, 2, 3, 4, 4},
		{blas.NoTrans, blas.NoTrans, 2, 2, 2, 2, 2, 2, 4, 3, 4},
		{blas.NoTrans, blas.NoTrans, 2, 2, 2, 2, 2, 2, 4, 4, 3},
		{blas.NoTrans, blas.NoTrans, 20, 20, 20, 20, 20, 20, 400, 400, 399},
	}
	for i, c := range cases {
		big := make([]float64, 400)
		pick := func(n int) []float64 {
			if n > len(s) {
				return big[:n]
			}
			return s[:n]
		}
		want := panicOf(func() {
			gonum.Implementation{}.Dgemm(c.tA, c.tB, c.m, c.n, c.k, 1, pick(c.la), c.lda, pick(c.lb), c.ldb, 0, pick(c.lc), c.ldc)
		})
		got := panicOf(func() {
			goBLAS{}.Dgemm(c.tA, c.tB, c.m, c.n, c.k, 1, pick(c.la), c.lda, pick(c.lb), c.ldb, 0, pick(c.lc), c.ldc)
		})
		if want == nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("case %d: goBLAS panicked with %v, gonum with %v", i, got, want)
		}
	}
}

func TestGoBLASInstalled(t *testing.T) {
	if strings.HasPrefix(BLAS(), "OpenBLAS") {
		t.Skip("built with -tags openblas")
	}
	if _, ok := blas64.Implementation().(goBLAS); !ok || !strings.HasPrefix(BLAS(), "luoxia Go") {
		t.Fatalf("blas64 uses %T, BLAS() = %q; want goBLAS", blas64.Implementation(), BLAS())
	}
}

// BenchmarkGoBLASDgemm compares the blocked Dgemm with gonum's on the
// shapes of a small MLP's forward (NN) and backward (TN, NT) products.
// Run with -cpu 1,2.
func BenchmarkGoBLASDgemm(b *testing.B) {
	shapes := []struct {
		name    string
		tA, tB  blas.Transpose
		m, n, k int
	}{
		{"NN/512x512x512", blas.NoTrans, blas.NoTrans, 512, 512, 512},
		{"NN/128x784x512", blas.NoTrans, blas.NoTrans, 128, 784, 512},
		{"TN/784x128x512", blas.Trans, blas.NoTrans, 784, 128, 512},
		{"NT/128x512x784", blas.NoTrans, blas.Trans, 128, 512, 784},
	}
	impls := []struct {
		name string
		impl blas.Float64
	}{{"gonum", gonum.Implementation{}}, {"luoxia", goBLAS{}}}
	for _, s := range shapes {
		g := gemmCase{tA: s.tA, tB: s.tB, m: s.m, n: s.n, k: s.k, alpha: 1, beta: 0}
		a, lda, bb, ldb, c, ldc := gemmOperands(rand.New(rand.NewPCG(1, 2)), g)
		for _, im := range impls {
			b.Run(s.name+"/"+im.name, func(b *testing.B) {
				for b.Loop() {
					im.impl.Dgemm(s.tA, s.tB, s.m, s.n, s.k, 1, a, lda, bb, ldb, 0, c, ldc)
				}
				b.ReportMetric(2*float64(s.m*s.n*s.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}

// TestPackingPadsWithZeros packs blocks of every width into buffers left
// full of NaN by an earlier product, and checks each packed number and
// that the padding of a last, partial panel is zero, for every kernel's
// panel width and both layouts of A and B.
func TestPackingPadsWithZeros(t *testing.T) {
	const kc = 5
	r := rand.New(rand.NewPCG(15, 16))
	for _, kernel := range gemmKernels {
		for _, trans := range []bool{false, true} {
			for _, size := range []int{1, 5, 6, 7, 8, 9, 15, 16, 17, 24} {
				// op(A) and op(B) of size x kc and kc x size, stored as
				// given (rows of 40, or transposed).
				src := make([]float64, 40*40)
				for i := range src {
					src[i] = r.NormFloat64()
				}
				at := func(i, k int) float64 { // op(M)[i, k] of a size x kc operand
					if trans {
						return src[k*40+i]
					}
					return src[i*40+k]
				}
				p := gemmProblem[float64]{transA: trans, transB: !trans, a: src, lda: 40, b: src, ldb: 40, kernel: kernel}
				// A's panels hold rows of op(A), B's columns of op(B), both
				// the same way: entry (i, k) of panel i/width at
				// k·width + i%width. op(B)[k, j] = at(j, k), stored the
				// other way round.
				checkPanels := func(what string, width int, pack func(dst []float64)) {
					panels := (size + width - 1) / width
					dst := make([]float64, panels*width*kc)
					for i := range dst {
						dst[i] = math.NaN()
					}
					pack(dst)
					for i := 0; i < panels*width; i++ {
						for k := 0; k < kc; k++ {
							got, want := dst[(i/width)*width*kc+k*width+i%width], 0.0
							if i < size {
								want = at(i, k)
							}
							if got != want {
								t.Fatalf("%s, %s, %d of them: packed entry %d at k = %d is %v, want %v", kernel.name, what, size, i, k, got, want)
							}
						}
					}
				}
				checkPanels(fmt.Sprintf("rows of A (stored transposed: %v)", trans), gemmMR, func(dst []float64) { p.packA(dst, 0, size, 0, kc) })
				checkPanels(fmt.Sprintf("columns of B (stored transposed: %v)", !trans), kernel.nr, func(dst []float64) { p.packB(dst, 0, kc, 0, size) })
			}
		}
	}
}
