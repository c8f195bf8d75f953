package tensor_test

import (
	"fmt"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

func TestReshapeInfersMinusOneAndSharesData(t *testing.T) {
	x := tensor.New(2, 3, 4)
	cases := []struct{ in, want []int }{
		{[]int{-1}, []int{24}},
		{[]int{6, -1}, []int{6, 4}},
		{[]int{-1, 12}, []int{2, 12}},
		{[]int{2, -1, 2}, []int{2, 6, 2}},
		{[]int{4, 3, 2}, []int{4, 3, 2}},
		{[]int{1, 24, 1}, []int{1, 24, 1}},
	}
	for _, c := range cases {
		in := append([]int{}, c.in...)
		r := x.Reshape(in...)
		if !tensor.EqualShape(r.Shape, c.want) {
			t.Errorf("Reshape(%v) of %v has shape %v, want %v", c.in, x.Shape, r.Shape, c.want)
		}
		if !tensor.EqualShape(in, c.in) {
			t.Errorf("Reshape(%v) changed its argument to %v", c.in, in)
		}
		r.Data[5] = float64(len(c.in))
		if x.Data[5] != float64(len(c.in)) {
			t.Errorf("Reshape(%v) does not share data", c.in)
		}
	}
	if s := tensor.Scalar(3).Reshape(1, 1); s.At(0, 0) != 3 {
		t.Errorf("Reshape of a scalar to [1 1]: %v", s)
	}
	if e := tensor.New(0, 5).Reshape(-1, 5); !tensor.EqualShape(e.Shape, []int{0, 5}) {
		t.Errorf("Reshape(-1, 5) of an empty [0 5]: shape %v", e.Shape)
	}
	expectPanic(t, "Reshape to the wrong size", func() { x.Reshape(5, 5) }, shapeStr(2, 3, 4), shapeStr(5, 5))
	expectPanic(t, "Reshape with -1 that does not divide", func() { x.Reshape(5, -1) }, shapeStr(2, 3, 4))
	expectPanic(t, "Reshape with two -1", func() { x.Reshape(-1, -1) }, "-1")
}

// refTranspose moves every element with At and Set: out[idx] = t[src]
// where src[perm[i]] = idx[i].
func refTranspose(t *tensor.Tensor, perm []int) *tensor.Tensor {
	shape := make([]int, len(perm))
	for i, p := range perm {
		shape[i] = t.Shape[p]
	}
	out := tensor.New(shape...)
	src := make([]int, len(perm))
	forEachIndex(shape, func(idx []int) {
		for i, p := range perm {
			src[p] = idx[i]
		}
		out.Set(t.At(src...), idx...)
	})
	return out
}

func TestTransposeRandomPermutations(t *testing.T) {
	g := tensor.NewRNG(8)
	for rank := 2; rank <= 4; rank++ {
		for trial := 0; trial < 12; trial++ {
			shape := make([]int, rank)
			for i := range shape {
				shape[i] = 1 + g.Intn(4)
			}
			if trial == 0 {
				shape[g.Intn(rank)] = 0 // one zero-size axis
			}
			x := randT(g, shape...)
			perm := g.Perm(rank)
			name := fmt.Sprintf("Transpose(%v, %v)", shape, perm)
			y := tensor.Transpose(x, perm...)
			checkTensor(t, name, y, refTranspose(x, perm), approx)
			back := tensor.Transpose(y, tensor.InversePerm(perm)...)
			checkTensor(t, name+" then InversePerm", back, x, approx)
		}
	}
}

func TestTransposeDefaultReversesAndT(t *testing.T) {
	g := tensor.NewRNG(9)
	x := randT(g, 2, 3, 4)
	checkTensor(t, "Transpose() of rank 3", tensor.Transpose(x), refTranspose(x, []int{2, 1, 0}), approx)
	m := randT(g, 3, 5)
	checkTensor(t, "T()", m.T(), refTranspose(m, []int{1, 0}), approx)
	checkTensor(t, "Transpose(m, 0, 1)", tensor.Transpose(m, 0, 1), m, approx)
	expectPanic(t, "T of a rank-3 tensor", func() { x.T() }, shapeStr(2, 3, 4))
	expectPanic(t, "Transpose with a repeated axis", func() { tensor.Transpose(x, 0, 0, 1) }, "[0 0 1]", shapeStr(2, 3, 4))
	expectPanic(t, "Transpose with too few axes", func() { tensor.Transpose(x, 1, 0) }, shapeStr(2, 3, 4))
}

func TestInversePerm(t *testing.T) {
	g := tensor.NewRNG(10)
	for n := 1; n <= 6; n++ {
		p := g.Perm(n)
		inv := tensor.InversePerm(p)
		for i := range p {
			if inv[p[i]] != i || p[inv[i]] != i {
				t.Fatalf("InversePerm(%v) = %v", p, inv)
			}
		}
	}
}

// refSlice copies x[..., start:end, ...] element by element.
func refSlice(x *tensor.Tensor, axis, start, end int) *tensor.Tensor {
	shape := append([]int{}, x.Shape...)
	shape[axis] = end - start
	out := tensor.New(shape...)
	forEachIndex(shape, func(idx []int) {
		src := append([]int{}, idx...)
		src[axis] += start
		out.Set(x.At(src...), idx...)
	})
	return out
}

func TestSliceConcatStackRoundTrips(t *testing.T) {
	g := tensor.NewRNG(11)
	x := randT(g, 3, 4, 5)
	for axis := 0; axis < 3; axis++ {
		n := x.Shape[axis]
		cut1, cut2 := 1, n-1
		parts := []*tensor.Tensor{
			tensor.Slice(x, axis, 0, cut1),
			tensor.Slice(x, axis, cut1, cut1), // empty
			tensor.Slice(x, axis-3, cut1, cut2),
			tensor.Slice(x, axis, cut2, n),
		}
		for i, r := range [][2]int{{0, cut1}, {cut1, cut1}, {cut1, cut2}, {cut2, n}} {
			checkTensor(t, fmt.Sprintf("Slice(axis %d, %d:%d)", axis, r[0], r[1]), parts[i], refSlice(x, axis, r[0], r[1]), approx)
		}
		checkTensor(t, fmt.Sprintf("Concat(axis %d) of slices", axis), tensor.Concat(axis, parts...), x, approx)

		// Stack n slices of width one along a new axis, then undo it.
		var ts []*tensor.Tensor
		for i := 0; i < n; i++ {
			ts = append(ts, tensor.Slice(x, axis, i, i+1).Reshape(dropAxis(x.Shape, axis)...))
		}
		stacked := tensor.Stack(axis, ts...)
		checkTensor(t, fmt.Sprintf("Stack(axis %d) of unit slices", axis), stacked, x, approx)
		for i, s := range ts {
			checkTensor(t, fmt.Sprintf("Stack(axis %d) part %d", axis, i),
				tensor.Slice(stacked, axis, i, i+1).Reshape(s.Shape...), s, approx)
		}
	}
	// Stack with a negative axis puts the new axis last.
	a, b := randT(g, 2, 3), randT(g, 2, 3)
	st := tensor.Stack(-1, a, b)
	if !tensor.EqualShape(st.Shape, []int{2, 3, 2}) || st.At(1, 2, 0) != a.At(1, 2) || st.At(1, 2, 1) != b.At(1, 2) {
		t.Errorf("Stack(-1) of two [2 3]: %v", st)
	}
}

func dropAxis(shape []int, axis int) []int {
	return append(append([]int{}, shape[:axis]...), shape[axis+1:]...)
}

func TestSliceConcatStackPanics(t *testing.T) {
	x := tensor.New(2, 3)
	expectPanic(t, "Slice past the end", func() { tensor.Slice(x, 1, 1, 4) }, shapeStr(2, 3))
	expectPanic(t, "Slice start after end", func() { tensor.Slice(x, 0, 2, 1) }, shapeStr(2, 3))
	expectPanic(t, "Concat of nothing", func() { tensor.Concat(0) })
	expectPanic(t, "Concat with a differing axis", func() { tensor.Concat(0, x, tensor.New(2, 4)) }, shapeStr(2, 3), shapeStr(2, 4))
	expectPanic(t, "Concat with a differing rank", func() { tensor.Concat(0, x, tensor.New(6)) }, shapeStr(2, 3), shapeStr(6))
	expectPanic(t, "Stack of different shapes", func() { tensor.Stack(0, x, tensor.New(3, 2)) }, shapeStr(2, 3), shapeStr(3, 2))
	expectPanic(t, "Stack axis out of range", func() { tensor.Stack(3, x) }, shapeStr(2, 3))
	expectPanic(t, "Stack axis -4", func() { tensor.Stack(-4, x) }, shapeStr(2, 3))
	expectPanic(t, "Stack of nothing", func() { tensor.Stack(0) })
}

func TestRowsAndAddRowsAreAdjoint(t *testing.T) {
	g := tensor.NewRNG(12)
	table := randT(g, 7, 2, 3)     // seven "rows" of shape [2 3]
	idx := []int{3, 0, 6, 3, 3, 1} // repeats must accumulate in AddRows
	got := tensor.Rows(table, idx)
	if !tensor.EqualShape(got.Shape, []int{6, 2, 3}) {
		t.Fatalf("Rows shape %v, want [6 2 3]", got.Shape)
	}
	forEachIndex(got.Shape, func(i []int) {
		if got.At(i...) != table.At(idx[i[0]], i[1], i[2]) {
			t.Fatalf("Rows: element %v is %g, want table%v", i, got.At(i...), []int{idx[i[0]], i[1], i[2]})
		}
	})
	// <Rows(x, idx), y> == <x, AddRows(0, idx, y)>.
	y := randT(g, 6, 2, 3)
	back := tensor.ZerosLike(table)
	back.AddRows(idx, y)
	if lhs, rhs := dot(got, y), dot(table, back); relErr(lhs, rhs) > 1e-12 {
		t.Errorf("<Rows(x), y> = %.15g but <x, AddRows(y)> = %.15g", lhs, rhs)
	}
	// AddRows adds to what is there; row 3 receives three source rows.
	base := tensor.Ones(7, 2, 3)
	base.AddRows(idx, y)
	want := 1 + y.At(0, 1, 2) + y.At(3, 1, 2) + y.At(4, 1, 2)
	if relErr(base.At(3, 1, 2), want) > 1e-15 {
		t.Errorf("AddRows with repeated index: %g, want %g", base.At(3, 1, 2), want)
	}
	expectPanic(t, "Rows index out of range", func() { tensor.Rows(table, []int{7}) }, "7", shapeStr(7, 2, 3))
	expectPanic(t, "AddRows with a source of the wrong size", func() { back.AddRows([]int{1, 2}, tensor.New(3, 2, 3)) }, shapeStr(3, 2, 3), shapeStr(7, 2, 3))
}

func TestEdgeCasesPanicWithShapes(t *testing.T) {
	expectPanic(t, "AddRows with an index out of range", func() {
		tensor.New(3, 2).AddRows([]int{3}, tensor.New(1, 2))
	}, "index 3", "[3 2]")
	expectPanic(t, "ArgMax over an empty axis", func() { tensor.ArgMax(tensor.New(2, 0)) }, "[2 0]")
	expectPanic(t, "Reshape(0, -1) of an empty tensor", func() { tensor.New(0, 4).Reshape(0, -1) }, "[0 4]", "[0 -1]")
	expectPanic(t, "Reshape(-1, 4) of 6 elements", func() { tensor.New(2, 3).Reshape(-1, 4) }, "[2 3]", "[-1 4]")
}
