package tensor

// A blocked matrix product in the manner of Goto and van de Geijn ("Anatomy
// of High-Performance Matrix Multiplication", 2008) and of BLIS.
//
// C = alpha·op(A)·op(B) + beta·C costs 2·m·n·k floating-point operations on
// only m·k + k·n + m·n numbers, so a fast product is one that keeps numbers
// close to the arithmetic units and reuses them many times. The loops are
// arranged in five levels around a tiny core:
//
//	for jc over n in steps of gemmNC:          a column block of C and op(B)
//	  for pc over k in steps of gemmKC:        a slice of the inner dimension
//	    pack op(B)[pc:pc+kc, jc:jc+nc]         -> kc x nc, lives in L3/L2
//	    for ic over m in steps of gemmMC:
//	      pack op(A)[ic:ic+mc, pc:pc+kc]       -> mc x kc, lives in L2
//	      for jr over nc in steps of NR:       one packed panel of B, in L1
//	        for ir over mc in steps of MR:     one packed panel of A
//	          micro-kernel: C[ir:ir+MR, jr:jr+NR] += A panel · B panel
//
// Packing copies a block of op(A) or op(B) into a contiguous buffer in the
// exact order the micro-kernel reads it: A as panels MR rows tall, stored
// column by column (MR numbers for each k), and B as panels NR columns wide,
// stored row by row (NR numbers for each k). The kernel then walks both with
// unit stride whatever the strides and transposes of the caller's matrices,
// so transposition costs nothing beyond the copy, which is O(m·k + k·n)
// against the O(m·n·k) arithmetic. Packing also zero-pads the last panel
// when m or n is not a multiple of MR or NR, so the kernel never needs an
// edge case; the few edge tiles of C go through a small buffer instead.
//
// The micro-kernel keeps an MR x NR tile of C in registers for the whole k
// loop: each step loads NR numbers of B, broadcasts MR numbers of A and
// does MR·NR multiply-adds, so memory traffic per flop falls as the tile
// grows. With AVX2 (gemm_amd64.s) the tile is 6 x 8: twelve 4-wide YMM
// accumulators, two registers for B and two for broadcasts, 16 in all.
// With AVX-512 it is 6 x 16, the same twelve accumulators 8 wide. MR is
// the same for every kernel; NR belongs to the kernel (gemmKernelSpec).
// Products in float32 (gemm32.go) run these same loops on float32 panels,
// with kernels whose accumulators hold twice as many numbers: 6 x 32 with
// AVX-512, 6 x 16 with AVX2.

