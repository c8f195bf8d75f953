//go:build amd64 && !(cgo && openblas)

package tensor

// gemmKernel32AVX512 is the float32 micro-kernel of gemm32_amd64.s for a
// 6x32 tile in twelve ZMM registers of sixteen floats (gemm32.go).
//
//go:noescape
func gemmKernel32AVX512(k int, a, b []float32, c []float64, ldc int, alpha, beta float64, load bool)

// gemmKernel32AVX2 is the same kernel for a 6x16 tile in twelve YMM
// registers of eight floats, giving the same bits.
//
//go:noescape
func gemmKernel32AVX2(k int, a, b []float32, c []float64, ldc int, alpha, beta float64, load bool)

// gemm32Kernels lists the float32 micro-kernels this processor can run,
// fastest first; gemm32Kernel, the one every float32 product uses, is the
// first.
var gemm32Kernels = func() []gemmKernelSpec[float32] {
	var ks []gemmKernelSpec[float32]
	if hasAVX512F() {
		ks = append(ks, gemmKernelSpec[float32]{name: "AVX-512 float32 kernel", nr: 32, fused: true, fn: gemmKernel32AVX512,
			axpy: axpy32AVX512, packA: packA32AVX512, packB: packB32AVX512})
	}
	if hasAVX2FMA() {
		ks = append(ks, gemmKernelSpec[float32]{name: "AVX2+FMA float32 kernel", nr: 16, fused: true, fn: gemmKernel32AVX2, axpy: axpy32Go})
	}
	return append(ks, gemmPortable32)
}()

var gemm32Kernel = gemm32Kernels[0]

// axpy32AVX512 is axpy32Go sixteen numbers at a time (gemm32_amd64.s); x
// must be at least as long as y.
//
//go:noescape
func axpy32AVX512(a float32, x []float64, y []float32)

// packA32NAVX512 packs one full panel of A stored untransposed (six
// rows), packA32TAVX512 several of A stored transposed, packB32NAVX512 one
// of B stored untransposed (32 columns), rounding to float32 six or more
// numbers an instruction (gemm32_amd64.s). src starts at the first
// panel's first number.
//
//go:noescape
func packA32NAVX512(dst []float32, src []float64, lda, kc int, t *packA32Tables)

// packA32Tables are the permutations packA32NAVX512 applies to eight
// steps of six rows, loaded as rows 0|1, 2|3 and 4|5 side by side, sixteen
// floats each (row 2j+h, step k at index 8h + k of pair j): for each of
// the three stores of sixteen packed numbers, ab indexes pairs 0 and 1 as
// one table of 32, c indexes pair 2, and mask marks the numbers taken
// from pair 2.
type packA32Tables struct {
	ab, c [3][16]uint32
	mask  [3]uint16
}

var packA32Perm = func() *packA32Tables {
	t := new(packA32Tables)
	for q := 0; q < 48; q++ { // packed number q: step q/6, row q%6
		o, p := q/16, q%16
		k, i := q/gemmMR, q%gemmMR
		at := uint32(8*(i%2) + k) // where in its pair
		switch pair := i / 2; pair {
		case 0, 1:
			t.ab[o][p] = 16*uint32(pair) + at
		case 2:
			t.c[o][p] = at
			t.mask[o] |= 1 << p
		}
	}
	return t
}()

//go:noescape
func packA32TAVX512(dst []float32, src []float64, lda, kc, panels int)

//go:noescape
func packB32NAVX512(dst []float32, src []float64, ldb, kc int)

// packA32AVX512 is packA with the full panels packed in assembly; the
// last, partial one, if any, goes through packA.
func packA32AVX512(p *gemmProblem[float32], dst []float32, ic, mc, pc, kc int) {
	full := mc / gemmMR * gemmMR
	switch {
	case full == 0:
	case p.transA:
		at := pc*p.lda + ic
		packA32TAVX512(dst[:full*kc], p.a[at:at+(kc-1)*p.lda+full], p.lda, kc, full/gemmMR)
	default:
		for ir := 0; ir < full; ir += gemmMR {
			// Eight steps at a time in assembly, the rest here.
			panel := dst[ir*kc : (ir+gemmMR)*kc]
			at, k8 := (ic+ir)*p.lda+pc, kc&^7
			packA32NAVX512(panel, p.a[at:at+(gemmMR-1)*p.lda+kc], p.lda, k8, packA32Perm)
			for kk := k8; kk < kc; kk++ {
				for i := range gemmMR {
					panel[kk*gemmMR+i] = float32(p.a[at+i*p.lda+kk])
				}
			}
		}
	}
	if full < mc {
		p.packA(dst[full*kc:], ic+full, mc-full, pc, kc)
	}
}

// packB32AVX512 is packB with the full panels of a B stored untransposed
// packed in assembly; the rest goes through packB.
func packB32AVX512(p *gemmProblem[float32], dst []float32, pc, kc, jc, nc int) {
	const nr = 32
	full := 0
	if !p.transB && p.kernel.nr == nr {
		full = nc / nr * nr
	}
	for jr := 0; jr < full; jr += nr {
		at := pc*p.ldb + jc + jr
		packB32NAVX512(dst[jr*kc:(jr+nr)*kc], p.b[at:at+(kc-1)*p.ldb+nr], p.ldb, kc)
	}
	if full < nc {
		p.packB(dst[full*kc:], pc, kc, jc+full, nc-full)
	}
}
