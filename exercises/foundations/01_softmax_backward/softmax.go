// Package softmaxbackward is an exercise: the backward pass of softmax.
//
// For y = softmax(x) and an upstream gradient g = dL/dy, the gradient
// dL/dx is the vector-Jacobian product gᵀJ with J = diag(y) - y·yᵀ.
package softmaxbackward

// VJP returns dL/dx for y = softmax(x), given y and g = dL/dy.
// It must not build the n x n Jacobian: the answer costs O(n).
func VJP(y, g []float64) []float64 {
	// TODO: return y ⊙ (g - Σ_j g_j y_j).
	return nil
}
