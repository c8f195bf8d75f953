// Package layernorm is an exercise: the forward pass of layer normalisation.
//
// The transformer chapter's section "Residual streams and LayerNorm"
// (chapters/transformer/README.md) says where it is used.
package layernorm

// Forward normalises x over its elements and applies a learned scale and shift:
//
//	μ = mean(x),  σ² = mean((x - μ)²)   (the biased variance)
//	y_i = γ_i · (x_i - μ)/√(σ² + eps) + β_i
func Forward(x, gamma, beta []float64, eps float64) []float64 {
	// TODO: compute μ and σ², then y.
	return nil
}
