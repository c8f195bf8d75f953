package transformer

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// closedForm computes (1/N)·Σ_n [(1-ε)·(-log p_y) + ε·(1/K)·Σ_{k≠pad}
// (-log p_k)] over the rows whose target is not pad, with log p from the
// logits row by row.
func closedForm(z []float64, v int, targets []int, eps float64, pad int) float64 {
	k := v
	if pad >= 0 {
		k--
	}
	sum, n := 0.0, 0
	for r, y := range targets {
		if y == pad {
			continue
		}
		row := z[r*v : (r+1)*v]
		lse := 0.0
		for _, x := range row {
			lse += math.Exp(x)
		}
		lse = math.Log(lse)
		others := 0.0
		for c, x := range row {
			if c != pad {
				others += lse - x
			}
		}
		sum += (1-eps)*(lse-row[y]) + eps*others/float64(k)
		n++
	}
	return sum / float64(n)
}

// The loss equals its closed form, with and without a pad token, and
// with ε = 0 and no pad it is nn.CrossEntropy.
func TestLabelSmoothingClosedForm(t *testing.T) {
	rng := tensor.NewRNG(1)
	const v = 7
	z := tensor.RandN(rng, 2, 3, v)
	targets := []int{3, 0, 6, 0, 2, 5}
	for _, tc := range []struct {
		eps float64
		pad int
	}{{0.1, -1}, {0.1, 0}, {0.4, 6}, {0, -1}} {
		got := LabelSmoothingLoss(autograd.Const(z), targets, tc.eps, tc.pad).Item()
		if want := closedForm(z.Data, v, targets, tc.eps, tc.pad); math.Abs(got-want) > 1e-12 {
			t.Fatalf("ε = %g, pad %d: loss %.15g, closed form %.15g", tc.eps, tc.pad, got, want)
		}
	}
	ce := nn.CrossEntropy(autograd.Const(z.Reshape(6, v)), targets, 0).Item()
	if got := LabelSmoothingLoss(autograd.Const(z), targets, 0, -1).Item(); math.Abs(got-ce) > 1e-12 {
		t.Fatalf("ε = 0: %.15g, nn.CrossEntropy %.15g", got, ce)
	}
}

// Predicting the smoothed target itself, p = q, reaches the floor H(q);
// any other prediction lands above it.
func TestLabelSmoothingFloor(t *testing.T) {
	const v, eps = 6, 0.1
	targets := []int{2, 4, 1}
	for _, pad := range []int{-1, 0} {
		q, _ := smoothedTargets(targets, v, eps, pad)
		logits := tensor.Map(q, func(p float64) float64 {
			if p == 0 {
				return -200 // the pad token: p ≈ e⁻²⁰⁰, as good as 0
			}
			return math.Log(p)
		})
		floor := LabelSmoothingFloor(v, eps, pad >= 0)
		if got := LabelSmoothingLoss(autograd.Const(logits), targets, eps, pad).Item(); math.Abs(got-floor) > 1e-12 {
			t.Fatalf("pad %d: loss at p = q is %.15g, the floor %.15g", pad, got, floor)
		}
		other := tensor.Add(logits, tensor.Scale(tensor.RandN(tensor.NewRNG(2), 3, v), 0.1))
		if got := LabelSmoothingLoss(autograd.Const(other), targets, eps, pad).Item(); !(got > floor+1e-6) {
			t.Fatalf("pad %d: loss %.15g away from q, not above the floor %.15g", pad, got, floor)
		}
	}
	if f := LabelSmoothingFloor(v, 0, false); f != 0 {
		t.Fatalf("the floor without smoothing is %g, want 0", f)
	}
}

// Rows whose target is the pad token count for nothing: their logits get
// zero gradient and the loss is that of the other rows alone. The
// gradient of the rest agrees with finite differences.
func TestLabelSmoothingIgnoresPadding(t *testing.T) {
	const v, pad = 5, 0
	z := randParam(tensor.NewRNG(3), 4, v)
	targets := []int{3, pad, 1, pad}
	loss := LabelSmoothingLoss(z, targets, 0.2, pad)
	alone := LabelSmoothingLoss(autograd.Const(tensor.Concat(0, tensor.Slice(z.Data, 0, 0, 1), tensor.Slice(z.Data, 0, 2, 3))), []int{3, 1}, 0.2, pad)
	if math.Abs(loss.Item()-alone.Item()) > 1e-15 {
		t.Fatalf("with padding rows %.15g, without %.15g", loss.Item(), alone.Item())
	}
	loss.Backward()
	for _, r := range []int{1, 3} {
		wantClose(t, "the gradient of a padding row", z.Grad.Data[r*v:(r+1)*v], make([]float64, v), 0)
	}
	gradCheck(t, "label-smoothed loss", func() *autograd.Value { return LabelSmoothingLoss(z, targets, 0.2, pad) }, []*autograd.Value{z}, 1e-7)
}
