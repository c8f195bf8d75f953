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
	// A no-grad operand makes the result no-grad, with no graph behind it,
	// even when the other operand is a Param.
	w := Param(tensor.Ones(3))
	x := NoGrad(tensor.Ones(3))
	y := Exp(Mul(x, w))
	if y.RequiresGrad() || !y.IsNoGrad() || y.parents != nil || y.backward != nil {
		t.Fatalf("an operation on a no-grad Value recorded a graph: %v", y)
	}
	if z := Add(w, Sum(y)); z.RequiresGrad() || !z.IsNoGrad() {
		t.Fatal("a no-grad second operand did not stop the record")
	}
	if math.Abs(y.Data.Data[0]-math.E) > 1e-12 {
		t.Fatalf("NoGrad changed the forward value: %g", y.Data.Data[0])
	}
	y.BackwardWith(tensor.Ones(3)) // nothing to do, and no panic
	if w.Grad != nil {
		t.Fatal("a Param received a gradient through a no-grad Value")
	}
	// Operations without a no-grad operand record as before.
	if v := Mul(Const(tensor.Ones(3)), w); !v.RequiresGrad() || v.IsNoGrad() {
		t.Fatal("an operation on a Param did not record")
	}
}

// Detach cuts the graph, but unlike NoGrad what follows still records
// back to the Params it meets.
func TestDetachIsNotNoGrad(t *testing.T) {
	a, b := Param(tensor.FromSlice([]float64{2}, 1)), Param(tensor.FromSlice([]float64{5}, 1))
	d := Square(a).Detach()
	if d.IsNoGrad() || d.RequiresGrad() {
		t.Fatalf("Detach gave %v", d)
	}
	Sum(Mul(d, b)).Backward()
	if a.Grad != nil || b.Grad == nil || b.Grad.Data[0] != 4 {
		t.Fatalf("gradients a %v, b %v; want none for a and a² = 4 for b", a.Grad, b.Grad)
	}
}

// Add and Sub, like Mul and Div, send no gradient to an operand that
// takes none, broadcast or not.
func TestConstantOperandTakesNoGradient(t *testing.T) {
	for _, op := range []struct {
		name string
		f    func(a, b *Value) *Value
	}{{"add", Add}, {"sub", Sub}, {"mul", Mul}, {"div", Div}} {
		p := Param(tensor.FromSlice([]float64{1, 2, 3, 4}, 2, 2))
		for _, c := range []*Value{Const(tensor.FromSlice([]float64{1, 2}, 2)), Const(tensor.Full(3, 2, 2))} {
			Sum(op.f(p, c)).Backward()
			Sum(op.f(c, p)).Backward()
			if c.Grad != nil {
				t.Errorf("%s: the constant %v received gradient %v", op.name, c.Data.Shape, c.Grad)
			}
		}
		if p.Grad == nil {
			t.Errorf("%s: the Param received no gradient", op.name)
		}
	}

	// Nor do they compute one: the backward of p + c and of p - c costs
	// what p's share costs, and nothing for the constant c.
	p, c := Param(tensor.Ones(64, 32)), Const(tensor.Ones(32))
	p.Grad = tensor.New(64, 32) // accumulate then allocates nothing
	g := tensor.Ones(64, 32)
	want := testing.AllocsPerRun(20, func() { p.accumulate(sumTo(g, p.Data.Shape)) })
	for name, y := range map[string]*Value{"p + c": Add(p, c), "c + p": Add(c, p), "p - c": Sub(p, c)} {
		y.Grad = g
		if got := testing.AllocsPerRun(20, y.backward); got != want {
			t.Errorf("the backward of %s makes %v allocations, want %v (p's share alone)", name, got, want)
		}
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
