package tensor_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// naiveLogSumExp is the formula without the max trick; fine for moderate inputs.
func naiveLogSumExp(row []float64) float64 {
	s := 0.0
	for _, v := range row {
		s += math.Exp(v)
	}
	return math.Log(s)
}

func TestSoftmaxRowsSumToOne(t *testing.T) {
	g := tensor.NewRNG(17)
	x := tensor.Scale(randT(g, 4, 3, 7), 5)
	s := tensor.Softmax(x)
	for r := 0; r < 12; r++ {
		sum := 0.0
		for _, v := range s.Data[r*7 : (r+1)*7] {
			if v <= 0 || v > 1 {
				t.Errorf("row %d: softmax value %g outside (0, 1]", r, v)
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-14 {
			t.Errorf("row %d sums to %.17g", r, sum)
		}
	}
	// Softmax is invariant to adding a constant to a row.
	checkTensor(t, "Softmax(x + 100)", tensor.Softmax(tensor.AddScalar(x, 100)), s, approxTol(1e-10, 1e-14))
}

func TestSoftmaxFamilyIsStableForHugeInputs(t *testing.T) {
	x := tensor.FromSlice([]float64{
		1000, -1000, 0,
		1000, 1000, 1000,
		-1000, -1000, -1000,
		1e308, -1e308, 0,
		-800, -799, -801,
	}, 5, 3)
	s, ls, lse := tensor.Softmax(x), tensor.LogSoftmax(x), tensor.LogSumExp(x)
	for name, v := range map[string][]float64{"Softmax": s.Data, "LogSoftmax": ls.Data, "LogSumExp": lse.Data} {
		for i, f := range v {
			if math.IsNaN(f) || math.IsInf(f, 0) && name != "LogSoftmax" {
				t.Errorf("%s: element %d is %g", name, i, f)
			}
		}
	}
	// Shifting by the row maximum must not cost accuracy: computing
	// exp(x - logsumexp(x)) instead would round logsumexp at the scale of
	// the maximum and be off by about |max|·2⁻⁵², 1e-13 here.
	wantS := []float64{1, 0, 0, 1. / 3, 1. / 3, 1. / 3, 1. / 3, 1. / 3, 1. / 3, 1, 0, 0}
	if d := maxDiff(s.Data[:12], wantS); d > 1e-15 {
		t.Errorf("Softmax of huge rows = %v, want %v", s.Data[:12], wantS)
	}
	// Row 4 is row [0, 1, -1] shifted by -800.
	small := tensor.Softmax(tensor.FromSlice([]float64{0, 1, -1}, 3))
	if d := maxDiff(s.Data[12:], small.Data); d > 1e-15 {
		t.Errorf("Softmax([-800 -799 -801]) = %v, want %v", s.Data[12:], small.Data)
	}
	wantLSE := []float64{1000, 1000 + math.Log(3), -1000 + math.Log(3), 1e308}
	if d := maxDiff(lse.Data[:4], wantLSE); d > 1e-12 {
		t.Errorf("LogSumExp of huge rows = %v, want %v", lse.Data[:4], wantLSE)
	}
	if got, want := lse.Data[4], -799+naiveLogSumExp([]float64{-1, 0, -2}); math.Abs(got-want) > 1e-12 {
		t.Errorf("LogSumExp([-800 -799 -801]) = %.15g, want %.15g", got, want)
	}
}

func maxDiff(a, b []float64) float64 {
	m := 0.0
	for i := range a {
		m = math.Max(m, math.Abs(a[i]-b[i]))
	}
	return m
}

func TestLogSoftmaxAndLogSumExpMatchNaiveFormulas(t *testing.T) {
	g := tensor.NewRNG(18)
	x := tensor.Scale(randT(g, 2, 5, 6), 3)
	lse := tensor.LogSumExp(x)
	if !tensor.EqualShape(lse.Shape, []int{2, 5}) {
		t.Fatalf("LogSumExp of %v has shape %v, want [2 5]", x.Shape, lse.Shape)
	}
	want := tensor.New(2, 5)
	for r := range want.Data {
		want.Data[r] = naiveLogSumExp(x.Data[r*6 : (r+1)*6])
	}
	checkTensor(t, "LogSumExp vs naive", lse, want, approxTol(1e-13, 1e-13))
	checkTensor(t, "LogSoftmax vs log(Softmax)", tensor.LogSoftmax(x), tensor.Log(tensor.Softmax(x)), approxTol(1e-12, 1e-13))
	checkTensor(t, "LogSoftmax vs x - LogSumExp", tensor.LogSoftmax(x),
		tensor.Sub(x, lse.Reshape(2, 5, 1)), approxTol(1e-13, 1e-13))
	// A vector's LogSumExp is a scalar.
	v := tensor.FromSlice([]float64{1, 2, 3}, 3)
	if s := tensor.LogSumExp(v); s.Dims() != 0 || math.Abs(s.Item()-naiveLogSumExp(v.Data)) > 1e-14 {
		t.Errorf("LogSumExp of a vector = %v", s)
	}
}

func TestSoftmaxOfMaskedEntries(t *testing.T) {
	// -Inf entries (a causal mask) get probability 0, and the rest still sum to 1.
	x := tensor.FromSlice([]float64{2, math.Inf(-1), 1, math.Inf(-1)}, 1, 4)
	s := tensor.Softmax(x)
	e := math.Exp(1)
	want := []float64{e / (e + 1), 0, 1 / (e + 1), 0}
	if d := maxDiff(s.Data, want); d > 1e-15 || math.IsNaN(d) {
		t.Errorf("Softmax with -Inf entries = %v, want %v", s.Data, want)
	}
}

// The masked entries' zeros are exact, not merely small, and a row masked
// throughout comes out as zeros, not NaN, while the rows beside it are
// unaffected.
func TestSoftmaxOfFullyMaskedRow(t *testing.T) {
	inf := math.Inf(1)
	x := tensor.FromSlice([]float64{-inf, -inf, -inf, 0, -inf, 0}, 2, 3)
	s := tensor.Softmax(x).Data
	want := []float64{0, 0, 0, 0.5, 0, 0.5}
	for i, v := range want {
		if s[i] != v {
			t.Fatalf("Softmax of %v = %v, want exactly %v", x.Data, s, want)
		}
	}
}

func TestLogSumExpOfInfiniteRows(t *testing.T) {
	inf := math.Inf(1)
	x := tensor.FromSlice([]float64{-inf, -inf, 3, inf, -inf, 0}, 3, 2)
	got := tensor.LogSumExp(x).Data
	// log(0) = -Inf for a fully masked row; +Inf dominates any sum.
	if want := []float64{-inf, inf, 0}; got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("LogSumExp of %v = %v, want %v", x.Data, got, want)
	}
}

func TestSoftmaxLargeBatchMatchesRowByRow(t *testing.T) {
	// 4096 rows of 16 is 2¹⁶ elements: LogSoftmax splits the rows across goroutines.
	g := tensor.NewRNG(19)
	x := randT(g, 4096, 16)
	got := tensor.Softmax(x)
	for r := 0; r < 4096; r += 97 {
		row := tensor.Softmax(tensor.Slice(x, 0, r, r+1))
		if d := maxDiff(got.Data[r*16:(r+1)*16], row.Data); d != 0 {
			t.Fatalf("row %d of a large Softmax differs from the row alone by %g", r, d)
		}
	}
}
