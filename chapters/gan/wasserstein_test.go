package gan

import (
	"fmt"
	"math"
	"testing"
)

// TestWasserstein1ByHand: moving all the mass a distance d costs d, and
// splitting it costs the mean distance moved.
func TestWasserstein1ByHand(t *testing.T) {
	xs, p, q := PointMasses(10, 2, 7, 0.5)
	wantNear(t, "W₁(δ_1, δ_3.5)", Wasserstein1(xs, p, q), 2.5, 1e-12)
	wantNear(t, "W₁(q, p)", Wasserstein1(xs, q, p), 2.5, 1e-12)
	q2 := make([]float64, 10)
	q2[3], q2[9] = 0.5, 0.5 // half moves 1 cell, half 7 cells
	wantNear(t, "W₁ split", Wasserstein1(xs, p, q2), 0.5*0.5+0.5*3.5, 1e-12)
	wantNear(t, "W₁(p, p)", Wasserstein1(xs, p, p), 0, 0)
}

// TestJSDSaturatesOnDisjointSupports: however far apart two point masses
// are, JSD is log 2, while W₁ grows with the distance.
func TestJSDSaturatesOnDisjointSupports(t *testing.T) {
	for j := 1; j < 20; j++ {
		xs, p, q := PointMasses(20, 0, j, 0.25)
		wantNear(t, fmt.Sprintf("JSD at distance %g", xs[j]), JSD(p, q), math.Log(2), 1e-15)
		wantNear(t, fmt.Sprintf("W₁ at distance %g", xs[j]), Wasserstein1(xs, p, q), xs[j], 1e-12)
	}
}

// TestLogitGradient: the minimax loss's gradient is σ(s), the
// non-saturating loss's 1 − σ(s), one sample at a time.
func TestLogitGradient(t *testing.T) {
	s := []float64{-10, -3, 0, 2.5}
	mm := LogitGradient(MinimaxGeneratorLoss, s)
	ns := LogitGradient(NonSaturatingGeneratorLoss, s)
	for i, x := range s {
		sig := 1 / (1 + math.Exp(-x))
		wantNear(t, fmt.Sprintf("minimax |dL/ds| at %g", x), mm[i], sig, 1e-12)
		wantNear(t, fmt.Sprintf("non-saturating |dL/ds| at %g", x), ns[i], 1-sig, 1e-12)
	}
}

// ExampleJSD shows why a generator trained on JSD can be stuck: with the
// data at 0 and every generated sample at θ, JSD is log 2 ≈ 0.6931 for
// every θ ≠ 0, so it has no slope towards the data, while the earth
// mover's distance W₁ = θ does.
func ExampleJSD() {
	fmt.Println("θ     JSD     W₁")
	for _, j := range []int{1, 2, 4, 8, 16} {
		xs, p, q := PointMasses(20, 0, j, 0.25)
		fmt.Printf("%-5g %.4f  %.2f\n", xs[j], JSD(p, q), Wasserstein1(xs, p, q))
	}
	// Output:
	// θ     JSD     W₁
	// 0.25  0.6931  0.25
	// 0.5   0.6931  0.50
	// 1     0.6931  1.00
	// 2     0.6931  2.00
	// 4     0.6931  4.00
}
