package diffusion

import (
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// tinyUNet is a UNet small enough to gradient-check: 8×8 images, w = 2.
func tinyUNet(t *testing.T, classes int, learn bool) *UNet {
	t.Helper()
	m, err := NewUNet(UNetConfig{Side: 8, Width: 2, Groups: 1, Heads: 2, Classes: classes, LearnVariance: learn}, tensor.NewRNG(3))
	if err != nil {
		t.Fatal(err)
	}
	// the last convolution starts at zero; give it weights so that every
	// layer's gradient is nonzero
	rng := tensor.NewRNG(4)
	m.Out.W.Data.CopyFrom(tensor.RandN(rng, m.Out.W.Shape()...))
	m.Out.B.Data.CopyFrom(tensor.RandN(rng, m.Out.B.Shape()...))
	return m
}

// The whole network's gradient, through every block, the attention, the
// upsampling and the skip connections, agrees with central differences.
func TestUNetGradient(t *testing.T) {
	m := tinyUNet(t, 3, true)
	rng := tensor.NewRNG(5)
	xt := autograd.Param(tensor.RandN(rng, 2, 64))
	weights := tensor.RandN(rng, 2, 128)
	f := func() *autograd.Value {
		return autograd.Sum(autograd.Mul(m.ForwardClass(xt, []int{3, 40}, []int{1, 3}), autograd.Const(weights)))
	}
	inputs := append([]*autograd.Value{xt}, nn.Values(m)...)
	if res, err := autograd.GradCheck(f, inputs, 1e-5); err != nil {
		t.Fatalf("%v (%+v)", err, res)
	}
}

// The untrained network predicts ε̂ = 0 and v = 0, whatever its input:
// the last convolution starts at zero.
func TestUNetStartsAtZero(t *testing.T) {
	m, err := NewUNet(DefaultUNetConfig(), tensor.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	out := m.Forward(autograd.Const(tensor.RandN(tensor.NewRNG(2), 3, 784)), []int{1, 500, 1000})
	if s := out.Shape(); s[0] != 3 || s[1] != 784 {
		t.Fatalf("output %v, want [3 784]", s)
	}
	for _, v := range out.Data.Data {
		if v != 0 {
			t.Fatalf("an untrained UNet predicts %g, want 0", v)
		}
	}
}

// The label and the step both change the prediction, and the output has
// one channel per image, two when the variance is learnt.
func TestUNetReadsStepAndLabel(t *testing.T) {
	m := tinyUNet(t, 3, false)
	x := autograd.Const(tensor.RandN(tensor.NewRNG(6), 1, 64))
	base := m.ForwardClass(x, []int{10}, []int{0}).Data
	if s := base.Shape; s[1] != 64 {
		t.Fatalf("output %v, want [1 64]", s)
	}
	for name, other := range map[string]*tensor.Tensor{
		"step":  m.ForwardClass(x, []int{11}, []int{0}).Data,
		"label": m.ForwardClass(x, []int{10}, []int{2}).Data,
		"none":  m.Forward(x, []int{10}).Data,
	} {
		if maxAbsDiff(base.Data, other.Data) < 1e-9 {
			t.Errorf("changing the %s left the prediction unchanged", name)
		}
	}
	if s := tinyUNet(t, 0, true).Forward(x, []int{10}).Shape(); s[1] != 128 {
		t.Fatalf("a UNet that learns its variance gives %v, want [1 128]", s)
	}
}

func TestUNetRejectsBadShapes(t *testing.T) {
	if _, err := NewUNet(UNetConfig{Side: 28, Width: 16, Groups: 5, Heads: 4}, tensor.NewRNG(1)); err == nil || !strings.Contains(err.Error(), "Groups") {
		t.Fatalf("groups that do not divide the width: %v", err)
	}
	m := tinyUNet(t, 3, false)
	for name, fn := range map[string]func(){
		"pixels": func() { m.Forward(autograd.Const(tensor.New(1, 63)), []int{1}) },
		"labels": func() { m.ForwardClass(autograd.Const(tensor.New(2, 64)), []int{1, 2}, []int{0}) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			fn()
		}()
	}
}

// Guide is (1 + w) ε_c − w ε_u; Guided at w = 0 is the conditional
// network, and at any w it is Guide of the conditional and unconditional
// predictions.
func TestGuidance(t *testing.T) {
	c := tensor.FromSlice([]float64{1, 2}, 1, 2)
	u := tensor.FromSlice([]float64{0.5, 4}, 1, 2)
	g := Guide(c, u, 2)
	if g.Data[0] != 2 || g.Data[1] != -2 {
		t.Fatalf("Guide(w = 2) = %v, want [2 -2]", g.Data)
	}
	m := tinyUNet(t, 3, true)
	x := autograd.Const(tensor.RandN(tensor.NewRNG(7), 2, 64))
	ts, y := []int{5, 900}, []int{0, 2}
	cond := m.ForwardClass(x, ts, y).Data
	uncond := m.Forward(x, ts).Data
	for _, w := range []float64{0, 3} {
		got := Guided{M: m, Y: y, W: w}.Forward(x, ts).Data
		for i := 0; i < 2; i++ {
			want := Guide(tensor.Slice(tensor.Slice(cond, 0, i, i+1), 1, 0, 64), tensor.Slice(tensor.Slice(uncond, 0, i, i+1), 1, 0, 64), w)
			row := got.Data[i*128 : (i+1)*128]
			if d := maxAbsDiff(row[:64], want.Data); d > 1e-12 {
				t.Fatalf("w = %g, row %d: guided ε̃ off by %g", w, i, d)
			}
			if d := maxAbsDiff(row[64:], cond.Data[i*128+64:(i+1)*128]); d > 1e-12 {
				t.Fatalf("w = %g, row %d: v is not the conditional v (off by %g)", w, i, d)
			}
		}
	}
}

// ToSigned and ToPixels are inverses on [0, 1], and ToPixels clips.
func TestPixelMaps(t *testing.T) {
	p := tensor.FromSlice([]float64{0, 0.25, 1}, 3)
	back := ToPixels(ToSigned(p))
	if maxAbsDiff(back.Data, p.Data) > 1e-15 {
		t.Fatalf("ToPixels(ToSigned(%v)) = %v", p.Data, back.Data)
	}
	if c := ToPixels(tensor.FromSlice([]float64{-3, 3}, 2)); c.Data[0] != 0 || c.Data[1] != 1 || math.IsNaN(c.Data[0]) {
		t.Fatalf("ToPixels clips to %v, want [0 1]", c.Data)
	}
}
