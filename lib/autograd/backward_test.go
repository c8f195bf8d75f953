package autograd

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

func TestDetachStopsGradient(t *testing.T) {
	a, b := Param(tensor.FromSlice([]float64{1, 2}, 2)), Param(tensor.FromSlice([]float64{3, 4}, 2))
	Sum(Mul(a, b.Detach())).Backward()
	if b.Grad != nil {
		t.Fatalf("gradient %v reached a detached Value", b.Grad)
	}
	if a.Grad.Data[0] != 3 || a.Grad.Data[1] != 4 {
		t.Fatalf("d/da Σ a·b = b = [3 4], got %v", a.Grad)
	}
}

func TestValueUsedTwiceAccumulates(t *testing.T) {
	// L = Σ (x·x + x) has dL/dx = 2x + 1: x reaches L along three edges.
	x := Param(tensor.FromSlice([]float64{-1, 0.5, 3}, 3))
	Sum(Add(Mul(x, x), x)).Backward()
	for i, v := range x.Data.Data {
		if got, want := x.Grad.Data[i], 2*v+1; got != want {
			t.Errorf("element %d: gradient %g, want %g", i, got, want)
		}
	}
}

func TestBackwardTwiceAddsToLeaves(t *testing.T) {
	// Gradients of leaves accumulate across passes (as for gradient
	// accumulation over micro-batches); intermediate ones start afresh.
	x := Param(tensor.FromSlice([]float64{2}, 1))
	loss := Sum(Square(Scale(x, 3))) // L = 9x², dL/dx = 18x = 36
	loss.Backward()
	loss.Backward()
	if got := x.Grad.Data[0]; got != 72 {
		t.Fatalf("two passes gave gradient %g, want 2 × 36 = 72", got)
	}
}

func TestNoGradRecordsNothing(t *testing.T) {
	x := Param(tensor.Ones(3))
	var y *Value
	NoGrad(func() { y = Exp(Mul(x, x)) })
	if y.RequiresGrad() || y.parents != nil {
		t.Fatal("an operation under NoGrad recorded a graph")
	}
	if !GradEnabled() {
		t.Fatal("NoGrad did not restore gradient recording")
	}
	if math.Abs(y.Data.Data[0]-math.E) > 1e-12 {
		t.Fatalf("NoGrad changed the forward value: %g", y.Data.Data[0])
	}
}

func TestConstantsTakeNoGradient(t *testing.T) {
	c := Const(tensor.Ones(2))
	y := Exp(c)
	if y.RequiresGrad() {
		t.Fatal("an operation on constants requires a gradient")
	}
	y.BackwardWith(tensor.Ones(2)) // nothing to do, and no panic
	if c.Grad != nil {
		t.Fatal("a constant received a gradient")
	}
}

func TestDeepGraphDoesNotOverflow(t *testing.T) {
	// 100,000 chained operations: the iterative topological sort copes.
	x := Param(tensor.FromSlice([]float64{1}, 1))
	y := x
	for i := 0; i < 100000; i++ {
		y = AddScalar(y, 1e-6)
	}
	Sum(y).Backward()
	if x.Grad.Data[0] != 1 {
		t.Fatalf("gradient through a chain of +c is 1, got %g", x.Grad.Data[0])
	}
}

func TestBackwardNeedsScalar(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Backward on a non-scalar did not panic")
		}
	}()
	Exp(Param(tensor.Ones(2))).Backward()
}