import (
	"runtime"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

const (
	gemmMR = 6 // rows of the micro-kernel's register tile
	// gemmNRMax is the widest register tile of any kernel (AVX-512 float32).
	gemmNRMax = 32

	// gemmKC is the depth of a k block: one packed panel of B (KC·NR·8 =
	// 16 KiB with NR = 8, 32 KiB with 16) stays in the L1 cache while the
	// kernel sweeps every panel of A past it. It also fixes where each
	// element's sum over k is cut into blocks, hence its rounding: it is
	// the same for every kernel.
	gemmKC = 256
	// gemmMC is the height of a packed block of A (MC·KC·8 = 192 KiB),
	// sized to stay in L2 while all of B's panels stream through.
	gemmMC = 96
	// gemmNC is the width of a packed block of B (KC·NC·8 = 2 MiB).
	gemmNC = 1024

	// gemmParallelWork is the smallest m·n·k worth splitting across goroutines.
	gemmParallelWork = 1 << 18
	// gemmSmallWork: products below this go to gonum's unblocked code,
	// for which packing would cost more than it saves.
	gemmSmallWork = 1 << 9
)

// goBLAS is the blas.Float64 that tensor installs in blas64 (gemm_install.go):
// gonum's pure-Go implementation with Dgemm replaced by the blocked product
// of this file. Every other routine is gonum's, through the embedding.
type goBLAS struct{ gonum.Implementation }

// Dgemm computes C = alpha·op(A)·op(B) + beta·C, where op(A) is m×k, op(B)
// is k×n and C is m×n, all row-major with row strides lda, ldb and ldc.
// It checks its arguments as gonum does, with gonum's panic messages.
func (g goBLAS) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	gemmCheck(tA, tB, m, n, k, a, lda, b, ldb, c, ldc)
	if m == 0 || n == 0 {
		return
	}
	// Gonum handles the products that only scale C (k = 0, alpha = 0) and
	// the tiny ones. The choice depends on the shape alone, never on the
	// number of threads, so results stay reproducible.
	if k == 0 || alpha == 0 || m*n*k < gemmSmallWork {
		g.Implementation.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	p := gemmProblem[float64]{
		transA: tA != blas.NoTrans, transB: tB != blas.NoTrans,
		m: m, n: n, k: k, alpha: alpha, beta: beta,
		a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
		kernel: gemmKernel,
	}
	if m <= gemmRowsMax {
		p.rows(runtime.GOMAXPROCS(0)) // a few rows: no packing (gemm_rows.go)
		return
	}
	p.run(runtime.GOMAXPROCS(0))
}

// gemmCheck panics, with gonum's messages, on arguments gonum's Dgemm rejects.
func gemmCheck(tA, tB blas.Transpose, m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	valid := func(t blas.Transpose) bool { return t == blas.NoTrans || t == blas.Trans || t == blas.ConjTrans }
	if !valid(tA) || !valid(tB) {
		panic("blas: illegal transpose")
	}
	switch {
	case m < 0:
		panic("blas: m < 0")
	case n < 0:
		panic("blas: n < 0")
	case k < 0:
		panic("blas: k < 0")
	}
	ar, ac := m, k // A as stored: ar rows of ac columns
	if tA != blas.NoTrans {
		ar, ac = k, m
	}
	br, bc := k, n
	if tB != blas.NoTrans {
		br, bc = n, k
	}
	switch {
	case lda < max(1, ac):
		panic("blas: bad leading dimension of A")
	case ldb < max(1, bc):
		panic("blas: bad leading dimension of B")
	case ldc < max(1, n):
		panic("blas: bad leading dimension of C")
	}
	if m == 0 || n == 0 {
		return
	}
	switch {
	case len(a) < (ar-1)*lda+ac:
		panic("blas: insufficient length of a")
	case len(b) < (br-1)*ldb+bc:
		panic("blas: insufficient length of b")
	case len(c) < (m-1)*ldc+n:
		panic("blas: insufficient length of c")
	}
}

// gemmMicroKernel computes one MR x NR tile: with T = alpha·(a·b), where a
// is a packed A panel (k steps of MR numbers) and b a packed B panel (k
// steps of NR numbers), it stores C = beta·C + T if load is set and C = T
// otherwise, never reading C then (so beta = 0 overwrites NaN, as BLAS
// requires). c holds the tile's rows ldc apart.
//
// E is the type of the packed panels: float64, or float32 for the products
// of gemm32.go, whose kernels read float32 panels and still write C in
// float64.
type gemmMicroKernel[E gemmFloat] func(k int, a, b []E, c []float64, ldc int, alpha, beta float64, load bool)

// gemmFloat is the type of the numbers in packed panels.
type gemmFloat interface{ float32 | float64 }

// gemmKernelSpec is a micro-kernel with the width NR of its tile; packing
// lays out B in panels of that width. fused says whether it adds each
// product with a fused multiply-add, one rounding, as the assembly kernels
// do; the portable kernel writes a*b + c in Go, which the compiler fuses
// or not depending on the architecture (gemm_rows.go writes it alike).
//
// axpy, which every fused float64 kernel has, is the same arithmetic for a
// single row: y[j] = a·x[j] + y[j] for every j, one fused multiply-add
// each (gemm_rows.go); a float32 kernel's rounds x[j] to float32 first.
type gemmKernelSpec[E gemmFloat] struct {
	name  string
	nr    int
	fused bool
	fn    gemmMicroKernel[E]
	axpy  func(a E, x []float64, y []E)
	// packA and packB, if set, pack in place of the methods of the same
	// names, with the same results (gemm32_amd64.go).
	packA func(p *gemmProblem[E], dst []E, ic, mc, pc, kc int)
	packB func(p *gemmProblem[E], dst []E, pc, kc, jc, nc int)
}

// gemmPortable is the plain Go kernel, which runs everywhere.
var gemmPortable = gemmKernelSpec[float64]{name: "portable kernel", nr: gemmNRPortable, fn: gemmKernelGo}

// gemmProblem is one call of Dgemm, already checked, or of gemm32 when E
// is float32. Whatever E, A, B and C hold float64: packing converts.
type gemmProblem[E gemmFloat] struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float64
	a, b, c        []float64
	lda, ldb, ldc  int
	kernel         gemmKernelSpec[E]
}

