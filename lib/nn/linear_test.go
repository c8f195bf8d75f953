package nn

import (
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestLinearGradient(t *testing.T) {
	l := NewLinear(4, 3, tensor.NewRNG(1))
	x := randParam(2, 5, 4)
	checkGrad(t, func() *autograd.Value { return l.Forward(x) }, x, l.W, l.B)
}

// A [B, T, in] input is a batch of sequences: the layer acts on each token.
func TestLinearGradientOnSequences(t *testing.T) {
	l := NewLinear(4, 3, tensor.NewRNG(1))
	x := randParam(2, 2, 5, 4)
	checkGrad(t, func() *autograd.Value { return l.Forward(x) }, x, l.W, l.B)
}

func TestLinearValues(t *testing.T) {
	l := NewLinear(2, 3, tensor.NewRNG(1))
	copy(l.W.Data.Data, []float64{1, 2, 3, 4, 5, 6}) // rows: inputs, columns: outputs
	copy(l.B.Data.Data, []float64{0.5, -1, 0})
	y := l.Forward(autograd.Const(tensor.FromSlice([]float64{1, -1, 2, 0}, 2, 1, 2)))
	// [1, -1]·W = [1-4, 2-5, 3-6] = [-3, -3, -3]; [2, 0]·W = [2, 4, 6]; then + b.
	want := []float64{-2.5, -4, -3, 2.5, 3, 6}
	if !equalInts(y.Shape(), []int{2, 1, 3}) {
		t.Fatalf("shape %v, want [2 1 3]", y.Shape())
	}
	for i, v := range want {
		if y.Data.Data[i] != v {
			t.Fatalf("y = %v, want %v", y.Data.Data, want)
		}
	}
}

func TestLinearShapePanics(t *testing.T) {
	l := NewLinear(4, 3, tensor.NewRNG(1))
	mustPanic(t, func() { l.Forward(autograd.Const(tensor.New(5, 3))) }, "[5 3]", "[..., 4]")
	mustPanic(t, func() { NewLinear(0, 3, tensor.NewRNG(1)) }, "NewLinear(0, 3)")
}

// The default initialisation stays inside PyTorch's bound 1/√in.
func TestLinearDefaultInitBound(t *testing.T) {
	l := NewLinear(100, 50, tensor.NewRNG(3))
	if m := tensor.MaxAbs(l.W.Data); m > 0.1 || m < 0.09 {
		t.Fatalf("max |W| = %g, want just under 1/√100 = 0.1", m)
	}
	if m := tensor.MaxAbs(l.B.Data); m > 0.1 {
		t.Fatalf("max |b| = %g, want at most 0.1", m)
	}
}

// Without a bias the layer is x·W exactly, its gradient checks, and its
// only tensor is W, so a saved model has no "b" to load.
func TestLinearNoBias(t *testing.T) {
	l := NewLinearNoBias(2, 3, tensor.NewRNG(1))
	if l.B != nil || len(l.Params()) != 1 || l.Params()[0].Name != "W" {
		t.Fatalf("a layer without bias has B %v and params %v, want nil and [W]", l.B, l.Params())
	}
	copy(l.W.Data.Data, []float64{1, 2, 3, 4, 5, 6})
	y := l.Forward(autograd.Const(tensor.FromSlice([]float64{1, -1}, 1, 2)))
	want := []float64{-3, -3, -3}
	for i, v := range want {
		if y.Data.Data[i] != v {
			t.Fatalf("y = %v, want %v", y.Data.Data, want)
		}
	}
	x := randParam(2, 3, 2)
	checkGrad(t, func() *autograd.Value { return l.Forward(x) }, x, l.W)
}
