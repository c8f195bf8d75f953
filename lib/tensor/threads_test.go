package tensor_test

import (
	"runtime"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// TestConvGradWeightIndependentOfThreads checks that the weight gradient,
// a sum over the images of a batch, comes out bit for bit the same at any
// GOMAXPROCS: the images' terms must be added in an order that does not
// depend on how many goroutines share the batch.
func TestConvGradWeightIndependentOfThreads(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	g := tensor.NewRNG(31)
	// A DCGAN discriminator layer, small: enough work to be split.
	const n, c, f, h, k, s, p = 24, 8, 16, 14, 4, 2, 1
	o := tensor.ConvOutSize(h, k, s, p)
	x, dy := tensor.RandN(g, n, c, h, h), tensor.RandN(g, n, f, o, o)
	var want *tensor.Tensor
	for _, procs := range []int{1, 2, 3, 5} {
		runtime.GOMAXPROCS(procs)
		got := tensor.Conv2dGradWeight(x, dy, k, k, s, p)
		if want == nil {
			want = got
			continue
		}
		for i := range want.Data {
			if got.Data[i] != want.Data[i] {
				t.Fatalf("GOMAXPROCS %d: dw[%d] = %.17g, at GOMAXPROCS 1 %.17g", procs, i, got.Data[i], want.Data[i])
			}
		}
	}
}
