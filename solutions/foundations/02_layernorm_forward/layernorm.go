// Package layernorm is an exercise: the forward pass of layer normalisation.
package layernorm

import "math"

// Forward normalises x over its elements and applies a learned scale and shift:
//
//	μ = mean(x),  σ² = mean((x - μ)²)   (the biased variance)
//	y_i = γ_i · (x_i - μ)/√(σ² + eps) + β_i
func Forward(x, gamma, beta []float64, eps float64) []float64 {
	n := float64(len(x))
	mu := 0.0
	for _, v := range x {
		mu += v
	}
	mu /= n
	sigma2 := 0.0
	for _, v := range x {
		sigma2 += (v - mu) * (v - mu)
	}
	sigma2 /= n
	inv := 1 / math.Sqrt(sigma2+eps)
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = gamma[i]*(v-mu)*inv + beta[i]
	}
	return y
}
