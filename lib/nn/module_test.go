package nn

import (
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// autoencoder is a model with named parts, as a chapter would write one.
type autoencoder struct {
	Enc, Dec *Sequential
}

func (a *autoencoder) Children() []Child {
	return []Child{{Name: "enc", M: a.Enc}, {Name: "dec", M: a.Dec}}
}

func (a *autoencoder) Params() []Param { return Nest(a.Children()...) }

func newAutoencoder(rng *tensor.RNG) *autoencoder {
	return &autoencoder{
		Enc: NewSequential(NewLinear(4, 3, rng), NewBatchNorm(3), ReLU{}, NewDropout(0.5, rng), NewLinear(3, 2, rng)),
		Dec: NewSequential(NewLinear(2, 4, rng), Sigmoid{}),
	}
}

func TestNestedNames(t *testing.T) {
	m := newAutoencoder(tensor.NewRNG(1))
	var names []string
	for _, p := range m.Params() {
		names = append(names, p.Name)
	}
	want := "enc.0.W enc.0.b enc.1.gamma enc.1.beta enc.1.running_mean enc.1.running_var enc.4.W enc.4.b dec.0.W dec.0.b"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("names\n%s\nwant\n%s", got, want)
	}
	// Values leaves out the two buffers; NumParams counts trainable scalars.
	if n := len(Values(m)); n != 8 {
		t.Fatalf("%d trainable tensors, want 8", n)
	}
	if n := NumParams(m); n != (4*3+3)+(3+3)+(3*2+2)+(2*4+4) {
		t.Fatalf("NumParams = %d", n)
	}
}

func TestNestPanicsOnDuplicateNames(t *testing.T) {
	l := NewLinear(2, 2, tensor.NewRNG(1))
	mustPanic(t, func() { Nest(Child{Name: "a", M: l}, Child{Name: "a", M: l}) }, `"a.W"`)
}

// SetTraining reaches the BatchNorm and the Dropout two levels down.
func TestSetTrainingReachesNestedLayers(t *testing.T) {
	m := newAutoencoder(tensor.NewRNG(1))
	bn, drop := m.Enc.Layers[1].(*BatchNorm), m.Enc.Layers[3].(*Dropout)
	if !bn.Training() || !drop.Training() {
		t.Fatal("layers should start in training mode")
	}
	SetTraining(m, false)
	if bn.Training() || drop.Training() {
		t.Fatal("SetTraining(m, false) did not reach the nested layers")
	}
	// In evaluation mode the model is deterministic and works on one example.
	x := autograd.Const(tensor.RandN(tensor.NewRNG(2), 1, 4))
	a := m.Dec.Forward(m.Enc.Forward(x)).Data
	b := m.Dec.Forward(m.Enc.Forward(x)).Data
	for i := range a.Data {
		if a.Data[i] != b.Data[i] {
			t.Fatal("evaluation-mode model is not deterministic")
		}
	}
	SetTraining(m, true)
	if !bn.Training() || !drop.Training() {
		t.Fatal("SetTraining(m, true) did not reach the nested layers")
	}
}

func TestZeroGrad(t *testing.T) {
	l := NewLinear(2, 2, tensor.NewRNG(1))
	autograd.Sum(l.Forward(autograd.Const(tensor.Ones(1, 2)))).Backward()
	if l.W.Grad == nil {
		t.Fatal("no gradient after Backward")
	}
	ZeroGrad(l)
	if l.W.Grad != nil || l.B.Grad != nil {
		t.Fatal("ZeroGrad left a gradient")
	}
}

// Each activation layer computes the autograd function it wraps and has
// no parameters, and Sequential chains them.
func TestActivationLayers(t *testing.T) {
	x := autograd.Const(tensor.FromSlice([]float64{-2, -0.5, 0, 0.5, 2}, 5))
	cases := []struct {
		layer Layer
		f     func(*autograd.Value) *autograd.Value
	}{
		{ReLU{}, autograd.ReLU},
		{LeakyReLU{Slope: 0.2}, func(v *autograd.Value) *autograd.Value { return autograd.LeakyReLU(v, 0.2) }},
		{GELU{}, autograd.GELU},
		{Tanh{}, autograd.Tanh},
		{Sigmoid{}, autograd.Sigmoid},
		{SiLU{}, autograd.SiLU},
	}
	for _, c := range cases {
		if len(c.layer.Params()) != 0 {
			t.Fatalf("%T has parameters", c.layer)
		}
		got, want := c.layer.Forward(x).Data, c.f(x).Data
		for i := range want.Data {
			if got.Data[i] != want.Data[i] {
				t.Fatalf("%T(%v) = %v, want %v", c.layer, x.Data.Data, got.Data, want.Data)
			}
		}
	}
	// Tanh then ReLU: negative inputs go to 0, positive ones to tanh(x).
	y := NewSequential(Tanh{}, ReLU{}).Forward(x).Data
	if y.Data[0] != 0 || y.Data[4] != autograd.Tanh(x).Data.Data[4] {
		t.Fatalf("Sequential(Tanh, ReLU) = %v", y.Data)
	}
}

// A Sequential of layers has the gradient of its composition.
func TestSequentialGradient(t *testing.T) {
	rng := tensor.NewRNG(1)
	s := NewSequential(NewLinear(3, 4, rng), GELU{}, NewLayerNorm(4), NewLinear(4, 2, rng), SiLU{})
	x := randParam(2, 5, 3)
	checkGrad(t, func() *autograd.Value { return s.Forward(x) }, append([]*autograd.Value{x}, Values(s)...)...)
}
