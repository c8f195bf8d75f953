//go:build graded

package softmaxbackward

import (
	"math"
	"testing"
)

func softmax(x []float64) []float64 {
	m, s := math.Inf(-1), 0.0
	for _, v := range x {
		m = math.Max(m, v)
	}
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = math.Exp(v - m)
		s += y[i]
	}
	for i := range y {
		y[i] /= s
	}
	return y
}

// TestMatchesFiniteDifferences compares VJP with central differences of L = g·softmax(x).
func TestMatchesFiniteDifferences(t *testing.T) {
	x := []float64{0.5, -1.2, 2.0, 0.1, -0.3}
	g := []float64{1.0, -2.0, 0.5, 3.0, -1.0}
	got := VJP(softmax(x), g)
	if len(got) != len(x) {
		t.Fatalf("VJP returned %d values for %d inputs", len(got), len(x))
	}
	const h = 1e-6
	for i := range x {
		xp, xm := append([]float64(nil), x...), append([]float64(nil), x...)
		xp[i] += h
		xm[i] -= h
		var lp, lm float64
		for j, v := range softmax(xp) {
			lp += g[j] * v
		}
		for j, v := range softmax(xm) {
			lm += g[j] * v
		}
		if want := (lp - lm) / (2 * h); math.Abs(got[i]-want) > 1e-6 {
			t.Errorf("dL/dx[%d] = %g, finite differences say %g", i, got[i], want)
		}
	}
}

// TestConstantUpstreamGivesZero: softmax sums to 1, so moving all outputs
// alike (g = c·1) changes nothing and the gradient is 0.
func TestConstantUpstreamGivesZero(t *testing.T) {
	y := softmax([]float64{3, 1, -2})
	got := VJP(y, []float64{7, 7, 7})
	if len(got) != 3 {
		t.Fatalf("VJP returned %d values, want 3", len(got))
	}
	for i, v := range got {
		if math.Abs(v) > 1e-12 {
			t.Errorf("component %d is %g, want 0", i, v)
		}
	}
}
