package tensor_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// refBroadcastShape is NumPy's rule written out: pad the shorter shape with
// leading 1s, then each axis takes the size that is not 1.
func refBroadcastShape(a, b []int) ([]int, bool) {
	r := max(len(a), len(b))
	pa, pb := padLeft(a, r), padLeft(b, r)
	out := make([]int, r)
	for i := range out {
		switch {
		case pa[i] == pb[i], pb[i] == 1:
			out[i] = pa[i]
		case pa[i] == 1:
			out[i] = pb[i]
		default:
			return nil, false
		}
	}
	return out, true
}

func padLeft(s []int, r int) []int {
	out := make([]int, r)
	for i := range out {
		out[i] = 1
	}
	copy(out[r-len(s):], s)
	return out
}

// srcIndex maps an index into the broadcast shape back to an index into a
// tensor of shape s: drop the leading axes s lacks, and read axes of size 1 at 0.
func srcIndex(idx, s []int) []int {
	off := len(idx) - len(s)
	out := make([]int, len(s))
	for i, d := range s {
		if d != 1 {
			out[i] = idx[off+i]
		}
	}
	return out
}

// refBinary computes f(a, b) with broadcasting, one output element at a time.
func refBinary(a, b *tensor.Tensor, f func(x, y float64) float64) *tensor.Tensor {
	shape, ok := refBroadcastShape(a.Shape, b.Shape)
	if !ok {
		panic("refBinary: shapes do not broadcast")
	}
	out := tensor.New(shape...)
	forEachIndex(shape, func(idx []int) {
		out.Set(f(a.At(srcIndex(idx, a.Shape)...), b.At(srcIndex(idx, b.Shape)...)), idx...)
	})
	return out
}

// broadcastPairs are shape pairs that broadcast: equal shapes, scalars,
// outer-product shapes, rank mismatches and zero-size axes.
var broadcastPairs = [][2][]int{
	{{2, 3}, {2, 3}},
	{{}, {}},
	{{}, {2, 3}},
	{{2, 3}, {}},
	{{1}, {}},
	{{1}, {1}},
	{{3, 1}, {1, 4}},
	{{1, 4}, {3, 1}},
	{{4}, {3, 4}},
	{{3, 4}, {4}},
	{{3, 4}, {1}},
	{{2, 3, 4}, {3, 1}},
	{{2, 1, 4}, {5, 1}},
	{{5, 1, 3, 1}, {4, 1, 2}},
	{{1, 1, 1}, {}},
	{{2, 1, 3}, {2, 4, 1}},
	{{0, 3}, {3}},
	{{0, 3}, {1, 3}},
	{{2, 0}, {2, 1}},
	{{1}, {0}},
	{{3, 0}, {}},
	{{7, 1}, {7, 1}},
}

func TestBroadcastShape(t *testing.T) {
	for _, p := range broadcastPairs {
		want, _ := refBroadcastShape(p[0], p[1])
		got := tensor.BroadcastShape(p[0], p[1])
		if !tensor.EqualShape(got, want) {
			t.Errorf("BroadcastShape(%v, %v) = %v, want %v", p[0], p[1], got, want)
		}
		// The rule is symmetric.
		if got := tensor.BroadcastShape(p[1], p[0]); !tensor.EqualShape(got, want) {
			t.Errorf("BroadcastShape(%v, %v) = %v, want %v", p[1], p[0], got, want)
		}
	}
}

// incompatiblePairs do not broadcast.
var incompatiblePairs = [][2][]int{
	{{2, 3}, {4}},
	{{3, 2}, {2, 3}},
	{{2, 3, 3}, {4, 3}},
	{{0}, {2}},
	{{5, 1, 3}, {2, 1, 1, 4}},
}

func TestBroadcastShapePanicsNamingBothShapes(t *testing.T) {
	for _, p := range incompatiblePairs {
		a, b := p[0], p[1]
		expectPanic(t, fmt.Sprintf("BroadcastShape(%v, %v)", a, b),
			func() { tensor.BroadcastShape(a, b) }, fmt.Sprint(a), fmt.Sprint(b))
		// Every binary op reports the same error.
		expectPanic(t, fmt.Sprintf("Add(%v, %v)", a, b),
			func() { tensor.Add(tensor.New(a...), tensor.New(b...)) }, fmt.Sprint(a), fmt.Sprint(b))
		expectPanic(t, fmt.Sprintf("Zip(%v, %v)", a, b),
			func() { tensor.Zip(tensor.New(a...), tensor.New(b...), math.Max) }, fmt.Sprint(a), fmt.Sprint(b))
	}
}

