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

// LayerNorm gives the bits of Add(Mul(Standardize(a), γ), β) forward and
// backward, with β and without.
func TestLayerNormMatchesItsParts(t *testing.T) {
	rng := tensor.NewRNG(4)
	x, gm, bt := tensor.RandN(rng, 3, 4, 6), tensor.RandN(rng, 6), tensor.RandN(rng, 6)
	g := tensor.RandN(rng, 3, 4, 6)
	for _, withBeta := range []bool{true, false} {
		a1, g1, b1 := Param(x.Clone()), Param(gm.Clone()), Param(bt.Clone())
		a2, g2, b2 := Param(x.Clone()), Param(gm.Clone()), Param(bt.Clone())
		y1 := Mul(Standardize(a1, 1e-5), g1)
		if withBeta {
			y1 = Add(y1, b1)
		} else {
			b2 = nil
		}
		y2 := LayerNorm(a2, g2, b2, 1e-5)
		y1.BackwardWith(g)
		y2.BackwardWith(g)
		same := func(what string, p, q *tensor.Tensor) {
			for i := range p.Data {
				if math.Float64bits(p.Data[i]) != math.Float64bits(q.Data[i]) {
					t.Fatalf("β %v, %s[%d]: %v, want %v", withBeta, what, i, q.Data[i], p.Data[i])
				}
			}
		}
		same("y", y1.Data, y2.Data)
		same("dL/da", a1.Grad, a2.Grad)
		same("dL/dγ", g1.Grad, g2.Grad)
		if withBeta {
			same("dL/dβ", b1.Grad, b2.Grad)
		}
	}
}
