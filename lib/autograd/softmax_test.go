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

// ScaledSoftmaxIn gives the bits of Softmax(Add(Scale(a, c), Const(mask)))
// forward and backward, in either precision.
func TestScaledSoftmaxMatchesItsParts(t *testing.T) {
	mask := tensor.New(4, 6)
	for i := range 4 {
		for j := i + 3; j < 6; j++ {
			mask.Data[i*6+j] = math.Inf(-1)
		}
	}
	g := tensor.RandN(tensor.NewRNG(3), 2, 4, 6)
	for _, p := range []tensor.Precision{tensor.Float64, tensor.Float32} {
		a1 := Param(tensor.RandN(tensor.NewRNG(2), 2, 4, 6))
		a2 := Param(a1.Data.Clone())
		y1 := SoftmaxIn(p, Add(Scale(a1, 0.29), Const(mask)))
		y2 := ScaledSoftmaxIn(p, a2, 0.29, mask)
		y1.BackwardWith(g)
		y2.BackwardWith(g)
		for i := range y1.Data.Data {
			if math.Float64bits(y1.Data.Data[i]) != math.Float64bits(y2.Data.Data[i]) || math.Float64bits(a1.Grad.Data[i]) != math.Float64bits(a2.Grad.Data[i]) {
				t.Fatalf("%v, element %d: %v and gradient %v, want %v and %v", p, i, y2.Data.Data[i], a2.Grad.Data[i], y1.Data.Data[i], a1.Grad.Data[i])
			}
		}
	}
}