func TestBinaryOpsMatchReference(t *testing.T) {
	ops := []struct {
		name string
		op   func(a, b *tensor.Tensor) *tensor.Tensor
		f    func(x, y float64) float64
	}{
		{"Add", tensor.Add, func(x, y float64) float64 { return x + y }},
		{"Sub", tensor.Sub, func(x, y float64) float64 { return x - y }},
		{"Mul", tensor.Mul, func(x, y float64) float64 { return x * y }},
		{"Div", tensor.Div, func(x, y float64) float64 { return x / y }},
		{"Zip(atan2)", func(a, b *tensor.Tensor) *tensor.Tensor { return tensor.Zip(a, b, math.Atan2) }, math.Atan2},
	}
	g := tensor.NewRNG(1)
	for _, p := range broadcastPairs {
		a, b := randT(g, p[0]...), randT(g, p[1]...)
		for _, op := range ops {
			want := refBinary(a, b, op.f)
			got := op.op(a, b)
			checkTensor(t, fmt.Sprintf("%s(%v, %v)", op.name, p[0], p[1]), got, want, approx)
		}
	}
}

func TestBinaryOpsDoNotAliasInputs(t *testing.T) {
	a := tensor.FromSlice([]float64{1, 2, 3}, 3)
	b := tensor.FromSlice([]float64{4, 5, 6}, 3)
	c := tensor.Add(a, b)
	c.Data[0] = 100
	if a.Data[0] != 1 || b.Data[0] != 4 {
		t.Errorf("Add's result shares memory with its inputs")
	}
}

func TestAddBiasToRows(t *testing.T) {
	x := tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	bias := tensor.FromSlice([]float64{10, 20, 30}, 3)
	got := tensor.Add(x, bias)
	want := tensor.FromSlice([]float64{11, 22, 33, 14, 25, 36}, 2, 3)
	checkTensor(t, "Add(x, bias)", got, want, approx)
}

// refSumTo sums t into shape by adding every element of t into the element
// of the result it was broadcast from.
func refSumTo(t *tensor.Tensor, shape []int) *tensor.Tensor {
	out := tensor.New(shape...)
	forEachIndex(t.Shape, func(idx []int) {
		j := srcIndex(idx, shape)
		out.Set(out.At(j...)+t.At(idx...), j...)
	})
	return out
}

func TestSumToIsTheAdjointOfBroadcasting(t *testing.T) {
	g := tensor.NewRNG(2)
	for _, p := range broadcastPairs {
		target, _ := refBroadcastShape(p[0], p[1])
		for _, xs := range p {
			x, y := randT(g, xs...), randT(g, target...)
			// broadcast(x): x added to zeros of the target shape.
			bx := tensor.Add(x, tensor.New(target...))
			sy := tensor.SumTo(y, xs)
			checkTensor(t, fmt.Sprintf("SumTo(%v -> %v)", target, xs), sy, refSumTo(y, xs), approx)
			lhs, rhs := dot(bx, y), dot(x, sy)
			if relErr(lhs, rhs) > 1e-12 {
				t.Errorf("shape %v broadcast to %v: <broadcast(x), y> = %.15g but <x, SumTo(y)> = %.15g", xs, target, lhs, rhs)
			}
		}
	}
}

func TestSumToSameShapeCopies(t *testing.T) {
	y := tensor.FromSlice([]float64{1, 2}, 2)
	s := tensor.SumTo(y, []int{2})
	s.Data[0] = 9
	if y.Data[0] != 1 {
		t.Errorf("SumTo to the same shape returned its input, not a copy")
	}
}

func TestSumToPanicsOnShapesThatDoNotBroadcast(t *testing.T) {
	y := tensor.New(2, 3)
	for _, s := range [][]int{{4}, {3, 3}, {2}, {1, 2, 3}} {
		expectPanic(t, fmt.Sprintf("SumTo(%v, %v)", y.Shape, s), func() { tensor.SumTo(y, s) }, fmt.Sprint(s), shapeStr(2, 3))
	}
}