// run computes the product on up to workers goroutines.
//
// The work is split over C only: each goroutine owns a band of whole rows
// or of whole columns of C and runs the complete blocked algorithm on it,
// packing its own blocks of A and B. Splitting k instead would let several
// goroutines add partial sums into the same element of C, and the order of
// those additions, hence the rounding, would change with the number of
// goroutines. Here every element of C is accumulated by one kernel call per
// k block, over the same k blocks in the same order, whatever the split:
// band edges fall on multiples of MR or NR, so a tile is never cut
// differently, and edge tiles go through the very same kernel. Results are
// bit-identical at any GOMAXPROCS.
//
// The band is cut across the larger of m and n: each goroutine then repacks
// all of the smaller operand, which costs little next to its share of the
// arithmetic.
func (p *gemmProblem[E]) run(workers int) {
	if workers <= 1 || p.m*p.n*p.k < gemmParallelWork {
		p.block(0, p.m, 0, p.n)
		return
	}
	rows := p.m > p.n // cut bands of rows, else of columns
	size, unit := p.n, p.kernel.nr
	if rows {
		size, unit = p.m, gemmMR
	}
	tiles := (size + unit - 1) / unit
	workers = min(workers, tiles)
	if workers <= 1 {
		p.block(0, p.m, 0, p.n)
		return
	}
	per := (tiles + workers - 1) / workers * unit // band width, a multiple of unit
	var wg sync.WaitGroup
	for lo := per; lo < size; lo += per {
		hi := min(lo+per, size)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if rows {
				p.block(lo, hi, 0, p.n)
			} else {
				p.block(0, p.m, lo, hi)
			}
		}()
	}
	if rows {
		p.block(0, min(per, size), 0, p.n) // the first band on this goroutine
	} else {
		p.block(0, p.m, 0, min(per, size))
	}
	wg.Wait()
}

// gemmBuf holds one goroutine's packing buffers, and a tile for the edges
// of C (kept here because a local array passed to the kernel, a function
// value, would be allocated on the heap at every call).
type gemmBuf[E gemmFloat] struct {
	a, b []E
	edge [gemmMR * gemmNRMax]float64
}

// gemmBuffers keeps a few packing buffers between products, so repeated
// products neither allocate nor page in fresh memory. Unlike a sync.Pool
// it is not emptied by every garbage collection, which in a training loop
// (many collections a second) would mean a new 2 MiB buffer per product;
// the price is that up to cap(gemmBuffers) buffers stay allocated.
// Float32 products keep theirs in gemmBuffers32.
var (
	gemmBuffers   = make(chan *gemmBuf[float64], 4)
	gemmBuffers32 = make(chan *gemmBuf[float32], 4)
)

