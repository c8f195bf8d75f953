//go:build amd64 && !(cgo && openblas)

package tensor

// Go assembly cannot live in a package that uses cgo (the Go tool would
// hand gemm_amd64.s to the C assembler), so with -tags openblas, whose
// openblas.go uses cgo, the portable kernel of gemm_other.go stands in;
// that build multiplies through OpenBLAS anyway.

// gemmKernelAVX2 is the micro-kernel of gemm_amd64.s: the same contract as
// gemmKernelGo (see gemm.go), computed with AVX2 and FMA instructions.
// The 6x8 tile of C is held in twelve of the sixteen YMM registers, each
// holding four doubles; two more hold a row of B and two the broadcast
// elements of A, so the whole k loop runs without touching C in memory.
//
//go:noescape
func gemmKernelAVX2(k int, a, b, c []float64, ldc int, alpha, beta float64, load bool)

// gemmKernelAVX512 is the same kernel for a 6x16 tile in twelve of the 32
// ZMM registers, eight doubles each: twice the arithmetic per instruction,
// and the same result to the bit as gemmKernelAVX2.
//
//go:noescape
func gemmKernelAVX512(k int, a, b, c []float64, ldc int, alpha, beta float64, load bool)

// axpyAVX512 and axpyAVX2 set y[j] = a·x[j] + y[j] for j < len(y), with
// one fused multiply-add each, eight or four lanes at a time; x must be
// at least as long as y.
//
//go:noescape
func axpyAVX512(a float64, x, y []float64)

//go:noescape
func axpyAVX2(a float64, x, y []float64)

// cpuid executes the CPUID instruction for a leaf and sub-leaf.
func cpuid(leaf, sub uint32) (eax, ebx, ecx, edx uint32)

// xgetbv reads the extended control register XCR0, which says which
// register state the operating system saves on a context switch.
func xgetbv() (eax, edx uint32)

// hasAVX2FMA reports whether both the processor and the operating system
// support AVX2 and FMA. The processor must have the instructions (CPUID),
// and the operating system must save the upper halves of the YMM
// registers across context switches (OSXSAVE set and XCR0 bits 1 and 2),
// or a goroutine switch could silently corrupt the accumulators.
func hasAVX2FMA() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		fma     = 1 << 12
		osxsave = 1 << 27
		avx     = 1 << 28
	)
	if ecx1&(fma|osxsave|avx) != fma|osxsave|avx {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 { // XMM and YMM state enabled
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<5) != 0 // AVX2
}

// hasAVX512F reports whether the processor has AVX-512 Foundation and its
// vector-length extensions, which the float32 packing's masked 256-bit
// stores use (CPUID leaf 7, EBX bits 16 and 31; every AVX-512 processor
// but Xeon Phi has both), and the operating system saves the opmask
// registers and all 512 bits of the 32 ZMM registers (XCR0 bits 5, 6 and
// 7), on top of what hasAVX2FMA requires.
func hasAVX512F() bool {
	if !hasAVX2FMA() {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&0xe0 != 0xe0 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	const f, vl = 1 << 16, 1 << 31
	return ebx7&(f|vl) == f|vl
}

// gemmKernels lists the micro-kernels this processor can run, fastest
// first; gemmKernel, the one every product uses, is the first.
var gemmKernels = func() []gemmKernelSpec[float64] {
	var ks []gemmKernelSpec[float64]
	if hasAVX512F() {
		ks = append(ks, gemmKernelSpec[float64]{name: "AVX-512 kernel", nr: 16, fused: true, fn: gemmKernelAVX512, axpy: axpyAVX512})
	}
	if hasAVX2FMA() {
		ks = append(ks, gemmKernelSpec[float64]{name: "AVX2+FMA kernel", nr: 8, fused: true, fn: gemmKernelAVX2, axpy: axpyAVX2})
	}
	return append(ks, gemmPortable)
}()

var gemmKernel = gemmKernels[0]
