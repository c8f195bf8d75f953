package autograd

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// opCase is one differentiable operation applied to fresh random inputs.
type opCase struct {
	name   string
	shapes [][]int                   // shapes of the inputs
	shift  float64                   // added to inputs, to keep log/sqrt/div in their domain
	f      func(in []*Value) *Value  // the operation under test
	init   func(in []*tensor.Tensor) // optional: overwrite random inputs
	// h and tol, if set, replace the step 1e-6 and the tolerance 1e-6:
	// an op computed to float32's accuracy wobbles by about 1e-7, so a
	// step of 1e-6 would measure the wobble, not the slope. A product is
	// linear in each input, so a long step costs it nothing.
	h, tol float64
}

// ops lists every differentiable operation of the package. Adding an op
// without a case here leaves it unchecked, so TestEveryOpHasACase counts them.
var ops = []opCase{
	{name: "Add", shapes: [][]int{{3, 4}, {3, 4}}, f: func(in []*Value) *Value { return Add(in[0], in[1]) }},
	{name: "Add/broadcast", shapes: [][]int{{2, 3, 4}, {4}}, f: func(in []*Value) *Value { return Add(in[0], in[1]) }},
	{name: "Sub/broadcast", shapes: [][]int{{3, 1}, {1, 4}}, f: func(in []*Value) *Value { return Sub(in[0], in[1]) }},
	{name: "Mul", shapes: [][]int{{3, 4}, {3, 4}}, f: func(in []*Value) *Value { return Mul(in[0], in[1]) }},
	{name: "Mul/broadcast", shapes: [][]int{{2, 3}, {2, 1}}, f: func(in []*Value) *Value { return Mul(in[0], in[1]) }},
	{name: "Div", shapes: [][]int{{3, 4}, {4}}, shift: 3, f: func(in []*Value) *Value { return Div(in[0], in[1]) }},
	{name: "Neg", shapes: [][]int{{5}}, f: func(in []*Value) *Value { return Neg(in[0]) }},
	{name: "Scale", shapes: [][]int{{5}}, f: func(in []*Value) *Value { return Scale(in[0], -2.5) }},
	{name: "AddScalar", shapes: [][]int{{5}}, f: func(in []*Value) *Value { return AddScalar(in[0], 7) }},
	{name: "Exp", shapes: [][]int{{2, 3}}, f: func(in []*Value) *Value { return Exp(in[0]) }},
	{name: "Log", shapes: [][]int{{2, 3}}, shift: 4, f: func(in []*Value) *Value { return Log(in[0]) }},
	{name: "Sqrt", shapes: [][]int{{2, 3}}, shift: 4, f: func(in []*Value) *Value { return Sqrt(in[0]) }},
	{name: "Square", shapes: [][]int{{2, 3}}, f: func(in []*Value) *Value { return Square(in[0]) }},
	{name: "Pow", shapes: [][]int{{2, 3}}, shift: 4, f: func(in []*Value) *Value { return Pow(in[0], 1.7) }},
	{name: "Abs", shapes: [][]int{{2, 3}}, f: func(in []*Value) *Value { return Abs(in[0]) }},
	{name: "ReLU", shapes: [][]int{{4, 5}}, f: func(in []*Value) *Value { return ReLU(in[0]) }},
	{name: "LeakyReLU", shapes: [][]int{{4, 5}}, f: func(in []*Value) *Value { return LeakyReLU(in[0], 0.2) }},
	{name: "Tanh", shapes: [][]int{{4, 5}}, f: func(in []*Value) *Value { return Tanh(in[0]) }},
	{name: "Sigmoid", shapes: [][]int{{4, 5}}, f: func(in []*Value) *Value { return Sigmoid(in[0]) }},
	{name: "Softplus", shapes: [][]int{{4, 5}}, f: func(in []*Value) *Value { return Softplus(in[0]) }},
	{name: "SiLU", shapes: [][]int{{4, 5}}, f: func(in []*Value) *Value { return SiLU(in[0]) }},
	{name: "GELU", shapes: [][]int{{4, 5}}, f: func(in []*Value) *Value { return GELU(in[0]) }},
	{name: "GELUIn/float32", shapes: [][]int{{4, 5}}, h: 1e-3, tol: 1e-5, f: func(in []*Value) *Value { return GELUIn(tensor.Float32, in[0]) }},
	{name: "MatMulIn/float32", shapes: [][]int{{7, 40}, {40, 5}}, h: 0.1, tol: 1e-5, f: func(in []*Value) *Value { return MatMulIn(tensor.Float32, in[0], in[1]) }},
	{name: "BatchedMatMulIn/float32", shapes: [][]int{{2, 7, 40}, {2, 5, 40}}, h: 0.1, tol: 1e-5, f: func(in []*Value) *Value { return BatchedMatMulIn(tensor.Float32, in[0], false, in[1], true) }},
	{name: "SoftmaxIn/float32", shapes: [][]int{{3, 9}}, h: 1e-4, tol: 1e-5, f: func(in []*Value) *Value { return SoftmaxIn(tensor.Float32, in[0]) }},
	{name: "ScaledSoftmaxIn", shapes: [][]int{{2, 3, 4}}, f: func(in []*Value) *Value {
		return ScaledSoftmaxIn(tensor.Float64, in[0], 0.7, tensor.FromSlice([]float64{0, -1, 2, math.Inf(-1), 0.5, 0, 0, 1, -3, 0, math.Inf(-1), 0}, 3, 4))
	}},
	{name: "ScaledSoftmaxIn/float32", shapes: [][]int{{3, 9}}, h: 1e-4, tol: 1e-5, f: func(in []*Value) *Value { return ScaledSoftmaxIn(tensor.Float32, in[0], 1.3, nil) }},
	{name: "MatMul", shapes: [][]int{{3, 4}, {4, 5}}, f: func(in []*Value) *Value { return MatMul(in[0], in[1]) }},
	{name: "BatchedMatMul", shapes: [][]int{{2, 3, 4}, {2, 4, 5}}, f: func(in []*Value) *Value { return BatchedMatMul(in[0], false, in[1], false) }},
	{name: "BatchedMatMul/bᵀ", shapes: [][]int{{2, 3, 4}, {2, 5, 4}}, f: func(in []*Value) *Value { return BatchedMatMul(in[0], false, in[1], true) }},
	{name: "BatchedMatMul/aᵀ", shapes: [][]int{{2, 4, 3}, {2, 4, 5}}, f: func(in []*Value) *Value { return BatchedMatMul(in[0], true, in[1], false) }},
	{name: "BatchedMatMul/aᵀbᵀ", shapes: [][]int{{2, 4, 3}, {2, 5, 4}}, f: func(in []*Value) *Value { return BatchedMatMul(in[0], true, in[1], true) }},
	{name: "BatchedMatMul/shared", shapes: [][]int{{2, 3, 4}, {4, 5}}, f: func(in []*Value) *Value { return BatchedMatMul(in[0], false, in[1], false) }},
	{name: "BatchedMatMul/sharedᵀ", shapes: [][]int{{2, 4, 3}, {5, 4}}, f: func(in []*Value) *Value { return BatchedMatMul(in[0], true, in[1], true) }},
	{name: "Sum", shapes: [][]int{{3, 4}}, f: func(in []*Value) *Value { return Sum(in[0]) }},
	{name: "Mean", shapes: [][]int{{3, 4}}, f: func(in []*Value) *Value { return Mean(in[0]) }},
	{name: "SumAxis", shapes: [][]int{{2, 3, 4}}, f: func(in []*Value) *Value { return SumAxis(in[0], 1, false) }},
	{name: "MeanAxis", shapes: [][]int{{2, 3, 4}}, f: func(in []*Value) *Value { return MeanAxis(in[0], -1, true) }},
	{name: "Reshape", shapes: [][]int{{2, 6}}, f: func(in []*Value) *Value { return Reshape(in[0], 3, -1) }},
	{name: "Transpose", shapes: [][]int{{2, 3, 4}}, f: func(in []*Value) *Value { return Transpose(in[0], 2, 0, 1) }},
	{name: "Slice", shapes: [][]int{{4, 5}}, f: func(in []*Value) *Value { return Slice(in[0], 1, 1, 3) }},
	{name: "Concat", shapes: [][]int{{2, 3}, {2, 2}}, f: func(in []*Value) *Value { return Concat(1, in[0], in[1]) }},
	{name: "Rows", shapes: [][]int{{5, 3}}, f: func(in []*Value) *Value { return Rows(in[0], []int{4, 0, 4, 2}) }},
	{name: "LayerNorm", shapes: [][]int{{2, 3, 4}, {4}, {4}}, f: func(in []*Value) *Value { return LayerNorm(in[0], in[1], in[2], 1e-5) }},
	{name: "LayerNorm/noβ", shapes: [][]int{{3, 5}, {5}}, f: func(in []*Value) *Value { return LayerNorm(in[0], in[1], nil, 0.1) }},
	{name: "Standardize", shapes: [][]int{{3, 5}}, f: func(in []*Value) *Value { return Standardize(in[0], 1e-5) }},
	{name: "Standardize/batch", shapes: [][]int{{2, 3, 4}}, f: func(in []*Value) *Value { return Standardize(in[0], 0.1) }},
	{name: "Softmax", shapes: [][]int{{3, 5}}, f: func(in []*Value) *Value { return Softmax(in[0]) }},
	{name: "LogSoftmax", shapes: [][]int{{3, 5}}, f: func(in []*Value) *Value { return LogSoftmax(in[0]) }},
	{name: "LogSumExp", shapes: [][]int{{3, 5}}, f: func(in []*Value) *Value { return LogSumExp(in[0]) }},
	{name: "Conv2d", shapes: [][]int{{2, 3, 6, 5}, {4, 3, 3, 2}}, f: func(in []*Value) *Value { return Conv2d(in[0], in[1], 1, 1) }},
	{name: "Conv2d/stride2", shapes: [][]int{{2, 2, 7, 7}, {3, 2, 4, 4}}, f: func(in []*Value) *Value { return Conv2d(in[0], in[1], 2, 1) }},
	{name: "ConvTranspose2d", shapes: [][]int{{2, 3, 4, 3}, {3, 2, 4, 4}}, f: func(in []*Value) *Value { return ConvTranspose2d(in[0], in[1], 2, 1) }},
	{name: "Upsample2x", shapes: [][]int{{2, 3, 3, 4}}, f: func(in []*Value) *Value { return Upsample2x(in[0]) }},
}

