package tensor_test

import (
	"fmt"
	"math"
	"testing"
	"unsafe"

	"github.com/luoxia/aigc/lib/tensor"
)

// same reports whether a and b start at the same memory.
func same(a, b *tensor.Tensor) bool {
	return len(a.Data) > 0 && len(b.Data) > 0 && unsafe.SliceData(a.Data) == unsafe.SliceData(b.Data)
}

// Empty hands out recycled memory of the right length, old values and
// all, each slice once; a tensor listed twice is recycled once, nil is
// skipped; and a later Recycle lets go of what an earlier one left.
func TestEmptyReusesRecycledMemory(t *testing.T) {
	a, b := tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3), tensor.Full(7, 3, 2)
	short := tensor.FromSlice(make([]float64, 4, 8), 4)
	tensor.Recycle(a, b, nil, a, short)

	e1, e2, e3 := tensor.Empty(6), tensor.Empty(3, 2), tensor.Empty(6)
	if !(same(e1, a) || same(e1, b)) || !(same(e2, a) || same(e2, b)) || same(e1, e2) {
		t.Fatalf("Empty(6) and Empty(3, 2) after recycling two 6-element tensors: got fresh or shared memory")
	}
	if same(e3, a) || same(e3, b) || e3.Data[0] != 0 {
		t.Fatalf("a third Empty(6) reused memory given once (a was listed twice): %v", e3.Data)
	}
	if !tensor.EqualShape(e2.Shape, []int{3, 2}) || len(e2.Data) != 6 {
		t.Fatalf("Empty(3, 2): shape %v, %d elements", e2.Shape, len(e2.Data))
	}
	if got := e1.Data[0] + e2.Data[0]; got != 1+7 {
		t.Fatalf("recycled memory should keep its old values (1 and 7 first), got %v and %v", e1.Data, e2.Data)
	}
	if e8 := tensor.Empty(8); !same(e8, short) || len(e8.Data) != 8 {
		t.Fatalf("a 4-element tensor with room for 8 should come back whole as Empty(8)")
	}
	if e4 := tensor.Empty(4); same(e4, short) {
		t.Fatalf("Empty(4) took memory recycled as 8 elements")
	}

	c := tensor.New(5)
	tensor.Recycle(c)
	tensor.Recycle() // lets go of c
	if same(tensor.Empty(5), c) {
		t.Fatalf("Empty(5) returned memory an earlier Recycle left, after a later Recycle")
	}
}

// poisoned runs op twice: once with nothing recycled, and once after
// recycling NaN-filled tensors of every size in sizes, so that each
// Empty the operation calls hands it garbage. An operation that reads
// memory it should have written, or leaves some of it unwritten, returns
// different bits the second time.
func poisoned(t *testing.T, what string, sizes []int, op func() []*tensor.Tensor) {
	t.Helper()
	tensor.Recycle()
	want := op()
	var garbage []*tensor.Tensor
	for _, n := range sizes {
		for range 4 {
			garbage = append(garbage, tensor.Full(math.NaN(), n))
		}
	}
	tensor.Recycle(garbage...)
	got := op()
	tensor.Recycle()
	for i := range want {
		for j, w := range want[i].Data {
			if g := got[i].Data[j]; math.Float64bits(g) != math.Float64bits(w) {
				t.Fatalf("%s: result %d [%d] is %v on recycled memory, %v on fresh", what, i, j, g, w)
			}
		}
	}
}

// Every operation that asks Empty for its result writes all of it: the
// products on each of their paths (tiny, few rows, blocked, k = 0), both
// precisions, the elementwise operations (same shapes and broadcast),
// transposes, softmaxes and the float32 GELU.
func TestEmptyResultsAreOverwritten(t *testing.T) {
	g := tensor.NewRNG(31)
	for _, p := range []tensor.Precision{tensor.Float64, tensor.Float32} {
		for _, d := range [][3]int{{2, 3, 4}, {2, 40, 50}, {30, 40, 50}, {300, 70, 90}, {5, 6, 0}} {
			m, n, k := d[0], d[1], d[2]
			a, bt := randT(g, k, m), randT(g, n, k)
			for _, trans := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
				x, y := a, bt
				if !trans[0] {
					x = tensor.Transpose(a)
				}
				if !trans[1] {
					y = tensor.Transpose(bt)
				}
				poisoned(t, fmt.Sprintf("MatMulTIn(%v) %dx%dx%d %v", p, m, n, k, trans), []int{m * n}, func() []*tensor.Tensor {
					return []*tensor.Tensor{tensor.MatMulTIn(p, x, trans[0], y, trans[1])}
				})
			}
		}
		qa, kb := randT(g, 3, 2, 9, 8), randT(g, 3, 2, 8, 9)
		poisoned(t, fmt.Sprintf("BatchedMatMulIn(%v)", p), []int{3 * 2 * 9 * 9}, func() []*tensor.Tensor {
			return []*tensor.Tensor{tensor.BatchedMatMulIn(p, qa, false, kb, false)}
		})
		s, mask := randT(g, 2, 3, 5, 7), tensor.New(5, 7)
		mask.Data[3] = math.Inf(-1)
		poisoned(t, fmt.Sprintf("SoftmaxIn and ScaledSoftmaxIn (%v)", p), []int{len(s.Data)}, func() []*tensor.Tensor {
			return []*tensor.Tensor{tensor.SoftmaxIn(p, s), tensor.ScaledSoftmaxIn(p, s, 0.3, mask), tensor.ScaledSoftmaxIn(p, s, 0.3, nil)}
		})
	}
	x, y, row := randT(g, 4, 6), randT(g, 4, 6), randT(g, 6)
	poisoned(t, "Add, Sub, Mul, Div, Zip, Map", []int{24}, func() []*tensor.Tensor {
		return []*tensor.Tensor{tensor.Add(x, y), tensor.Sub(x, row), tensor.Mul(row, y), tensor.Div(x, y),
			tensor.Zip(x, row, math.Atan2), tensor.Map(x, math.Sin)}
	})
	cube := randT(g, 3, 4, 5)
	poisoned(t, "Transpose", []int{24, 60}, func() []*tensor.Tensor {
		return []*tensor.Tensor{tensor.Transpose(x.Reshape(4, 6)), tensor.Transpose(cube, 1, 0, 2), tensor.Transpose(cube, 2, 0, 1), tensor.Transpose(x.Reshape(2, 12))}
	})
	h := randT(g, 5, 11)
	poisoned(t, "GELUFloat32", []int{55}, func() []*tensor.Tensor {
		y, dy := tensor.GELUFloat32(h)
		return []*tensor.Tensor{y, dy}
	})
}
