//go:build graded

package kldiv

import (
	"math"
	"testing"
)

func check(t *testing.T, p, q []float64, want float64) {
	t.Helper()
	got := KL(p, q)
	if math.IsInf(want, 1) {
		if !math.IsInf(got, 1) {
			t.Errorf("KL(%v ‖ %v) = %g, want +Inf", p, q, got)
		}
		return
	}
	if math.IsNaN(got) || math.Abs(got-want) > 1e-12 {
		t.Errorf("KL(%v ‖ %v) = %.15g, want %.15g", p, q, got, want)
	}
}

// TestKL: hand-worked values, and the asymmetry.
func TestKL(t *testing.T) {
	// 1/2·log((1/2)/(1/4)) + 1/2·log((1/2)/(3/4)) = 1/2·log 2 + 1/2·log(2/3) = 1/2·log(4/3).
	check(t, []float64{0.5, 0.5}, []float64{0.25, 0.75}, 0.5*math.Log(4.0/3))
	// The other way round: 1/4·log(1/2) + 3/4·log(3/2).
	check(t, []float64{0.25, 0.75}, []float64{0.5, 0.5}, 0.25*math.Log(0.5)+0.75*math.Log(1.5))
	// Against the uniform distribution over 4: log 4 minus the entropy of p.
	// p = (1/2, 1/4, 1/8, 1/8) has entropy 1.75·log 2, so KL = 2·log 2 - 1.75·log 2.
	check(t, []float64{0.5, 0.25, 0.125, 0.125}, []float64{0.25, 0.25, 0.25, 0.25}, 0.25*math.Log(2))
	check(t, []float64{0.2, 0.3, 0.5}, []float64{0.2, 0.3, 0.5}, 0)
}

// TestKLZeros: 0·log 0 = 0 and division by a zero q.
func TestKLZeros(t *testing.T) {
	// p puts nothing on the second outcome: only 1·log(1/(1/2)) = log 2 is left.
	check(t, []float64{1, 0}, []float64{0.5, 0.5}, math.Log(2))
	// Zeros in both at the same place add nothing.
	check(t, []float64{0.5, 0.5, 0}, []float64{0.25, 0.75, 0}, 0.5*math.Log(4.0/3))
	check(t, []float64{0, 1, 0}, []float64{0, 1, 0}, 0)
	// q misses an outcome p can produce: infinite.
	check(t, []float64{0.5, 0.5}, []float64{1, 0}, math.Inf(1))
	check(t, []float64{0.25, 0.75}, []float64{0, 1}, math.Inf(1))
}
