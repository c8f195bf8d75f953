package tensor_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// refReduce folds t along axis with f, starting every output from init,
// one input element at a time; keepDims keeps the axis with size 1.
func refReduce(t *tensor.Tensor, axis int, keepDims bool, init float64, f func(acc, v float64) float64) *tensor.Tensor {
	kept := append([]int{}, t.Shape...)
	kept[axis] = 1
	out := tensor.Full(init, kept...)
	forEachIndex(t.Shape, func(idx []int) {
		j := append([]int{}, idx...)
		j[axis] = 0
		out.Set(f(out.At(j...), t.At(idx...)), j...)
	})
	if keepDims {
		return out
	}
	dropped := append(append([]int{}, t.Shape[:axis]...), t.Shape[axis+1:]...)
	return out.Reshape(dropped...)
}

func TestReductionsAlongEachAxis(t *testing.T) {
	g := tensor.NewRNG(5)
	x := randT(g, 3, 4, 5)
	for axis := -3; axis < 3; axis++ {
		a := (axis + 3) % 3
		n := float64(x.Shape[a])
		for _, keep := range []bool{false, true} {
			name := fmt.Sprintf("axis %d keepDims %v", axis, keep)
			sum := refReduce(x, a, keep, 0, func(acc, v float64) float64 { return acc + v })
			checkTensor(t, "SumAxis "+name, tensor.SumAxis(x, axis, keep), sum, approx)
			mean := refReduce(x, a, keep, 0, func(acc, v float64) float64 { return acc + v/n })
			checkTensor(t, "MeanAxis "+name, tensor.MeanAxis(x, axis, keep), mean, approx)
			mx := refReduce(x, a, keep, math.Inf(-1), math.Max)
			checkTensor(t, "MaxAxis "+name, tensor.MaxAxis(x, axis, keep), mx, approx)
		}
	}
}

func TestKeepDimsResultBroadcastsBack(t *testing.T) {
	// x - mean(x, axis, keepDims) has zero mean along that axis: the
	// centring step of normalisation layers.
	g := tensor.NewRNG(6)
	x := randT(g, 2, 3, 4)
	for axis := 0; axis < 3; axis++ {
		c := tensor.Sub(x, tensor.MeanAxis(x, axis, true))
		if m := tensor.MaxAbs(tensor.MeanAxis(c, axis, false)); m > 1e-15 {
			t.Errorf("axis %d: centred tensor has mean up to %g", axis, m)
		}
	}
}

func TestReduceRankOneToScalarAndEmptyAxis(t *testing.T) {
	x := tensor.FromSlice([]float64{1, 5, 3}, 3)
	if s := tensor.SumAxis(x, 0, false); s.Dims() != 0 || s.Item() != 9 {
		t.Errorf("SumAxis of a vector = %v, want scalar 9", s)
	}
	if s := tensor.MaxAxis(x, -1, true); !tensor.EqualShape(s.Shape, []int{1}) || s.Item() != 5 {
		t.Errorf("MaxAxis(keepDims) of a vector = %v, want [1] holding 5", s)
	}
	e := tensor.New(2, 0)
	if s := tensor.SumAxis(e, 1, false); !tensor.EqualShape(s.Shape, []int{2}) || tensor.MaxAbs(s) != 0 {
		t.Errorf("SumAxis over an empty axis = %v, want zeros of shape [2]", s)
	}
	expectPanic(t, "MaxAxis over an empty axis", func() { tensor.MaxAxis(e, 1, false) }, shapeStr(2, 0))
	expectPanic(t, "SumAxis axis 3 of a rank-2 tensor", func() { tensor.SumAxis(e, 3, false) }, shapeStr(2, 0))
}

func TestSumMeanMaxAbs(t *testing.T) {
	x := tensor.FromSlice([]float64{1, -7, 2, 4}, 2, 2)
	if tensor.Sum(x) != 0 || tensor.Mean(x) != 0 || tensor.MaxAbs(x) != 7 {
		t.Errorf("Sum %g Mean %g MaxAbs %g of %v", tensor.Sum(x), tensor.Mean(x), tensor.MaxAbs(x), x.Data)
	}
}

func TestArgMaxTakesTheFirstOfTies(t *testing.T) {
	x := tensor.FromSlice([]float64{
		1, 3, 3, 2, // tie between 1 and 2
		5, 5, 5, 5, // all equal
		-1, -2, -3, -0.5,
		0, 0, 7, 7,
		-math.MaxFloat64, math.Inf(-1), -math.MaxFloat64, -1e308,
		math.Inf(1), math.Inf(1), 0, 0,
	}, 2, 3, 4)
	got := tensor.ArgMax(x)
	want := []int{1, 0, 3, 2, 3, 0}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ArgMax = %v, want %v", got, want)
	}
	// A reference: the first j with x[r, j] equal to the row's maximum.
	g := tensor.NewRNG(7)
	y := tensor.Map(randT(g, 50, 6), math.Round) // rounding makes ties common
	mx := tensor.MaxAxis(y, -1, false)
	for r, j := range tensor.ArgMax(y) {
		first := -1
		for k := 0; k < 6; k++ {
			if y.At(r, k) == mx.Data[r] {
				first = k
				break
			}
		}
		if j != first {
			t.Errorf("row %d %v: ArgMax %d, want %d", r, y.Data[r*6:(r+1)*6], j, first)
		}
	}
}
