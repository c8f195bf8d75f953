package autograd

import (
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// unary builds an elementwise operation y = f(x) whose derivative dy/dx is
// given by df(x, y) (whichever of x or y is cheaper to use): the backward
// multiplies the upstream gradient by it, element by element.
func unary(op string, a *Value, f func(x float64) float64, df func(x, y float64) float64) *Value {
	out := newOp(op, tensor.Map(a.Data, f), a)
	out.setBackward(func() {
		g := tensor.New(a.Data.Shape...)
		x, y, up := a.Data.Data, out.Data.Data, out.Grad.Data
		for i := range g.Data {
			g.Data[i] = up[i] * df(x[i], y[i])
		}
		a.accumulateOwned(g)
	})
	return out
}

// Exp returns e^a.   d e^x/dx = e^x.
func Exp(a *Value) *Value {
	return unary("exp", a, math.Exp, func(_, y float64) float64 { return y })
}

// Log returns ln a.   d ln x/dx = 1/x.
func Log(a *Value) *Value {
	return unary("log", a, math.Log, func(x, _ float64) float64 { return 1 / x })
}

// Sqrt returns √a.   d√x/dx = 1/(2√x).
func Sqrt(a *Value) *Value {
	return unary("sqrt", a, math.Sqrt, func(_, y float64) float64 { return 0.5 / y })
}

// Square returns a².   d x²/dx = 2x.
func Square(a *Value) *Value {
	return unary("square", a, func(x float64) float64 { return x * x }, func(x, _ float64) float64 { return 2 * x })
}

// Pow returns a^p for a constant p.   d xᵖ/dx = p·xᵖ⁻¹.
func Pow(a *Value, p float64) *Value {
	return unary("pow", a, func(x float64) float64 { return math.Pow(x, p) },
		func(x, _ float64) float64 { return p * math.Pow(x, p-1) })
}

// Abs returns |a|.   d|x|/dx = sign(x) (0 at 0).
func Abs(a *Value) *Value {
	return unary("abs", a, math.Abs, func(x, _ float64) float64 {
		switch {
		case x > 0:
			return 1
		case x < 0:
			return -1
		}
		return 0
	})
}
