// Package softmaxbackward is an exercise: the backward pass of softmax.
//
// For y = softmax(x) and an upstream gradient g = dL/dy, the gradient
// dL/dx is the vector-Jacobian product gᵀJ with J = diag(y) - y·yᵀ.
package softmaxbackward

// VJP returns dL/dx for y = softmax(x), given y and g = dL/dy.
// It must not build the n x n Jacobian: the answer costs O(n).
func VJP(y, g []float64) []float64 {
	// s = Σ_j g_j y_j
	s := 0.0
	for j := range y {
		s += g[j] * y[j]
	}
	// dL/dx = y ⊙ (g - s)
	dx := make([]float64, len(y))
	for j := range y {
		dx[j] = y[j] * (g[j] - s)
	}
	return dx
}
