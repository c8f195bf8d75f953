package autograd

import (
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// Standardize returns x̂ = (a - μ)/s along the last axis, where μ and σ²
// are the mean and the (biased) variance of each row and s = √(σ² + ε):
// the normalisation inside LayerNorm. It computes the same numbers as
//
//	μ := MeanAxis(a, -1, true)
//	xc := Sub(a, μ)
//	x̂ := Div(xc, Sqrt(AddScalar(MeanAxis(Square(xc), -1, true), ε)))
//
// but as one operation: two passes over each row forward and two backward,
// where that chain makes a pass and a new tensor for every step.
//
// With g = dL/dx̂ and means taken along the row, the vector-Jacobian
// product needs no D x D matrix (dx̂_i/dx_j = (δ_ij - 1/D - x̂_i·x̂_j/D)/s):
//
//	dL/da = (g - mean(g) - x̂ ⊙ mean(g ⊙ x̂)) / s
func Standardize(a *Value, eps float64) *Value {
	n := a.Data.Dim(-1)
	inv := 1 / float64(n)
	x := a.Data.Data
	xHat := tensor.New(a.Data.Shape...)
	s := make([]float64, len(x)/max(n, 1)) // s of each row, for the backward
	for r := range s {
		row, out := x[r*n:(r+1)*n], xHat.Data[r*n:(r+1)*n]
		sum := 0.0
		for _, v := range row {
			sum += v
		}
		mu := inv * sum
		sq := 0.0
		for _, v := range row {
			sq += (v - mu) * (v - mu)
		}
		s[r] = math.Sqrt(inv*sq + eps)
		for i, v := range row {
			out[i] = (v - mu) / s[r]
		}
	}
	out := newOp("standardize", xHat, a)
	out.setBackward(func() {
		da := tensor.New(a.Data.Shape...)
		g := out.Grad.Data
		for r, sr := range s {
			gr, xr, dr := g[r*n:(r+1)*n], xHat.Data[r*n:(r+1)*n], da.Data[r*n:(r+1)*n]
			sumG, sumGX := 0.0, 0.0
			for i, gi := range gr {
				sumG += gi
				sumGX += gi * xr[i]
			}
			meanG, meanGX := inv*sumG, inv*sumGX
			for i, gi := range gr {
				dr[i] = (gi - meanG - xr[i]*meanGX) / sr
			}
		}
		a.accumulateOwned(da)
	})
	return out
}