func TestAxpyAndAddInPlace(t *testing.T) {
	g := tensor.NewRNG(3)
	cases := []struct{ t, u []int }{
		{[]int{2, 3}, []int{2, 3}},
		{[]int{2, 3}, []int{3}},
		{[]int{2, 3}, []int{2, 1}},
		{[]int{2, 3}, []int{1, 1}},
		{[]int{2, 3}, []int{}},
		{[]int{1, 1}, []int{}},
		{[]int{}, []int{}},
		{[]int{4, 2, 3}, []int{2, 1}},
		{[]int{0, 3}, []int{3}},
		{[]int{300, 200}, []int{300, 200}}, // large: the parallel path
		{[]int{300, 200}, []int{200}},
	}
	for _, c := range cases {
		x, u := randT(g, c.t...), randT(g, c.u...)
		alpha := -0.75
		want := refBinary(x, u, func(a, b float64) float64 { return a + alpha*b })
		got := x.Clone()
		got.Axpy(alpha, u)
		checkTensor(t, fmt.Sprintf("Axpy(%g, %v into %v)", alpha, c.u, c.t), got, want, approx)

		want = refBinary(x, u, func(a, b float64) float64 { return a + b })
		got = x.Clone()
		got.AddInPlace(u)
		checkTensor(t, fmt.Sprintf("AddInPlace(%v into %v)", c.u, c.t), got, want, approx)
	}
}

func TestAxpyPanicsWhenTheTargetWouldGrow(t *testing.T) {
	x := tensor.New(3)
	expectPanic(t, "Axpy([2 3] into [3])", func() { x.Axpy(1, tensor.New(2, 3)) }, "Axpy", shapeStr(3), shapeStr(2, 3))
	expectPanic(t, "AddInPlace([3 1] into [3])", func() { x.AddInPlace(tensor.New(3, 1)) }, shapeStr(3), shapeStr(3, 1))
	expectPanic(t, "Axpy([4] into [2 3])", func() { tensor.New(2, 3).Axpy(1, tensor.New(4)) }, shapeStr(4), shapeStr(2, 3))
}

// coalescingPairs broadcast the way a convolutional network does, with
// runs of adjacent axes that walk as one (the pixels of a channel, a
// channel and its pixels, the whole batch) and runs that do not.
var coalescingPairs = [][2][]int{
	{{2, 3, 4, 5}, {1, 3, 1, 1}},
	{{2, 3, 4, 5}, {3, 1, 1}},
	{{2, 3, 4, 5}, {2, 3, 1, 1}},
	{{2, 3, 4, 5}, {1, 1, 4, 5}},
	{{2, 3, 4, 5}, {2, 1, 4, 1}},
	{{2, 3, 4, 5}, {5}},
	{{2, 1, 4, 5}, {1, 3, 1, 1}},
	{{3, 1, 1, 2}, {1, 4, 5, 1}},
	{{1, 1, 6}, {2, 3, 1}},
}

// TestBroadcastingKeepsItsOrder: merging axes changes neither the order in
// which SumTo adds each element in nor any element of a broadcast
// operation, so both give the reference's very bits.
func TestBroadcastingKeepsItsOrder(t *testing.T) {
	g := tensor.NewRNG(3)
	for _, p := range coalescingPairs {
		a, b := randT(g, p[0]...), randT(g, p[1]...)
		got, want := tensor.Sub(a, b), refBinary(a, b, func(x, y float64) float64 { return x - y })
		for i := range want.Data {
			if math.Float64bits(got.Data[i]) != math.Float64bits(want.Data[i]) {
				t.Fatalf("Sub(%v, %v)[%d] = %v, want %v", p[0], p[1], i, got.Data[i], want.Data[i])
			}
		}
		target, _ := refBroadcastShape(p[0], p[1])
		y := randT(g, target...)
		for _, xs := range p {
			got, want := tensor.SumTo(y, xs), refSumTo(y, xs)
			for i := range want.Data {
				if math.Float64bits(got.Data[i]) != math.Float64bits(want.Data[i]) {
					t.Fatalf("SumTo(%v -> %v)[%d] = %v, want %v added in the same order", target, xs, i, got.Data[i], want.Data[i])
				}
			}
		}
	}
}
