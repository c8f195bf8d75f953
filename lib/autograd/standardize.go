package autograd

import (
	"fmt"
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
	xHat, s := standardize(a.Data, eps)
	out := newOp("standardize", xHat, a)
	out.setBackward(func() {
		da := tensor.New(a.Data.Shape...)
		g, ones := out.Grad.Data, tensor.Ones(n).Data
		for r, sr := range s {
			standardizeRowGrad(da.Data[r*n:(r+1)*n], g[r*n:(r+1)*n], xHat.Data[r*n:(r+1)*n], ones, sr, inv)
		}
		a.accumulateOwned(da)
	})
	return out
}

// standardizeRowGrad sets dr to dL/da for one row of Standardize, whose
// output x̂ is xr and s is sr, given gr ⊙ gm as dL/dx̂: LayerNorm's γ for
// gm, or ones for Standardize alone (x·1 = x, so the bits are those of
// using gr itself).
func standardizeRowGrad(dr, gr, xr, gm []float64, sr, inv float64) {
	sumG, sumGX := 0.0, 0.0
	for i, gi := range gr {
		gi *= gm[i] // dL/dx̂
		sumG += gi
		sumGX += gi * xr[i]
	}
	meanG, meanGX := inv*sumG, inv*sumGX
	for i, gi := range gr {
		gi *= gm[i]
		dr[i] = (gi - meanG - xr[i]*meanGX) / sr
	}
}

// standardize returns x̂ of a's rows along the last axis and each row's s.
func standardize(a *tensor.Tensor, eps float64) (xHat *tensor.Tensor, s []float64) {
	n := a.Dim(-1)
	inv := 1 / float64(n)
	x := a.Data
	xHat = tensor.Empty(a.Shape...)
	s = make([]float64, len(x)/max(n, 1)) // s of each row, for the backward
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
	return xHat, s
}

// LayerNorm returns y = γ ⊙ x̂ + β with x̂ = Standardize(a, eps), β
// optional (nil): the bits of Add(Mul(Standardize(a, eps), γ), β),
// forward and backward, as one operation. Its backward makes dL/dγ =
// Σ g ⊙ x̂ and dL/dβ = Σ g over the rows, and runs Standardize's with
// g ⊙ γ, all without a tensor between them.
func LayerNorm(a, gamma, beta *Value, eps float64) *Value {
	n := a.Data.Dim(-1)
	if gamma.Data.Size() != n || (beta != nil && beta.Data.Size() != n) {
		panic(fmt.Sprintf("autograd: LayerNorm of %v with γ %v and β %v", a.Shape(), gamma.Shape(), shapeOrNil(beta)))
	}
	inv := 1 / float64(n)
	xHat, s := standardize(a.Data, eps)
	y := tensor.Empty(a.Data.Shape...)
	gm := gamma.Data.Data
	for r := range s {
		xr, yr := xHat.Data[r*n:(r+1)*n], y.Data[r*n:(r+1)*n]
		for i, v := range xr {
			yr[i] = v * gm[i]
		}
		if beta != nil {
			for i, b := range beta.Data.Data {
				yr[i] += b
			}
		}
	}
	parents := []*Value{a, gamma}
	if beta != nil {
		parents = append(parents, beta)
	}
	out := newOp("layernorm", y, parents...)
	out.setBackward(func() {
		// One walk over the rows: dL/dβ and dL/dγ gather each row's terms
		// in row order, as SumTo would, and the row's dL/da follows.
		g := out.Grad.Data
		var da, dg, db *tensor.Tensor
		if a.requiresGrad {
			da = tensor.Empty(a.Data.Shape...)
		}
		if gamma.requiresGrad {
			dg = tensor.New(n)
		}
		if beta != nil && beta.requiresGrad {
			db = tensor.New(n)
		}
		for r, sr := range s {
			gr, xr := g[r*n:(r+1)*n], xHat.Data[r*n:(r+1)*n]
			if db != nil {
				for i, gi := range gr {
					db.Data[i] += gi
				}
			}
			if dg != nil {
				for i, gi := range gr {
					dg.Data[i] += gi * xr[i]
				}
			}
			if da != nil {
				standardizeRowGrad(da.Data[r*n:(r+1)*n], gr, xr, gm, sr, inv)
			}
		}
		if db != nil {
			beta.accumulateOwned(db)
		}
		if da != nil {
			a.accumulateOwned(da)
		}
		if dg != nil {
			gamma.accumulateOwned(dg)
		}
	})
	out.save(xHat)
	return out
}

func shapeOrNil(v *Value) any {
	if v == nil {
		return nil
	}
	return v.Shape()
}
