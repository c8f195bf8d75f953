package vae

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// TestActiveDimsRanksByKL builds an MLP whose encoder's last layer is
// zero but for a bias that sets μ of dimension 3 to 2 and of dimension 1
// to 1: their KLs are 2 and ½ nats, the others' 0.
func TestActiveDimsRanksByKL(t *testing.T) {
	m := NewMLP(784, 8, 5, tensor.NewRNG(1))
	for _, l := range [][]float64{m.FCMu.W.Data.Data, m.FCLogVar.W.Data.Data, m.FCLogVar.B.Data.Data, m.FCMu.B.Data.Data} {
		for i := range l {
			l[i] = 0
		}
	}
	m.FCMu.B.Data.Data[3], m.FCMu.B.Data.Data[1] = 2, 1
	dims, kl := ActiveDims(m, tensor.RandU(tensor.NewRNG(2), 0, 1, 4, 784), 3)
	if len(dims) != 3 || dims[0] != 3 || dims[1] != 1 {
		t.Fatalf("active dimensions %v, want 3 and 1 first", dims)
	}
	wantNear(t, "KL of dimension 3", kl[0], 2, 1e-12)
	wantNear(t, "KL of dimension 1", kl[1], 0.5, 1e-12)
	wantNear(t, "KL of an unused dimension", kl[2], 0, 1e-12)
}

// TestTraversal checks the traversal's codes, the figure's size, and
// that a dimension beyond the code is refused.
func TestTraversal(t *testing.T) {
	mu := tensor.FromSlice([]float64{0.5, -1, 2}, 1, 3)
	z := TraversalCodes(mu, []int{2, 0}, []float64{-3, 3})
	want := []float64{
		0.5, -1, -3,
		0.5, -1, 3,
		-3, -1, 2,
		3, -1, 2,
	}
	if z.Dim(0) != 4 || z.Dim(1) != 3 {
		t.Fatalf("codes of shape %v, want [4 3]", z.Shape)
	}
	for i, w := range want {
		if z.Data[i] != w {
			t.Fatalf("codes %v, want %v", z.Data, want)
		}
	}
	m := NewMLP(784, 8, 3, tensor.NewRNG(3))
	x := tensor.RandU(tensor.NewRNG(4), 0, 1, 1, 784)
	img, err := TraversalFigure(m, x, []int{0, 2}, []float64{-3, 0, 3})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 3*28 || b.Dy() < 2*28 || math.Abs(float64(2*b.Dx())/float64(3*b.Dy())-1) > 0.1 {
		t.Errorf("figure of %v for 2 rows of 3 digits", b)
	}
	if _, err := TraversalFigure(m, x, []int{3}, []float64{0}); err == nil {
		t.Error("a dimension beyond the code was accepted")
	}
}
