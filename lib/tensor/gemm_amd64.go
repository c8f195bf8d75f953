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

// gemmKernel is the micro-kernel every product uses, chosen once at start-up.
var gemmKernel, gemmKernelName = selectGemmKernel()

func selectGemmKernel() (func(int, []float64, []float64, []float64, int, float64, float64, bool), string) {
	if hasAVX2FMA() {
		return gemmKernelAVX2, "AVX2+FMA kernel"
	}
	return gemmKernelGo, "portable kernel"
}
