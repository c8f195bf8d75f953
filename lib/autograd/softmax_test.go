package autograd

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// Attention masks keys with -Inf. Through Softmax's backward the masked
// entries get exactly zero gradient, the others the gradient of the
// softmax over the unmasked entries alone, and a row masked throughout
// (all zeros forward) passes no gradient and no NaN.
func TestSoftmaxGradientOfMaskedEntries(t *testing.T) {
	inf := math.Inf(1)
	x := Param(tensor.FromSlice([]float64{0.3, -inf, 1.2, -inf, -inf, -inf}, 2, 3))
	r := tensor.FromSlice([]float64{0.7, -1.1, 0.4, 2, 3, -5}, 2, 3)
	Softmax(x).BackwardWith(r)

	// The same first row without its masked entry.
	kept := Param(tensor.FromSlice([]float64{0.3, 1.2}, 1, 2))
	Softmax(kept).BackwardWith(tensor.FromSlice([]float64{0.7, 0.4}, 1, 2))

	want := []float64{kept.Grad.Data[0], 0, kept.Grad.Data[1], 0, 0, 0}
	for i, w := range want {
		if g := x.Grad.Data[i]; math.Abs(g-w) > 1e-15 || math.IsNaN(g) || (w == 0 && g != 0) {
			t.Fatalf("dL/dx = %v, want %v", x.Grad.Data, want)
		}
	}
}