// gemmPool returns the buffers kept for panels of E.
func gemmPool[E gemmFloat]() chan *gemmBuf[E] {
	var pool any = gemmBuffers
	if _, ok := any(E(0)).(float32); ok {
		pool = gemmBuffers32
	}
	return pool.(chan *gemmBuf[E])
}

// getGemmBuf returns buffers for packing an mc x kc block of A and a
// kc x nc block of B in panels nr wide.
func getGemmBuf[E gemmFloat](mc, kc, nc, nr int) *gemmBuf[E] {
	var buf *gemmBuf[E]
	select {
	case buf = <-gemmPool[E]():
	default:
		buf = new(gemmBuf[E])
	}
	// Round up to whole panels: packing zero-pads the last one.
	na := (mc + gemmMR - 1) / gemmMR * gemmMR * kc
	nb := (nc + nr - 1) / nr * nr * kc
	if len(buf.a) < na {
		buf.a = make([]E, na)
	}
	if len(buf.b) < nb {
		buf.b = make([]E, nb)
	}
	return buf
}

func putGemmBuf[E gemmFloat](buf *gemmBuf[E]) {
	select {
	case gemmPool[E]() <- buf:
	default: // enough buffers kept already; let this one go
	}
}

// block computes rows [i0, i1) and columns [j0, j1) of C with the five
// loops described at the top of the file.
func (p *gemmProblem[E]) block(i0, i1, j0, j1 int) {
	buf := getGemmBuf[E](min(gemmMC, i1-i0), min(gemmKC, p.k), min(gemmNC, j1-j0), p.kernel.nr)
	defer putGemmBuf(buf)
	for jc := j0; jc < j1; jc += gemmNC {
		nc := min(gemmNC, j1-jc)
		for pc := 0; pc < p.k; pc += gemmKC {
			kc := min(gemmKC, p.k-pc)
			// beta belongs to the first k block only: later blocks add to
			// what the earlier ones left in C.
			beta, load := 1.0, true
			if pc == 0 {
				beta, load = p.beta, p.beta != 0
			}
			if p.kernel.packB != nil {
				p.kernel.packB(p, buf.b, pc, kc, jc, nc)
			} else {
				p.packB(buf.b, pc, kc, jc, nc)
			}
			for ic := i0; ic < i1; ic += gemmMC {
				mc := min(gemmMC, i1-ic)
				if p.kernel.packA != nil {
					p.kernel.packA(p, buf.a, ic, mc, pc, kc)
				} else {
					p.packA(buf.a, ic, mc, pc, kc)
				}
				p.macroKernel(buf, ic, mc, jc, nc, kc, beta, load)
			}
		}
	}
}

// macroKernel multiplies a packed mc x kc block of A by a packed kc x nc
// block of B into C[ic:ic+mc, jc:jc+nc], one register tile at a time. The
// panel of B is the outer loop: it stays in L1 while every panel of A, from
// L2, passes it.
func (p *gemmProblem[E]) macroKernel(buf *gemmBuf[E], ic, mc, jc, nc, kc int, beta float64, load bool) {
	pa, pb := buf.a, buf.b
	NR, kernel := p.kernel.nr, p.kernel.fn
	edge := buf.edge[:gemmMR*NR]
	for jr := 0; jr < nc; jr += NR {
		nr := min(NR, nc-jr)
		bp := pb[jr*kc : (jr+NR)*kc]
		for ir := 0; ir < mc; ir += gemmMR {
			mr := min(gemmMR, mc-ir)
			ap := pa[ir*kc : (ir+gemmMR)*kc]
			ci := (ic+ir)*p.ldc + jc + jr
			if mr == gemmMR && nr == NR {
				kernel(kc, ap, bp, p.c[ci:ci+(gemmMR-1)*p.ldc+NR], p.ldc, p.alpha, beta, load)
				continue
			}
			// An edge tile: copy the part of C that exists into a full
			// tile, run the same kernel on it and copy the part back.
			for i := 0; i < mr; i++ {
				copy(edge[i*NR:i*NR+nr], p.c[ci+i*p.ldc:ci+i*p.ldc+nr])
			}
			kernel(kc, ap, bp, edge, NR, p.alpha, beta, load)
			for i := 0; i < mr; i++ {
				copy(p.c[ci+i*p.ldc:ci+i*p.ldc+nr], edge[i*NR:i*NR+nr])
			}
		}
	}
}

