package autograd

import (
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// Activation functions are elementwise; each derivative is written in
// terms of whichever of x or y = f(x) makes it shortest.

// ANCHOR: relu

// ReLU returns max(0, a).   d/dx = 1 for x > 0, else 0.
func ReLU(a *Value) *Value {
	return unary("relu", a, func(x float64) float64 { return math.Max(0, x) },
		func(x, _ float64) float64 {
			if x > 0 {
				return 1
			}
			return 0
		})
}

// ANCHOR_END: relu

// LeakyReLU returns a for a > 0 and slope·a otherwise (GAN discriminators use slope 0.2).
func LeakyReLU(a *Value, slope float64) *Value {
	return unary("leakyrelu", a,
		func(x float64) float64 {
			if x > 0 {
				return x
			}
			return slope * x
		},
		func(x, _ float64) float64 {
			if x > 0 {
				return 1
			}
			return slope
		})
}

// Tanh returns tanh(a).   d tanh x/dx = 1 - tanh² x.
func Tanh(a *Value) *Value {
	return unary("tanh", a, math.Tanh, func(_, y float64) float64 { return 1 - y*y })
}

// Sigmoid returns σ(a) = 1/(1+e^-a).   dσ/dx = σ(1-σ).
func Sigmoid(a *Value) *Value {
	out := newOp("sigmoid", tensor.Sigmoid(a.Data), a)
	out.setBackward(func() {
		g := tensor.New(a.Data.Shape...)
		for i, y := range out.Data.Data {
			g.Data[i] = out.Grad.Data[i] * y * (1 - y)
		}
		a.accumulateOwned(g)
	})
	return out
}

// Softplus returns log(1+e^a), a smooth ReLU.   d/dx = σ(x).
// Binary cross-entropy with logits is built from it.
func Softplus(a *Value) *Value {
	out := newOp("softplus", tensor.Softplus(a.Data), a)
	out.setBackward(func() { a.accumulateOwned(tensor.Mul(out.Grad, tensor.Sigmoid(a.Data))) })
	return out
}

// SiLU returns a·σ(a) (also called swish), used by diffusion U-Nets.
// d/dx = σ(x)·(1 + x·(1-σ(x))).
func SiLU(a *Value) *Value {
	return unary("silu", a,
		func(x float64) float64 { return x / (1 + math.Exp(-x)) },
		func(x, _ float64) float64 {
			s := 1 / (1 + math.Exp(-x))
			return s * (1 + x*(1-s))
		})
}

// GELU returns x·Φ(x), Φ the standard normal CDF (Hendrycks & Gimpel 2016),
// computed exactly with erf: Φ(x) = (1 + erf(x/√2))/2.
// d/dx = Φ(x) + x·φ(x), φ the standard normal density.
//
// The forward keeps Φ(x) for the backward, which then needs only φ's exp:
// erf is the costliest part of a transformer's MLP outside its products,
// and this computes it once per element instead of twice.
func GELU(a *Value) *Value {
	cdf := tensor.Map(a.Data, normCDF) // Φ(x)
	out := newOp("gelu", tensor.Mul(a.Data, cdf), a)
	out.setBackward(func() {
		g := tensor.New(a.Data.Shape...)
		x, up := a.Data.Data, out.Grad.Data
		for i, xi := range x {
			g.Data[i] = up[i] * (cdf.Data[i] + xi*math.Exp(-xi*xi/2)/math.Sqrt(2*math.Pi))
		}
		a.accumulateOwned(g)
	})
	return out
}

// GELUIn is GELU in precision p: with tensor.Float32, Φ(x) and φ(x) come
// from one exponential and a polynomial accurate to float32
// (tensor.GELUFloat32), some twenty times faster than erf and exp, and the
// forward pass keeps the derivative Φ(x) + x·φ(x) for the backward.
func GELUIn(p tensor.Precision, a *Value) *Value {
	if p == tensor.Float64 {
		return GELU(a)
	}
	y, dy := tensor.GELUFloat32(a.Data)
	out := newOp("gelu", y, a)
	out.setBackward(func() { a.accumulateOwned(tensor.Mul(out.Grad, dy)) })
	out.save(dy)
	return out
}

func normCDF(x float64) float64 { return 0.5 * (1 + math.Erf(x/math.Sqrt2)) }
