// Package findthebug is an exercise: a hand-derived gradient with a bug in
// it. Find it with a gradient check, then fix it.
//
// The loss is a softplus of scaled weights plus an L2 penalty:
//
//	L(w) = Σ_i log(1 + e^{x_i w_i}) + (λ/2)·Σ_i w_i²
package findthebug

import "math"

// X and Lambda fix the loss's constants.
var (
	X      = []float64{0.5, -2, 3, 1.5}
	Lambda = 0.1
)

// Loss returns L(w).
func Loss(w []float64) float64 {
	l := 0.0
	for i := range w {
		l += math.Log1p(math.Exp(X[i]*w[i])) + Lambda/2*w[i]*w[i]
	}
	return l
}

// Grad returns dL/dw. It has a bug.
func Grad(w []float64) []float64 {
	// TODO: this derivative is wrong in one place; compare it with
	// autograd.GradCheck (or central differences of Loss) and fix it.
	g := make([]float64, len(w))
	for i := range w {
		s := 1 / (1 + math.Exp(-X[i]*w[i])) // σ(x_i w_i)
		g[i] = s + Lambda*w[i]
	}
	return g
}
