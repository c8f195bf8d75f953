//go:build graded

package nonsat

import (
	"math"
	"testing"
)

// near reports whether got is within tol of want; NaN matches only NaN.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

func TestLosses(t *testing.T) {
	l2, l3 := math.Log(2), math.Log(3)
	nan := math.NaN()
	cases := []struct {
		name        string
		logits      []float64
		minimax, ns float64
	}{
		// σ(0) = 1/2: log(1/2) and -log(1/2).
		{"undecided", []float64{0}, -l2, l2},
		// σ(log 3) = 3/4: log(1/4) = -log 4 and -log(3/4) = log(4/3).
		{"D fooled, 3 to 1", []float64{l3}, -math.Log(4), math.Log(4.0 / 3)},
		// σ(-log 3) = 1/4: log(3/4) and -log(1/4) = log 4.
		{"D right, 3 to 1", []float64{-l3}, math.Log(0.75), math.Log(4)},
		// Means: (-log 2 - log 4)/2 = -1.5·log 2 and (log 2 + log(4/3))/2 = log(8/3)/2.
		{"a batch of two", []float64{0, l3}, -1.5 * l2, math.Log(8.0/3) / 2},
		// log(1 - σ(-10)) = -log(1 + e^{-10}) ≈ -e^{-10}: flat. -log σ(-10) = log(1 + e^{10}) = 10 + log(1 + e^{-10}).
		{"D sure and right", []float64{-10}, -math.Log1p(math.Exp(-10)), 10 + math.Log1p(math.Exp(-10))},
		// Through σ: log(1 - 1) = -Inf and -log 0 = +Inf. From logits: -1000 + 0 and 0 + 1000, halved.
		{"extreme logits", []float64{1000, -1000}, -500, 500},
		{"empty batch", nil, nan, nan},
	}
	for _, c := range cases {
		if got := MinimaxLoss(c.logits); !near(got, c.minimax, 1e-12) {
			t.Errorf("%s: MinimaxLoss(%v) = %.15g, want %.15g", c.name, c.logits, got, c.minimax)
		}
		if got := NonSaturatingLoss(c.logits); !near(got, c.ns, 1e-12) {
			t.Errorf("%s: NonSaturatingLoss(%v) = %.15g, want %.15g", c.name, c.logits, got, c.ns)
		}
	}
}

func TestGradients(t *testing.T) {
	l3 := math.Log(3)
	cases := []struct {
		s, minimax, ns float64
	}{
		// d/ds log(1 - σ) = -σ;  d/ds -log σ = -(1 - σ).
		{0, -0.5, -0.5}, // the two agree at σ = 1/2
		{l3, -0.75, -0.25},
		{-l3, -0.25, -0.75},
		{math.Log(9), -0.9, -0.1}, // σ(log 9) = 9/10
		{1000, -1, 0},             // D fooled completely: only the minimax loss still pushes
		{-1000, 0, -1},            // D sure and right: only the non-saturating loss pushes
	}
	for _, c := range cases {
		if got := MinimaxGrad(c.s); !near(got, c.minimax, 1e-12) {
			t.Errorf("MinimaxGrad(%g) = %.15g, want %.15g", c.s, got, c.minimax)
		}
		if got := NonSaturatingGrad(c.s); !near(got, c.ns, 1e-12) {
			t.Errorf("NonSaturatingGrad(%g) = %.15g, want %.15g", c.s, got, c.ns)
		}
	}
}

// TestSaturation: where D rejects the samples with logit -10, σ(-10) =
// 1/(1 + e^{10}) = 4.5397868702434395e-5. The minimax slope is that small;
// the non-saturating one is 1 - 4.54e-5 in size. Their ratio is
// (1 - σ)/σ = e^{-s} = e^{10} ≈ 22026.
func TestSaturation(t *testing.T) {
	const sigma = 4.5397868702434395e-5
	mm, ns := MinimaxGrad(-10), NonSaturatingGrad(-10)
	if !near(mm, -sigma, 1e-15) {
		t.Errorf("MinimaxGrad(-10) = %g, want -σ(-10) = %g", mm, -sigma)
	}
	if !near(ns, sigma-1, 1e-12) {
		t.Errorf("NonSaturatingGrad(-10) = %g, want σ(-10) - 1 = %g", ns, sigma-1)
	}
	if ratio := ns / mm; !near(ratio, math.Exp(10), 1e-6*math.Exp(10)) {
		t.Errorf("NonSaturatingGrad(-10)/MinimaxGrad(-10) = %g, want e^10 = %g", ratio, math.Exp(10))
	}
	// Further out the gap grows like e^{-s}: at s = -20 the minimax slope is
	// σ(-20) ≈ e^{-20} ≈ 2.06e-9, the non-saturating one still about -1.
	if mm := MinimaxGrad(-20); !(mm < 0 && mm > -2.1e-9) {
		t.Errorf("MinimaxGrad(-20) = %g, want about -2.06e-9", mm)
	}
	if ns := NonSaturatingGrad(-20); !near(ns, -1, 1e-8) {
		t.Errorf("NonSaturatingGrad(-20) = %g, want about -1", ns)
	}
}
