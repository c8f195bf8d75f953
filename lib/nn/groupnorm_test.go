package nn

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// newTestGroupNorm is a GroupNorm whose γ and β are no longer 1 and 0, so
// that a test also sees them act channel by channel.
func newTestGroupNorm(groups, channels int) *GroupNorm {
	gn := NewGroupNorm(groups, channels)
	gn.Gamma.Data.CopyFrom(tensor.RandU(tensor.NewRNG(7), 0.5, 1.5, channels))
	gn.Beta.Data.CopyFrom(tensor.RandN(tensor.NewRNG(8), channels))
	return gn
}

func TestGroupNormGradient(t *testing.T) {
	gn := newTestGroupNorm(2, 4)
	x := randParam(1, 2, 4, 3, 3)
	checkGrad(t, func() *autograd.Value { return gn.Forward(x) }, x, gn.Gamma, gn.Beta)
	// Channels on axis 1 of [N, C, L] and [N, C] as well.
	gn = newTestGroupNorm(3, 6)
	x = randParam(2, 2, 6, 5)
	checkGrad(t, func() *autograd.Value { return gn.Forward(x) }, x, gn.Gamma, gn.Beta)
	// Groups of at least four entries: two standardise to ±1 whatever
	// their values, a gradient too small to check.
	gn = newTestGroupNorm(2, 8)
	x = randParam(3, 3, 8)
	checkGrad(t, func() *autograd.Value { return gn.Forward(x) }, x, gn.Gamma, gn.Beta)
}

// With one group per channel GroupNorm is instance normalisation: every
// channel of every image standardised over its own H·W pixels, then
// scaled by its γ_c and shifted by its β_c.
func TestGroupNormWithOneChannelPerGroupIsInstanceNorm(t *testing.T) {
	const n, c, hw = 2, 3, 4 * 5
	gn := newTestGroupNorm(c, c)
	x := tensor.RandN(tensor.NewRNG(2), n, c, 4, 5)
	y := gn.Forward(autograd.Const(x)).Data
	for p := 0; p < n*c; p++ {
		plane := x.Data[p*hw : (p+1)*hw]
		mu, sq := 0.0, 0.0
		for _, v := range plane {
			mu += v / hw
		}
		for _, v := range plane {
			sq += (v - mu) * (v - mu) / hw
		}
		g, b := gn.Gamma.Data.Data[p%c], gn.Beta.Data.Data[p%c]
		for i, v := range plane {
			want := g*(v-mu)/math.Sqrt(sq+gn.Eps) + b
			if got := y.Data[p*hw+i]; !near(got, want, 1e-12) {
				t.Fatalf("example %d channel %d pixel %d: %g, instance norm gives %g", p/c, p%c, i, got, want)
			}
		}
	}
}

// With one group (and γ = 1, β = 0) each example comes out with mean 0
// and variance ≈ 1 over all its C·H·W entries, whatever its scale.
func TestGroupNormWithOneGroupNormalisesEachExample(t *testing.T) {
	const n, size = 3, 4 * 3 * 3
	gn := NewGroupNorm(1, 4)
	x := tensor.RandN(tensor.NewRNG(3), n, 4, 3, 3)
	for i := range x.Data {
		x.Data[i] = x.Data[i]*float64(1+10*(i/size)) + float64(i/size) // a different scale and offset per example
	}
	y := gn.Forward(autograd.Const(x)).Data
	for e := 0; e < n; e++ {
		mean, sq := 0.0, 0.0
		for _, v := range y.Data[e*size : (e+1)*size] {
			mean += v / size
			sq += v * v / size
		}
		if math.Abs(mean) > 1e-12 || math.Abs(sq-1) > 1e-4 {
			t.Fatalf("example %d: mean %g, variance %g; want 0 and ≈ 1", e, mean, sq)
		}
	}
}

// No statistic crosses the batch: an example alone gives exactly the
// output it gets inside a batch.
func TestGroupNormIsIndependentOfTheBatch(t *testing.T) {
	gn := newTestGroupNorm(2, 4)
	x := tensor.RandN(tensor.NewRNG(4), 3, 4, 2, 3)
	y := gn.Forward(autograd.Const(x)).Data
	const size = 4 * 2 * 3
	for e := 0; e < 3; e++ {
		alone := gn.Forward(autograd.Const(tensor.Slice(x, 0, e, e+1))).Data
		for i, v := range alone.Data {
			if v != y.Data[e*size+i] {
				t.Fatalf("example %d alone gives %v, in the batch %v", e, alone.Data, y.Data[e*size:(e+1)*size])
			}
		}
	}
}

func TestGroupNormParamsAndPanics(t *testing.T) {
	gn := NewGroupNorm(2, 6)
	ps := gn.Params()
	if len(ps) != 2 || ps[0].Name != "gamma" || ps[1].Name != "beta" || ps[0].V != gn.Gamma || ps[1].V != gn.Beta {
		t.Fatalf("params %v, want gamma and beta", ps)
	}
	if gn.Eps != 1e-5 || gn.Gamma.Data.Data[0] != 1 || gn.Beta.Data.Data[0] != 0 {
		t.Fatalf("ε %g, γ %v, β %v; want 1e-5, ones, zeros", gn.Eps, gn.Gamma.Data.Data, gn.Beta.Data.Data)
	}
	mustPanic(t, func() { NewGroupNorm(4, 6) }, "4 groups", "6 channels", "multiple")
	mustPanic(t, func() { NewGroupNorm(0, 6) }, "0 groups")
	mustPanic(t, func() { NewGroupNorm(2, 0) }, "0 channels")
	mustPanic(t, func() { gn.Forward(autograd.Const(tensor.New(2, 4, 3, 3))) }, "6 channels", "[2 4 3 3]", "[N, 6, ...]")
	mustPanic(t, func() { gn.Forward(autograd.Const(tensor.New(6))) }, "[6]")
}
