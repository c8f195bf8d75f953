package nn

import (
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// Repeated ids must collect one gradient contribution per occurrence.
func TestEmbeddingGradientRepeatedIDs(t *testing.T) {
	e := NewEmbedding(5, 3, tensor.NewRNG(1))
	ids := []int{2, 0, 2, 4, 2}
	checkGrad(t, func() *autograd.Value { return e.Forward(ids) }, e.W)
	checkGrad(t, func() *autograd.Value { return e.ForwardBatch([][]int{{1, 1, 3}, {3, 0, 1}}) }, e.W)
}

func TestEmbeddingLookup(t *testing.T) {
	e := NewEmbedding(4, 2, tensor.NewRNG(1))
	y := e.ForwardBatch([][]int{{3, 0}, {0, 0}, {1, 2}})
	if !equalInts(y.Shape(), []int{3, 2, 2}) {
		t.Fatalf("shape %v, want [3 2 2]", y.Shape())
	}
	for k, id := range []int{3, 0, 0, 0, 1, 2} {
		for j := 0; j < 2; j++ {
			if y.Data.Data[k*2+j] != e.W.Data.At(id, j) {
				t.Fatalf("position %d is not row %d of the table", k, id)
			}
		}
	}
	// The gradient of the sum counts occurrences: id 0 appears three times.
	autograd.Sum(y).Backward()
	for id, count := range []float64{3, 1, 1, 1} {
		if e.W.Grad.At(id, 0) != count {
			t.Fatalf("gradient of row %d = %g, want %g", id, e.W.Grad.At(id, 0), count)
		}
	}
}

func TestEmbeddingPanics(t *testing.T) {
	e := NewEmbedding(4, 2, tensor.NewRNG(1))
	mustPanic(t, func() { e.Forward([]int{0, 4}) }, "id 4 at index 1", "vocabulary of 4")
	mustPanic(t, func() { e.ForwardBatch([][]int{{0, 1}, {2, -1}}) }, "id -1 at index 3")
	mustPanic(t, func() { e.ForwardBatch([][]int{{0, 1}, {2}}) }, "sequence 1 has 1 ids")
}
