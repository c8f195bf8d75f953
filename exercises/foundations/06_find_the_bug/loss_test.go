//go:build graded

package findthebug

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// TestGradMatchesAutograd builds the same loss from autograd operations and
// compares its gradient with Grad.
func TestGradMatchesAutograd(t *testing.T) {
	w0 := []float64{0.3, -1.1, 0.7, 2.0}
	w := autograd.Param(tensor.FromSlice(append([]float64(nil), w0...), 4))
	x := autograd.Const(tensor.FromSlice(X, 4))
	l := autograd.Add(autograd.Sum(autograd.Softplus(autograd.Mul(x, w))),
		autograd.Scale(autograd.Sum(autograd.Square(w)), Lambda/2))
	if math.Abs(l.Item()-Loss(w0)) > 1e-12 {
		t.Fatalf("the autograd loss %g differs from Loss %g", l.Item(), Loss(w0))
	}
	l.Backward()
	got := Grad(w0)
	for i, want := range w.Grad.Data {
		if math.Abs(got[i]-want) > 1e-9 {
			t.Errorf("dL/dw[%d] = %g, autograd says %g", i, got[i], want)
		}
	}
}

// TestGradAtZero: at w = 0, σ(0) = 1/2, so dL/dw_i = x_i/2.
func TestGradAtZero(t *testing.T) {
	got := Grad(make([]float64, 4))
	for i, x := range X {
		if math.Abs(got[i]-x/2) > 1e-12 {
			t.Errorf("dL/dw[%d] at 0 = %g, want x/2 = %g", i, got[i], x/2)
		}
	}
}
