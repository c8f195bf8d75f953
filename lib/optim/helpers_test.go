package optim_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// param returns a parameter holding the given values.
func param(values ...float64) *autograd.Value {
	return autograd.Param(tensor.FromSlice(append([]float64(nil), values...), len(values)))
}

// setGrad stores g as p's gradient, as a backward pass would.
func setGrad(p *autograd.Value, g ...float64) {
	p.Grad = tensor.FromSlice(append([]float64(nil), g...), len(g))
}

// near fails t unless got and want agree elementwise within tol.
func near(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values %v, want %d values %v", what, len(got), got, len(want), want)
	}
	for i := range got {
		if !(math.Abs(got[i]-want[i]) <= tol) {
			t.Errorf("%s: element %d is %.12g, want %.12g (tolerance %g)", what, i, got[i], want[i], tol)
		}
	}
}

// snapshot copies a parameter's values.
func snapshot(p *autograd.Value) []float64 { return append([]float64(nil), p.Data.Data...) }
