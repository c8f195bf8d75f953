package bench

import (
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// matmulN is the side of BenchmarkMatMul's square matrices, the size
// mlp_step.py's matmul512 uses too.
const matmulN = 512

// BenchmarkMatMul times one 512x512 by 512x512 product through
// tensor.MatMul, a fresh result each time, and reports GFLOP/s counting a
// multiply-add as two flops. Whichever BLAS the build installed does the
// work: gonum's pure Go by default, OpenBLAS with -tags openblas.
func BenchmarkMatMul(b *testing.B) {
	g := tensor.NewRNG(1)
	x, w := tensor.RandN(g, matmulN, matmulN), tensor.RandN(g, matmulN, matmulN)
	u := startUsage()
	for b.Loop() {
		tensor.MatMul(x, w)
	}
	u.report(b)
	b.ReportMetric(2*matmulN*matmulN*matmulN*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// TestBLASBackend names the BLAS in the test log (run with -v), so that
// compare.sh can check that -tags openblas really took effect: without cgo
// the tagged file drops out of the build silently and gonum does the work.
func TestBLASBackend(t *testing.T) {
	t.Logf("BLAS backend: %s", tensor.BLAS())
}