// params makes fresh random inputs for a case.
func (c opCase) params(seed uint64) []*Value {
	rng := tensor.NewRNG(seed)
	in := make([]*Value, len(c.shapes))
	for i, s := range c.shapes {
		t := tensor.RandN(rng, s...)
		if c.shift != 0 {
			t = tensor.AddScalar(tensor.Abs(t), c.shift)
		}
		in[i] = Param(t)
	}
	return in
}

func TestGradCheckEveryOp(t *testing.T) {
	for _, c := range ops {
		t.Run(c.name, func(t *testing.T) {
			in := c.params(7)
			var res GradCheckResult
			var err error
			if c.h == 0 {
				res, err = GradCheck(func() *Value { return c.f(in) }, in, 1e-6)
			} else if res = MaxRelError(func() *Value { return c.f(in) }, in, c.h); !(res.MaxRelErr <= c.tol) {
				err = fmt.Errorf("relative error %.3g > %.3g with step %g", res.MaxRelErr, c.tol, c.h)
			}
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("max relative error %.2g", res.MaxRelErr)
		})
	}
}

// TestEveryOpHasACase fails when an exported operation has no gradient check.
func TestEveryOpHasACase(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range ops {
		covered[strings.SplitN(c.name, "/", 2)[0]] = true
	}
	names := exportedOps(t)
	if len(names) < 30 {
		t.Fatalf("found only %d exported operations (%v): the source scan is broken", len(names), names)
	}
	for _, name := range names {
		if !covered[name] {
			t.Errorf("op %s has no gradient-check case in ops", name)
		}
	}
}

