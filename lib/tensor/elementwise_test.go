package tensor_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

func TestUnaryOpsMatchMath(t *testing.T) {
	g := tensor.NewRNG(4)
	x := randT(g, 3, 5)
	pos := tensor.Map(x, func(v float64) float64 { return math.Abs(v) + 0.1 })
	cases := []struct {
		name string
		in   *tensor.Tensor
		got  func(*tensor.Tensor) *tensor.Tensor
		f    func(float64) float64
	}{
		{"Scale(-2.5)", x, func(t *tensor.Tensor) *tensor.Tensor { return tensor.Scale(t, -2.5) }, func(v float64) float64 { return -2.5 * v }},
		{"AddScalar(3)", x, func(t *tensor.Tensor) *tensor.Tensor { return tensor.AddScalar(t, 3) }, func(v float64) float64 { return v + 3 }},
		{"Neg", x, tensor.Neg, func(v float64) float64 { return -v }},
		{"Exp", x, tensor.Exp, math.Exp},
		{"Log", pos, tensor.Log, math.Log},
		{"Sqrt", pos, tensor.Sqrt, math.Sqrt},
		{"Tanh", x, tensor.Tanh, math.Tanh},
		{"Abs", x, tensor.Abs, math.Abs},
		{"Square", x, tensor.Square, func(v float64) float64 { return v * v }},
		{"Pow(1.5)", pos, func(t *tensor.Tensor) *tensor.Tensor { return tensor.Pow(t, 1.5) }, func(v float64) float64 { return math.Pow(v, 1.5) }},
		{"Clamp(-0.5, 0.5)", x, func(t *tensor.Tensor) *tensor.Tensor { return tensor.Clamp(t, -0.5, 0.5) }, func(v float64) float64 { return math.Min(0.5, math.Max(-0.5, v)) }},
		{"Sigmoid", x, tensor.Sigmoid, func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }},
		{"Softplus", x, tensor.Softplus, func(v float64) float64 { return math.Log(1 + math.Exp(v)) }},
	}
	for _, c := range cases {
		want := tensor.New(c.in.Shape...)
		for i, v := range c.in.Data {
			want.Data[i] = c.f(v)
		}
		checkTensor(t, c.name, c.got(c.in), want, approx)
	}
}

func TestSigmoidAndSoftplusAreStableForLargeInputs(t *testing.T) {
	x := tensor.FromSlice([]float64{-1000, -40, 0, 40, 1000}, 5)
	s := tensor.Sigmoid(x)
	want := []float64{0, 1 / (1 + math.Exp(40)), 0.5, 1 / (1 + math.Exp(-40)), 1}
	for i, v := range s.Data {
		if math.IsNaN(v) || math.Abs(v-want[i]) > 1e-15 {
			t.Errorf("Sigmoid(%g) = %g, want %g", x.Data[i], v, want[i])
		}
	}
	sp := tensor.Softplus(x)
	// softplus(x) = x + log1p(e^-x) for large x, and e^x for very negative x.
	wantSP := []float64{0, math.Exp(-40), math.Ln2, 40 + math.Exp(-40), 1000}
	for i, v := range sp.Data {
		if math.IsInf(v, 0) || math.IsNaN(v) || relErr(v, wantSP[i]) > 1e-12 && math.Abs(v-wantSP[i]) > 1e-300 {
			t.Errorf("Softplus(%g) = %g, want %g", x.Data[i], v, wantSP[i])
		}
	}
}

func TestUnaryOpsReturnNewTensors(t *testing.T) {
	x := tensor.FromSlice([]float64{1, 2}, 2)
	for name, y := range map[string]*tensor.Tensor{
		"Map": tensor.Map(x, func(v float64) float64 { return v }), "Scale": tensor.Scale(x, 1),
		"AddScalar": tensor.AddScalar(x, 0), "Exp": tensor.Exp(x),
	} {
		y.Data[0] = 42
		if x.Data[0] != 1 {
			t.Fatalf("%s wrote into its input", name)
		}
	}
}
