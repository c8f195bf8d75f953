package nn

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestLayerNormGradient(t *testing.T) {
	ln := NewLayerNorm(5)
	ln.Gamma.Data.CopyFrom(tensor.RandU(tensor.NewRNG(7), 0.5, 1.5, 5))
	ln.Beta.Data.CopyFrom(tensor.RandN(tensor.NewRNG(8), 5))
	x := randParam(1, 2, 3, 5)
	checkGrad(t, func() *autograd.Value { return ln.Forward(x) }, x, ln.Gamma, ln.Beta)
}

// Each vector comes out with mean 0 and variance ≈ 1, whatever its scale,
// and the batch does not matter: a row alone gives the same result.
func TestLayerNormNormalisesEachRow(t *testing.T) {
	ln := NewLayerNorm(4)
	x := tensor.FromSlice([]float64{1, 2, 3, 4, -100, 0, 100, 200}, 2, 4)
	y := ln.Forward(autograd.Const(x)).Data
	for r := 0; r < 2; r++ {
		row := y.Data[r*4 : (r+1)*4]
		mean, sq := 0.0, 0.0
		for _, v := range row {
			mean += v / 4
			sq += v * v / 4
		}
		if math.Abs(mean) > 1e-12 || math.Abs(sq-1) > 1e-5 {
			t.Fatalf("row %d: mean %g, variance %g", r, mean, sq)
		}
	}
	alone := ln.Forward(autograd.Const(tensor.Slice(x, 0, 1, 2))).Data
	for i, v := range alone.Data {
		if v != y.Data[4+i] {
			t.Fatalf("row 1 alone gives %v, in the batch %v", alone.Data, y.Data[4:])
		}
	}
	mustPanic(t, func() { ln.Forward(autograd.Const(tensor.New(2, 3))) }, "[2 3]", "[..., 4]")
}

// Without β the layer is γ ⊙ x̂: the same numbers as with β = 0, a
// gradient that checks, and γ as its only tensor.
func TestLayerNormWithoutShift(t *testing.T) {
	ln := NewLayerNorm(5)
	ln.Gamma.Data.CopyFrom(tensor.RandU(tensor.NewRNG(7), 0.5, 1.5, 5))
	x := randParam(1, 2, 3, 5)
	withZeroBeta := ln.Forward(x).Data
	ln.Beta = nil
	if ps := ln.Params(); len(ps) != 1 || ps[0].Name != "gamma" {
		t.Fatalf("params %v, want [gamma]", ps)
	}
	y := ln.Forward(x).Data
	for i, v := range y.Data {
		if v != withZeroBeta.Data[i] {
			t.Fatalf("without β y[%d] = %g, with β = 0 %g", i, v, withZeroBeta.Data[i])
		}
	}
	checkGrad(t, func() *autograd.Value { return ln.Forward(x) }, x, ln.Gamma)
}
