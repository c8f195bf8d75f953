//go:build !amd64 || (cgo && openblas)

package tensor

// On processors other than amd64 every product uses the plain Go
// micro-kernel of gemm.go; the compiler may still fuse its multiply-adds
// where the architecture has such an instruction. So does the openblas
// build on amd64 (see gemm_amd64.go), where goBLAS is not installed.
var gemmKernels = []gemmKernelSpec{gemmPortable}

var gemmKernel = gemmPortable
