package tensor

import (
	"math"
	"sync"
)

// A product of a few rows, such as one token's step through a layer when a
// model generates text with its KV cache (or a beam of four tokens), is a
// poor fit for the blocked product: packing op(B) reads and writes every
// number of it to use each a few times at most, and the micro-kernel's
// tile of six rows is mostly padding. rows computes such products straight
// from A and B instead.
//
// It must give the same bits as the blocked product, so that a model
// generating one token at a time computes exactly what it computes on a
// whole batch: every element of C is summed over k in the same blocks of
// gemmKC, one step at a time in the same order, from zero, then scaled by
// alpha and added to beta·C with the same roundings as the kernel that
// p.kernel names (fused multiply-adds for the assembly kernels, separate
// products and sums for the portable one). A test checks this against
// the blocked product for every kernel. Float32 products come here too,
// when op(B) is B as stored: their axpy rounds each x[j] to float32 and
// adds a·x[j] to y[j] in float32, one rounding, as their kernels do.

// gemmRowsMax is the most rows a product may have to go through rows.
// Measured with BenchmarkGemmRows at one thread, rows of 128 by a
// 128 x 384 matrix (AVX-512): one row takes 6.8 µs against the blocked
// product's 21, two 8.2 against 19, four 14.9 against 20, six 23 against
// 18.5.
const gemmRowsMax = 4

// rows computes the product, as gemmProblem.run does, for few rows, on
// up to workers goroutines, each with a band of C's columns; as in run,
// the split changes no element's arithmetic.
func (p *gemmProblem[E]) rows(workers int) {
	if workers <= 1 || p.m*p.n*p.k < gemmParallelWork {
		p.rowsBand(0, p.n)
		return
	}
	per := ((p.n+workers-1)/workers + 7) &^ 7 // band width, whole cache lines
	var wg sync.WaitGroup
	for lo := per; lo < p.n; lo += per {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.rowsBand(lo, min(lo+per, p.n))
		}()
	}
	p.rowsBand(0, min(per, p.n))
	wg.Wait()
}

// rowsBand computes columns [j0, j1) of the product.
func (p *gemmProblem[E]) rowsBand(j0, j1 int) {
	t := make([]E, j1-j0) // one row's sums over a k block
	for i := 0; i < p.m; i++ {
		crow := p.c[i*p.ldc+j0 : i*p.ldc+j1]
		for pc := 0; pc < p.k; pc += gemmKC {
			kc := min(gemmKC, p.k-pc)
			if p.transB {
				p.rowBlockDots(t, i, j0, pc, kc)
			} else {
				p.rowBlockAxpys(t, i, j0, pc, kc)
			}
			beta, load := 1.0, true
			if pc == 0 {
				beta, load = p.beta, p.beta != 0
			}
			if p.kernel.fused {
				for j, tj := range t {
					v := float64(tj) * p.alpha
					if load {
						v = math.FMA(beta, crow[j], v)
					}
					crow[j] = v
				}
				continue
			}
			for j, tj := range t {
				v := float64(tj) * p.alpha
				if load {
					v += beta * crow[j]
				}
				crow[j] = v
			}
		}
	}
}

// aAt returns op(A)[i, k].
func (p *gemmProblem[E]) aAt(i, k int) float64 {
	if p.transA {
		return p.a[k*p.lda+i]
	}
	return p.a[i*p.lda+k]
}

// rowBlockAxpys sets t[j] to the sum over k in [pc, pc+kc) of
// op(A)[i, k]·B[k, j0+j], B stored untransposed: for each k in turn, that
// stretch of row k of B, scaled, is added to all of t, so each t[j]
// gathers its terms in the order of k.
func (p *gemmProblem[E]) rowBlockAxpys(t []E, i, j0, pc, kc int) {
	clear(t)
	n := len(t)
	for k := pc; k < pc+kc; k++ {
		av := E(p.aAt(i, k))
		brow := p.b[k*p.ldb+j0 : k*p.ldb+j0+n]
		if p.kernel.fused {
			p.kernel.axpy(av, brow, t)
			continue
		}
		for j, bv := range brow {
			t[j] += av * E(bv)
		}
	}
}

// rowBlockDots does the same with B stored transposed, where column j of
// op(B) is a row in memory: t[j] is then a dot product over k, taken in
// the order of k. It is float64's alone: gemm32 sends no product with B
// transposed here.
func (p *gemmProblem[E]) rowBlockDots(t []E, i, j0, pc, kc int) {
	for j := range t {
		bcol := p.b[(j0+j)*p.ldb+pc : (j0+j)*p.ldb+pc+kc]
		s := 0.0
		if p.kernel.fused {
			for kk, bv := range bcol {
				s = math.FMA(p.aAt(i, pc+kk), bv, s)
			}
		} else {
			for kk, bv := range bcol {
				s += p.aAt(i, pc+kk) * bv
			}
		}
		t[j] = E(s)
	}
}
