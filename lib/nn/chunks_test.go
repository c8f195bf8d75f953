package nn

import (
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// InChunks gives what one pass over all the rows gives, records no graph
// and leaves the weights without gradients.
func TestInChunks(t *testing.T) {
	rng := tensor.NewRNG(4)
	l := NewLinear(3, 2, rng)
	x := tensor.RandN(rng, 7, 3)
	var sizes []int
	got := InChunks(x, 3, func(xb *autograd.Value) *tensor.Tensor {
		sizes = append(sizes, xb.Shape()[0])
		y := l.Forward(xb)
		if y.RequiresGrad() || !y.IsNoGrad() {
			t.Fatalf("a chunk's output records a graph: %v", y)
		}
		return y.Data
	})
	if len(sizes) != 3 || sizes[0] != 3 || sizes[1] != 3 || sizes[2] != 1 {
		t.Errorf("chunks of %v rows, want [3 3 1]", sizes)
	}
	want := l.Forward(autograd.Const(x)).Data
	if !tensor.EqualShape(got.Shape, want.Shape) || tensor.MaxAbs(tensor.Sub(got, want)) > 1e-12 {
		t.Fatalf("InChunks gave %v, one pass %v", got, want)
	}
	if l.W.Grad != nil || l.B.Grad != nil {
		t.Error("InChunks left gradients on the weights")
	}

	calls := 0
	if out := InChunks(x, 5, func(*autograd.Value) *tensor.Tensor { calls++; return nil }); out != nil || calls != 2 {
		t.Errorf("f returning nil: result %v after %d calls, want nil after 2", out, calls)
	}
	mustPanic(t, func() { InChunks(x, 0, func(*autograd.Value) *tensor.Tensor { return nil }) }, "chunks of 0")
	mustPanic(t, func() {
		first := true
		InChunks(x, 3, func(xb *autograd.Value) *tensor.Tensor {
			if first {
				first = false
				return nil
			}
			return xb.Data
		})
	}, "nil for 1 of 3")
}
