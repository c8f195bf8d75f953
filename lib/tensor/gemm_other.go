//go:build !amd64 || (cgo && openblas)

package tensor

// On processors other than amd64 every product uses the plain Go
// micro-kernel of gemm.go; the compiler may still fuse its multiply-adds
// where the architecture has such an instruction. So does the openblas
// build on amd64 (see gemm_amd64.go), where goBLAS is not installed.
var gemmKernels = []gemmKernelSpec[float64]{gemmPortable}

var gemmKernel = gemmPortable

// Float32 products use the portable float32 kernel, and GELU and softmax
// in float32 their Go versions, which give the bits the assembly gives
// on amd64 (gemm32.go, gelu.go, softmax32.go).
var gemm32Kernels = []gemmKernelSpec[float32]{gemmPortable32}

var gemm32Kernel = gemmPortable32

var geluVector func(x, y, dy []float64, c *[21]float64)

var softmaxVector func(x, y []float64, m float64, c *[21]float64)
