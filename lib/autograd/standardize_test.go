package autograd

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// Standardize computes exactly the numbers of the chain of operations its
// documentation spells out, and the same gradient up to rounding (its
// backward sums in a different order).
func TestStandardizeMatchesItsDefinition(t *testing.T) {
	const eps = 1e-5
	x := tensor.RandN(tensor.NewRNG(3), 4, 6, 8)
	r := tensor.RandN(tensor.NewRNG(4), 4, 6, 8)
	a, b := Param(x.Clone()), Param(x.Clone())
	fused := Standardize(a, eps)
	mu := MeanAxis(b, -1, true)
	xc := Sub(b, mu)
	chain := Div(xc, Sqrt(AddScalar(MeanAxis(Square(xc), -1, true), eps)))
	for i, v := range chain.Data.Data {
		if fused.Data.Data[i] != v {
			t.Fatalf("element %d: Standardize gives %v, the chain %v", i, fused.Data.Data[i], v)
		}
	}
	fused.BackwardWith(r)
	chain.BackwardWith(r)
	for i, v := range b.Grad.Data {
		if d := math.Abs(a.Grad.Data[i] - v); d > 1e-12*(1+math.Abs(v)) {
			t.Fatalf("gradient element %d: Standardize gives %v, the chain %v", i, a.Grad.Data[i], v)
		}
	}
}