// wrongSquare is Square with a planted bug: its backward forgets the 2 of 2x.
func wrongSquare(a *Value) *Value {
	out := newOp("wrongsquare", tensor.Square(a.Data), a)
	out.backward = func() { a.accumulate(tensor.Mul(out.Grad, a.Data)) }
	return out
}

func TestGradCheckCatchesWrongBackward(t *testing.T) {
	x := Param(tensor.FromSlice([]float64{0.5, -1.5, 2}, 3))
	res, err := GradCheck(func() *Value { return wrongSquare(x) }, []*Value{x}, 1e-6)
	if err == nil {
		t.Fatalf("GradCheck accepted a backward that is off by a factor of 2 (relative error %g)", res.MaxRelErr)
	}
	// |x - 2x| / (|x| + |2x|) = 1/3 for every element.
	if res.MaxRelErr < 0.3 || res.MaxRelErr > 0.34 {
		t.Errorf("relative error %g, want about 1/3", res.MaxRelErr)
	}
	if !strings.Contains(err.Error(), "input 0") {
		t.Errorf("error %q does not name the input", err)
	}
}

func TestGradCheckCatchesMissingGradient(t *testing.T) {
	// A backward that never reaches b: its analytic gradient is zero.
	a, b := Param(tensor.Ones(2)), Param(tensor.Full(3, 2))
	f := func() *Value {
		out := newOp("lazy", tensor.Mul(a.Data, b.Data), a, b)
		out.backward = func() { a.accumulate(tensor.Mul(out.Grad, b.Data)) }
		return out
	}
	if _, err := GradCheck(f, []*Value{a, b}, 1e-6); err == nil || !strings.Contains(err.Error(), "input 1") {
		t.Fatalf("GradCheck missed a gradient that never arrives at input 1: %v", err)
	}
}
