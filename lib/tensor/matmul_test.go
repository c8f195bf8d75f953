package tensor_test

import (
	"fmt"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// refMatMul is the triple loop over op(a)·op(b), where op transposes when
// its flag is set: c[i][j] = Σ_p op(a)[i][p]·op(b)[p][j].
func refMatMul(a *tensor.Tensor, transA bool, b *tensor.Tensor, transB bool) *tensor.Tensor {
	at := func(x *tensor.Tensor, trans bool, i, j int) float64 {
		if trans {
			return x.At(j, i)
		}
		return x.At(i, j)
	}
	m, k := a.Shape[0], a.Shape[1]
	if transA {
		m, k = k, m
	}
	n := b.Shape[1]
	if transB {
		n = b.Shape[0]
	}
	c := tensor.New(m, n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			s := 0.0
			for p := 0; p < k; p++ {
				s += at(a, transA, i, p) * at(b, transB, p, j)
			}
			c.Set(s, i, j)
		}
	}
	return c
}

// stored returns the shape of a matrix that op(·) turns into r x c.
func stored(r, c int, trans bool) []int {
	if trans {
		return []int{c, r}
	}
	return []int{r, c}
}

func TestMatMulTAllTransposeCombinations(t *testing.T) {
	g := tensor.NewRNG(13)
	for _, d := range [][3]int{{3, 5, 4}, {1, 7, 2}, {6, 1, 5}, {33, 47, 29}, {2, 0, 3}, {0, 4, 3}, {3, 4, 0}} {
		m, k, n := d[0], d[1], d[2]
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				a, b := randT(g, stored(m, k, ta)...), randT(g, stored(k, n, tb)...)
				name := fmt.Sprintf("MatMulT(%v ᵀ%v, %v ᵀ%v)", a.Shape, ta, b.Shape, tb)
				checkTensor(t, name, tensor.MatMulT(a, ta, b, tb), refMatMul(a, ta, b, tb), approx)
				if !ta && !tb {
					checkTensor(t, fmt.Sprintf("MatMul(%v, %v)", a.Shape, b.Shape), tensor.MatMul(a, b), refMatMul(a, false, b, false), approx)
				}
			}
		}
	}
}

func TestMatMulTransposeIdentities(t *testing.T) {
	// (a·b)ᵀ = bᵀ·aᵀ, and MatMulT equals MatMul of materialised transposes.
	g := tensor.NewRNG(14)
	a, b := randT(g, 4, 6), randT(g, 6, 3)
	checkTensor(t, "(ab)ᵀ vs bᵀaᵀ", tensor.MatMul(a, b).T(), tensor.MatMulT(b, true, a, true), approx)
	checkTensor(t, "MatMulT(aᵀ) vs MatMul(T(aᵀ))", tensor.MatMulT(a.T(), true, b, false), tensor.MatMul(a, b), approx)
}

func TestBLASNamesTheBackend(t *testing.T) {
	if tensor.BLAS() == "" {
		t.Error("BLAS() is empty; it should name the implementation behind MatMul")
	}
}

func TestMatMulPanicsNameShapes(t *testing.T) {
	a, b := tensor.New(2, 3), tensor.New(4, 5)
	expectPanic(t, "MatMul inner mismatch", func() { tensor.MatMul(a, b) }, shapeStr(2, 3), shapeStr(4, 5))
	expectPanic(t, "MatMulT inner mismatch", func() { tensor.MatMulT(a, true, b, false) }, shapeStr(2, 3), shapeStr(4, 5))
	expectPanic(t, "MatMul of a vector", func() { tensor.MatMul(tensor.New(3), b) }, shapeStr(3), shapeStr(4, 5))
	expectPanic(t, "BatchedMatMul batch mismatch", func() { tensor.BatchedMatMul(tensor.New(2, 3, 4), false, tensor.New(3, 4, 5), false) }, shapeStr(2, 3, 4), shapeStr(3, 4, 5))
	expectPanic(t, "BatchedMatMul inner mismatch", func() { tensor.BatchedMatMul(tensor.New(2, 3, 4), false, tensor.New(2, 3, 5), false) }, shapeStr(2, 3, 4), shapeStr(2, 3, 5))
	expectPanic(t, "BatchedMatMul of vectors", func() { tensor.BatchedMatMul(tensor.New(4), false, tensor.New(4, 5), false) }, shapeStr(4), shapeStr(4, 5))
}

// refBatched multiplies the matrices of a batch one by one with refMatMul;
// bShared means b is one matrix used for every batch entry.
func refBatched(a *tensor.Tensor, ta bool, b *tensor.Tensor, tb bool) *tensor.Tensor {
	ra, rb := a.Dims(), b.Dims()
	am := a.Reshape(-1, a.Shape[ra-2], a.Shape[ra-1])
	var outs []*tensor.Tensor
	for i := 0; i < am.Shape[0]; i++ {
		ai := tensor.Slice(am, 0, i, i+1).Reshape(a.Shape[ra-2], a.Shape[ra-1])
		bi := b
		if rb > 2 {
			bm := b.Reshape(-1, b.Shape[rb-2], b.Shape[rb-1])
			bi = tensor.Slice(bm, 0, i, i+1).Reshape(b.Shape[rb-2], b.Shape[rb-1])
		}
		outs = append(outs, refMatMul(ai, ta, bi, tb))
	}
	c := tensor.Stack(0, outs...)
	shape := append(append([]int{}, a.Shape[:ra-2]...), c.Shape[1:]...)
	return c.Reshape(shape...)
}

func TestBatchedMatMul(t *testing.T) {
	g := tensor.NewRNG(15)
	m, k, n := 3, 5, 4
	for _, batch := range [][]int{{}, {6}, {2, 3}} {
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				as := append(append([]int{}, batch...), stored(m, k, ta)...)
				bs := append(append([]int{}, batch...), stored(k, n, tb)...)
				a, b := randT(g, as...), randT(g, bs...)
				name := fmt.Sprintf("BatchedMatMul(%v ᵀ%v, %v ᵀ%v)", as, ta, bs, tb)
				checkTensor(t, name, tensor.BatchedMatMul(a, ta, b, tb), refBatched(a, ta, b, tb), approx)

				shared := randT(g, stored(k, n, tb)...)
				name = fmt.Sprintf("BatchedMatMul(%v ᵀ%v, shared %v ᵀ%v)", as, ta, shared.Shape, tb)
				checkTensor(t, name, tensor.BatchedMatMul(a, ta, shared, tb), refBatched(a, ta, shared, tb), approx)
			}
		}
	}
}

func TestBatchedMatMulLargeBatchRunsInParallel(t *testing.T) {
	// 64 products of 16x16·16x16 is 64·16³ = 2¹⁸ units of work, above the
	// parallel grain; the result must not depend on how the batch is split.
	g := tensor.NewRNG(16)
	a, b := randT(g, 4, 16, 16, 16), randT(g, 4, 16, 16, 16)
	checkTensor(t, "BatchedMatMul of 64 matrices", tensor.BatchedMatMul(a, false, b, true), refBatched(a, false, b, true), approx)
}
