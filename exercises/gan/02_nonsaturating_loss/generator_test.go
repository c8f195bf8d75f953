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
	l3 := math.Log(3)
	nan := math.NaN()
	cases := []struct {
		name        string
		logits      []float64
		minimax, ns float64
	}{
		// D(G(z)) = ½.
		{"undecided", []float64{0}, -0.6931471805599453, 0.6931471805599453},
		// D(G(z)) = ¾.
		{"D fooled, 3 to 1", []float64{l3}, -1.3862943611198906, 0.2876820724517809},
		// D(G(z)) = ¼.
		{"D right, 3 to 1", []float64{-l3}, -0.2876820724517809, 1.3862943611198906},
		// D(G(z)) = ½ and ¾: the means of the two.
		{"a batch of two", []float64{0, l3}, -1.0397207708399179, 0.4904146265058631},
		// D(G(z)) ≈ 4.54e-5: the minimax loss is nearly flat there.
		{"D sure and right", []float64{-10}, -4.539889921686465e-05, 10.000045398899218},
		// Through σ these are log 0 and -log 0, infinite; from the logits,
		// finite.
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

// logisticByDefinition is σ(s) = 1/(1 + e^{-s}), taken literally: fine for
// the moderate logits the central differences below use.
func logisticByDefinition(s float64) float64 { return 1 / (1 + math.Exp(-s)) }

func TestGradients(t *testing.T) {
	l3 := math.Log(3)
	cases := []struct {
		s, minimax, ns float64
	}{
		{0, -0.5, -0.5}, // the two agree where D(G(z)) = ½
		{l3, -0.75, -0.25},
		{-l3, -0.25, -0.75},
		{math.Log(9), -0.9, -0.1},
		{1000, -1, 0},  // D fooled completely: only the minimax loss still pushes
		{-1000, 0, -1}, // D sure and right: only the non-saturating loss pushes
	}
	for _, c := range cases {
		if got := MinimaxGrad(c.s); !near(got, c.minimax, 1e-12) {
			t.Errorf("MinimaxGrad(%g) = %.15g, want %.15g", c.s, got, c.minimax)
		}
		if got := NonSaturatingGrad(c.s); !near(got, c.ns, 1e-12) {
			t.Errorf("NonSaturatingGrad(%g) = %.15g, want %.15g", c.s, got, c.ns)
		}
	}
	// Central differences of the two losses as defined, through σ, at
	// logits where that is accurate.
	const h = 1e-5
	minimax := func(s float64) float64 { return math.Log(1 - logisticByDefinition(s)) }
	ns := func(s float64) float64 { return -math.Log(logisticByDefinition(s)) }
	for _, s := range []float64{-3, -0.7, 0.4, 1.3, 2.5} {
		if got, want := MinimaxGrad(s), (minimax(s+h)-minimax(s-h))/(2*h); math.IsNaN(got) || math.Abs(got-want) > 1e-8 {
			t.Errorf("MinimaxGrad(%g) = %.10g, central differences of log(1 - σ(s)) give %.10g", s, got, want)
		}
		if got, want := NonSaturatingGrad(s), (ns(s+h)-ns(s-h))/(2*h); math.IsNaN(got) || math.Abs(got-want) > 1e-8 {
			t.Errorf("NonSaturatingGrad(%g) = %.10g, central differences of -log σ(s) give %.10g", s, got, want)
		}
	}
}

// TestSaturation: where D rejects the samples with logit -10, D(G(z)) is
// about 4.54e-5. One slope is about that small, the other close to -1;
// their ratio is about 22026.
func TestSaturation(t *testing.T) {
	mm, ns := MinimaxGrad(-10), NonSaturatingGrad(-10)
	if !near(mm, -4.5397868702434395e-05, 1e-15) {
		t.Errorf("MinimaxGrad(-10) = %g, want -4.5397868702434395e-05", mm)
	}
	if !near(ns, -0.9999546021312976, 1e-12) {
		t.Errorf("NonSaturatingGrad(-10) = %g, want -0.9999546021312976", ns)
	}
	const ratio = 22026.465794806718
	if r := ns / mm; !near(r, ratio, 1e-6*ratio) {
		t.Errorf("NonSaturatingGrad(-10)/MinimaxGrad(-10) = %g, want about %g", r, ratio)
	}
	// Further out the gap grows: at s = -20 the minimax slope is about
	// -2.06e-9, the non-saturating one still about -1.
	if mm := MinimaxGrad(-20); !(mm < 0 && mm > -2.1e-9) {
		t.Errorf("MinimaxGrad(-20) = %g, want about -2.06e-9", mm)
	}
	if ns := NonSaturatingGrad(-20); !near(ns, -1, 1e-8) {
		t.Errorf("NonSaturatingGrad(-20) = %g, want about -1", ns)
	}
}
