package nn

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestMSE(t *testing.T) {
	pred, target := randParam(1, 4, 3), randParam(2, 4, 3)
	checkGrad(t, func() *autograd.Value { return MSE(pred, target) }, pred, target)
	p := autograd.Const(tensor.FromSlice([]float64{1, 2, 3}, 3))
	q := autograd.Const(tensor.FromSlice([]float64{1, 0, 6}, 3))
	if got := MSE(p, q).Item(); got != (0+4+9)/3.0 {
		t.Fatalf("MSE = %g, want 13/3", got)
	}
	mustPanic(t, func() { MSE(randParam(1, 4, 1), randParam(2, 4)) }, "[4 1]", "[4]")
}

func TestBCEWithLogitsGradient(t *testing.T) {
	z := randParam(1, 6, 2)
	y := autograd.Param(tensor.RandU(tensor.NewRNG(3), 0, 1, 6, 2)) // soft targets, differentiated too
	checkGrad(t, func() *autograd.Value { return BCEWithLogits(z, y) }, z, y)
}

// For moderate logits the stable form equals the textbook formula.
func TestBCEWithLogitsValue(t *testing.T) {
	zs, ys := []float64{-3, -0.5, 0, 0.7, 4}, []float64{0, 1, 0.5, 1, 0}
	want := 0.0
	for i, z := range zs {
		p := 1 / (1 + math.Exp(-z))
		want -= (ys[i]*math.Log(p) + (1-ys[i])*math.Log(1-p)) / float64(len(zs))
	}
	got := BCEWithLogits(autograd.Const(tensor.FromSlice(zs, 5)), autograd.Const(tensor.FromSlice(ys, 5))).Item()
	if !near(got, want, 1e-14) {
		t.Fatalf("BCEWithLogits = %.17g, want %.17g", got, want)
	}
}

// At logits of ±1000, σ(z) is exactly 0 or 1 in float64 and the textbook
// formula gives Inf or NaN; the stable form gives the exact loss
// (0 when right, 1000 when wrong) and finite gradients.
func TestBCEWithLogitsExtremeLogits(t *testing.T) {
	z := autograd.Param(tensor.FromSlice([]float64{1000, -1000, 1000, -1000}, 4))
	y := autograd.Const(tensor.FromSlice([]float64{1, 0, 0, 1}, 4))
	loss := BCEWithLogits(z, y)
	if got := loss.Item(); got != (0+0+1000+1000)/4.0 {
		t.Fatalf("loss = %g, want 500", got)
	}
	loss.Backward()
	for i, g := range z.Grad.Data {
		want := []float64{0, 0, 0.25, -0.25}[i] // (σ(z) - y)/n
		if g != want {
			t.Fatalf("gradient %v, want [0 0 0.25 -0.25]", z.Grad.Data)
		}
	}
}

func TestCrossEntropyGradient(t *testing.T) {
	labels := []int{2, 0, 1, 2}
	for _, eps := range []float64{0, 0.1} {
		z := randParam(1, 4, 3)
		checkGrad(t, func() *autograd.Value { return CrossEntropy(z, labels, eps) }, z)
	}
}

// The loss equals one computed by hand from the definition.
func TestCrossEntropyValue(t *testing.T) {
	z := autograd.Const(tensor.FromSlice([]float64{1, 2, 3, 0, 0, 0}, 2, 3))
	labels := []int{2, 0}
	lse := math.Log(math.Exp(1) + math.Exp(2) + math.Exp(3))
	// Row 0: log p = z - lse; row 1: log p = -log 3 for every class.
	logP := [][]float64{{1 - lse, 2 - lse, 3 - lse}, {-math.Log(3), -math.Log(3), -math.Log(3)}}
	plain := -(logP[0][2] + logP[1][0]) / 2
	if got := CrossEntropy(z, labels, 0).Item(); !near(got, plain, 1e-15) {
		t.Fatalf("CrossEntropy = %.17g, want %.17g", got, plain)
	}
	// With ε = 0.3: q = 0.7 on the label plus 0.1 everywhere.
	smooth := 0.0
	for n, row := range logP {
		for k, lp := range row {
			q := 0.1
			if k == labels[n] {
				q += 0.7
			}
			smooth -= q * lp / 2
		}
	}
	if got := CrossEntropy(z, labels, 0.3).Item(); !near(got, smooth, 1e-15) {
		t.Fatalf("smoothed CrossEntropy = %.17g, want %.17g", got, smooth)
	}
	// Equal logits: log K whatever the smoothing.
	u := autograd.Const(tensor.New(2, 4))
	if got := CrossEntropy(u, []int{1, 3}, 0.2).Item(); !near(got, math.Log(4), 1e-15) {
		t.Fatalf("uniform CrossEntropy = %g, want log 4", got)
	}
}

func TestCrossEntropyPanics(t *testing.T) {
	z := autograd.Const(tensor.New(3, 4))
	mustPanic(t, func() { CrossEntropy(z, []int{0, 4, 1}, 0) }, "label 4 at index 1", "K = 4")
	mustPanic(t, func() { CrossEntropy(z, []int{0, 1, -1}, 0) }, "label -1 at index 2")
	mustPanic(t, func() { CrossEntropy(z, []int{0, 1}, 0) }, "[3 4]", "2 labels")
	mustPanic(t, func() { CrossEntropy(z, []int{0, 1, 2}, 1.5) }, "smoothing 1.5")
	mustPanic(t, func() { Accuracy(z, []int{0, 9, 1}) }, "label 9 at index 1")
}

func TestAccuracy(t *testing.T) {
	z := autograd.Const(tensor.FromSlice([]float64{
		0.1, 0.9, // predicts 1
		2, -1, // predicts 0
		0.3, 0.4, // predicts 1
		5, 6, // predicts 1
	}, 4, 2))
	if got := Accuracy(z, []int{1, 0, 0, 0}); got != 0.5 {
		t.Fatalf("Accuracy = %g, want 0.5", got)
	}
}
