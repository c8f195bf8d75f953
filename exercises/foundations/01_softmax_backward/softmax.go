// Package softmaxbackward is an exercise: the backward pass of softmax.
//
// For y = softmax(x) and an upstream gradient g = dL/dy, the backward pass
// returns dL/dx, the vector-Jacobian product gᵀJ where J_ij = ∂y_i/∂x_j
// is softmax's Jacobian. Derive J from the definition
// y_i = e^{x_i} / Σ_k e^{x_k}, then simplify gᵀJ until it needs no n x n
// matrix (chapter section "Automatic differentiation",
// chapters/foundations/README.md, says why this matters).
package softmaxbackward

// VJP returns dL/dx for y = softmax(x), given y and g = dL/dy, both of
// length n. It must not build the n x n Jacobian: the answer costs O(n)
// time and memory.
func VJP(y, g []float64) []float64 {
	// TODO: the simplified product, in terms of y and g only.
	return nil
}
