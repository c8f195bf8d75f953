package nn

import (
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestConv2dGradient(t *testing.T) {
	for _, tc := range []struct{ stride, pad int }{{1, 1}, {2, 1}, {1, 0}} {
		c := NewConv2d(2, 3, 3, tc.stride, tc.pad, tensor.NewRNG(1))
		x := randParam(2, 2, 2, 5, 5)
		checkGrad(t, func() *autograd.Value { return c.Forward(x) }, x, c.W, c.B)
	}
}

func TestConvTranspose2dGradientStride2(t *testing.T) {
	c := NewConvTranspose2d(3, 2, 4, 2, 1, tensor.NewRNG(1))
	x := randParam(2, 2, 3, 3, 3)
	y := c.Forward(x)
	// (3-1)·2 - 2·1 + 4 = 6: a stride-2 transposed convolution doubles the size.
	if !equalInts(y.Shape(), []int{2, 2, 6, 6}) {
		t.Fatalf("shape %v, want [2 2 6 6]", y.Shape())
	}
	checkGrad(t, func() *autograd.Value { return c.Forward(x) }, x, c.W, c.B)
}

// A stride-2 ConvTranspose2d restores the shape a stride-2 Conv2d halved.
func TestConvShapesRoundTrip(t *testing.T) {
	rng := tensor.NewRNG(1)
	down := NewConv2d(1, 4, 4, 2, 1, rng)
	up := NewConvTranspose2d(4, 1, 4, 2, 1, rng)
	x := autograd.Const(tensor.New(3, 1, 28, 28))
	h := down.Forward(x)
	if !equalInts(h.Shape(), []int{3, 4, 14, 14}) {
		t.Fatalf("down: %v, want [3 4 14 14]", h.Shape())
	}
	if y := up.Forward(h); !equalInts(y.Shape(), []int{3, 1, 28, 28}) {
		t.Fatalf("up: %v, want [3 1 28 28]", y.Shape())
	}
}

// With zero filters the output is the bias of its channel everywhere.
func TestConvBiasPerChannel(t *testing.T) {
	c := NewConv2d(1, 2, 3, 1, 1, tensor.NewRNG(1))
	c.W.Data.Fill(0)
	copy(c.B.Data.Data, []float64{1.5, -2})
	ct := NewConvTranspose2d(1, 2, 3, 2, 0, tensor.NewRNG(1))
	ct.W.Data.Fill(0)
	copy(ct.B.Data.Data, []float64{1.5, -2})
	x := autograd.Const(tensor.RandN(tensor.NewRNG(2), 2, 1, 4, 4))
	for _, y := range []*autograd.Value{c.Forward(x), ct.Forward(x)} {
		per := y.Data.Size() / (y.Shape()[0] * 2)
		for i, v := range y.Data.Data {
			want := []float64{1.5, -2}[(i/per)%2]
			if v != want {
				t.Fatalf("element %d of %v = %g, want %g", i, y.Shape(), v, want)
			}
		}
	}
}

func TestConvArgPanics(t *testing.T) {
	mustPanic(t, func() { NewConv2d(1, 2, 3, 0, 1, tensor.NewRNG(1)) }, "stride 0")
	mustPanic(t, func() { NewConvTranspose2d(1, 2, 3, 1, -1, tensor.NewRNG(1)) }, "pad -1")
}