// packA copies op(A)[ic:ic+mc, pc:pc+kc] into dst as panels of MR rows:
// panel r holds, for each of the kc steps, the MR numbers of one column,
// rows beyond mc filled with zeros.
func (p *gemmProblem[E]) packA(dst []E, ic, mc, pc, kc int) {
	a, lda := p.a, p.lda
	for ir := 0; ir < mc; ir += gemmMR {
		mr := min(gemmMR, mc-ir)
		panel := dst[ir*kc : (ir+gemmMR)*kc]
		if !p.transA && mr == gemmMR {
			// A full panel: read its MR rows side by side and write each
			// step's MR numbers together, so the writes are contiguous
			// and the slices' lengths, known to the compiler, spare it
			// the bounds checks.
			at := (ic+ir)*lda + pc // where the panel's first row starts
			r0, r1, r2 := a[at:][:kc], a[at+lda:][:kc], a[at+2*lda:][:kc]
			r3, r4, r5 := a[at+3*lda:][:kc], a[at+4*lda:][:kc], a[at+5*lda:][:kc]
			for kk := 0; kk < kc; kk++ {
				d := panel[kk*gemmMR : kk*gemmMR+gemmMR : kk*gemmMR+gemmMR]
				d[0], d[1], d[2], d[3], d[4], d[5] = E(r0[kk]), E(r1[kk]), E(r2[kk]), E(r3[kk]), E(r4[kk]), E(r5[kk])
			}
			continue
		}
		if !p.transA {
			// Rows of A are contiguous in k: read each row, write it
			// every MR places.
			for i := 0; i < mr; i++ {
				row := a[(ic+ir+i)*lda+pc : (ic+ir+i)*lda+pc+kc]
				for kk, v := range row {
					panel[kk*gemmMR+i] = E(v)
				}
			}
			for i := mr; i < gemmMR; i++ {
				for kk := 0; kk < kc; kk++ {
					panel[kk*gemmMR+i] = 0
				}
			}
			continue
		}
		// A is stored transposed: the MR numbers of one step are
		// contiguous in memory already.
		for kk := 0; kk < kc; kk++ {
			src := a[(pc+kk)*lda+ic+ir:]
			d := panel[kk*gemmMR : kk*gemmMR+gemmMR : kk*gemmMR+gemmMR]
			if mr == gemmMR {
				s := src[:gemmMR:gemmMR]
				d[0], d[1], d[2], d[3], d[4], d[5] = E(s[0]), E(s[1]), E(s[2]), E(s[3]), E(s[4]), E(s[5])
				continue
			}
			for i := range mr {
				d[i] = E(src[i])
			}
			clear(d[mr:])
		}
	}
}

