//go:build !(cgo && openblas)

package tensor

import "gonum.org/v1/gonum/blas/blas64"

// Unless the program is built with -tags openblas (and cgo), whose
// openblas.go installs OpenBLAS instead, every matrix product goes through
// goBLAS, the blocked Dgemm of gemm.go.
func init() {
	blas64.Use(goBLAS{})
	blasBackend = "luoxia Go (" + gemmKernel.name + ")"
}
