package transformer

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// randParam is a trainable [shape] tensor of N(0, 1) numbers.
func randParam(rng *tensor.RNG, shape ...int) *autograd.Value {
	return autograd.Param(tensor.RandN(rng, shape...))
}

// maxDiff is the largest |a_i - b_i| (NaN if either holds a NaN).
func maxDiff(a, b []float64) float64 {
	if len(a) != len(b) {
		return math.NaN()
	}
	d := 0.0
	for i := range a {
		e := math.Abs(a[i] - b[i])
		if math.IsNaN(e) {
			return e
		}
		d = math.Max(d, e)
	}
	return d
}

// wantClose fails t unless got and want agree within tol elementwise.
func wantClose(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if d := maxDiff(got, want); !(d <= tol) {
		t.Fatalf("%s: differs by %.3g, more than %.3g", what, d, tol)
	}
}

// rowsOf returns rows lo..hi-1 along axis 1 of a [B, T, ...] tensor's data
// for batch element b.
func rowsOf(x *tensor.Tensor, b, lo, hi int) []float64 {
	per := x.Size() / (x.Shape[0] * x.Shape[1])
	base := b * x.Shape[1] * per
	return x.Data[base+lo*per : base+hi*per]
}

// gradCheck fails t unless autograd.GradCheck passes for f over inputs.
func gradCheck(t *testing.T, what string, f func() *autograd.Value, inputs []*autograd.Value, tol float64) {
	t.Helper()
	if res, err := autograd.GradCheck(f, inputs, tol); err != nil {
		t.Fatalf("%s: %v", what, err)
	} else if res.MaxRelErr == 0 {
		t.Fatalf("%s: relative error exactly 0; are the gradients all zero?", what)
	}
}

// trainable returns the trainable tensors of m.
func trainable(m nn.Module) []*autograd.Value { return nn.Values(m) }

// randIDs returns b sequences of t ids below v.
func randIDs(rng *tensor.RNG, b, t, v int) [][]int {
	ids := make([][]int, b)
	for i := range ids {
		ids[i] = make([]int, t)
		for j := range ids[i] {
			ids[i][j] = rng.Intn(v)
		}
	}
	return ids
}