// packB copies op(B)[pc:pc+kc, jc:jc+nc] into dst as panels of NR columns
// (the kernel's width): panel j holds, for each of the kc steps, the NR
// numbers of one row, columns beyond nc filled with zeros.
func (p *gemmProblem[E]) packB(dst []E, pc, kc, jc, nc int) {
	b, ldb, NR := p.b, p.ldb, p.kernel.nr
	for jr := 0; jr < nc; jr += NR {
		nr := min(NR, nc-jr)
		panel := dst[jr*kc : (jr+NR)*kc]
		if !p.transB {
			// Each step's numbers are contiguous in a row of B.
			for kk := 0; kk < kc; kk++ {
				src := b[(pc+kk)*ldb+jc+jr:]
				d := panel[kk*NR : kk*NR+NR]
				if nr == NR {
					packRow(d, src[:NR])
					continue
				}
				packRow(d[:nr], src[:nr])
				clear(d[nr:])
			}
			continue
		}
		// B is stored transposed: the panel's columns are rows in memory.
		// Read eight of them side by side, as packA reads A's rows, and
		// write each step's eight numbers together.
		j := 0
		for ; j+8 <= nr; j += 8 {
			at := (jc+jr+j)*ldb + pc
			c0, c1, c2, c3 := b[at:][:kc], b[at+ldb:][:kc], b[at+2*ldb:][:kc], b[at+3*ldb:][:kc]
			c4, c5, c6, c7 := b[at+4*ldb:][:kc], b[at+5*ldb:][:kc], b[at+6*ldb:][:kc], b[at+7*ldb:][:kc]
			for kk := 0; kk < kc; kk++ {
				d := panel[kk*NR+j : kk*NR+j+8 : kk*NR+j+8]
				d[0], d[1], d[2], d[3] = E(c0[kk]), E(c1[kk]), E(c2[kk]), E(c3[kk])
				d[4], d[5], d[6], d[7] = E(c4[kk]), E(c5[kk]), E(c6[kk]), E(c7[kk])
			}
		}
		for ; j < nr; j++ {
			col := b[(jc+jr+j)*ldb+pc : (jc+jr+j)*ldb+pc+kc]
			for kk, v := range col {
				panel[kk*NR+j] = E(v)
			}
		}
		for ; j < NR; j++ {
			for kk := 0; kk < kc; kk++ {
				panel[kk*NR+j] = 0
			}
		}
	}
}

// gemmNRPortable is the width of the portable kernel's tile.
const gemmNRPortable = 8

// gemmKernelGo is the portable micro-kernel (the contract is
// gemmMicroKernel's). It mirrors the assembly one: the tile accumulates in
// local variables, one row of eight at a time per k step, which the
// compiler can keep in registers far better than an array.
func gemmKernelGo(k int, a, b, c []float64, ldc int, alpha, beta float64, load bool) {
	var t [gemmMR][gemmNRPortable]float64
	a = a[:k*gemmMR]
	b = b[:k*gemmNRPortable]
	for i := 0; i < gemmMR; i++ {
		var t0, t1, t2, t3, t4, t5, t6, t7 float64
		for kk := 0; kk < k; kk++ {
			ai := a[kk*gemmMR+i]
			bk := b[kk*gemmNRPortable : kk*gemmNRPortable+gemmNRPortable : kk*gemmNRPortable+gemmNRPortable]
			t0 += ai * bk[0]
			t1 += ai * bk[1]
			t2 += ai * bk[2]
			t3 += ai * bk[3]
			t4 += ai * bk[4]
			t5 += ai * bk[5]
			t6 += ai * bk[6]
			t7 += ai * bk[7]
		}
		t[i] = [gemmNRPortable]float64{t0, t1, t2, t3, t4, t5, t6, t7}
	}
	for i := range t {
		row := c[i*ldc : i*ldc+gemmNRPortable]
		for j, v := range t[i] {
			v *= alpha
			if load {
				v += beta * row[j]
			}
			row[j] = v
		}
	}
}

// packRow copies src into dst, rounding each number to E. For float64
// panels, moves of a fixed size, which the compiler unrolls, beat a call
// to copy for every eight or sixteen numbers.
func packRow[E gemmFloat](dst []E, src []float64) {
	p, ok := any(&dst).(*[]float64) // a pointer in the interface: nothing allocated
	if !ok {
		for i, v := range src[:len(dst)] {
			dst[i] = E(v)
		}
		return
	}
	switch d := *p; len(d) {
	case 16:
		*(*[16]float64)(d) = *(*[16]float64)(src)
	case 8:
		*(*[8]float64)(d) = *(*[8]float64)(src)
	default:
		copy(d, src)
	}
}
