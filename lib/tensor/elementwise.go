package tensor

import "math"

// Map returns a new tensor with f applied to every element.
func Map(t *Tensor, f func(float64) float64) *Tensor {
	out := Empty(t.Shape...)
	src, dst := t.Data, out.Data
	parallelFor(len(dst), 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			dst[i] = f(src[i])
		}
	})
	return out
}

// Scale returns s*t.
func Scale(t *Tensor, s float64) *Tensor {
	out := New(t.Shape...)
	for i, v := range t.Data {
		out.Data[i] = s * v
	}
	return out
}

// AddScalar returns t + s elementwise.
func AddScalar(t *Tensor, s float64) *Tensor {
	out := New(t.Shape...)
	for i, v := range t.Data {
		out.Data[i] = v + s
	}
	return out
}

// Neg returns -t.
func Neg(t *Tensor) *Tensor { return Scale(t, -1) }

// Exp returns e^t elementwise.
func Exp(t *Tensor) *Tensor { return Map(t, math.Exp) }

// Log returns the natural logarithm of t elementwise.
func Log(t *Tensor) *Tensor { return Map(t, math.Log) }

// Sqrt returns the square root of t elementwise.
func Sqrt(t *Tensor) *Tensor { return Map(t, math.Sqrt) }

// Tanh returns tanh(t) elementwise.
func Tanh(t *Tensor) *Tensor { return Map(t, math.Tanh) }

// Abs returns |t| elementwise.
func Abs(t *Tensor) *Tensor { return Map(t, math.Abs) }

// Square returns t² elementwise.
func Square(t *Tensor) *Tensor { return Map(t, func(x float64) float64 { return x * x }) }

// Pow returns t^p elementwise.
func Pow(t *Tensor, p float64) *Tensor {
	return Map(t, func(x float64) float64 { return math.Pow(x, p) })
}

// Clamp returns t with every element limited to [lo, hi].
func Clamp(t *Tensor, lo, hi float64) *Tensor {
	return Map(t, func(x float64) float64 { return math.Min(hi, math.Max(lo, x)) })
}

// Sigmoid returns 1/(1+e^-t) elementwise, computed without overflow for large |t|.
func Sigmoid(t *Tensor) *Tensor { return Map(t, sigmoid) }

func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// Softplus returns log(1+e^t) elementwise, computed stably as max(t,0) + log1p(e^-|t|).
func Softplus(t *Tensor) *Tensor {
	return Map(t, func(x float64) float64 { return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) })
}

// AddInPlace adds u to t (t += u). u must have t's shape or broadcast to it.
func (t *Tensor) AddInPlace(u *Tensor) { t.Axpy(1, u) }

// Axpy adds alpha*u to t in place (t += alpha*u). u must have t's shape
// or broadcast to it; the name is BLAS's.
func (t *Tensor) Axpy(alpha float64, u *Tensor) {
	if t.SameShape(u) || len(t.Data) == len(u.Data) && len(u.Shape) == 0 {
		dst, src := t.Data, u.Data
		parallelFor(len(dst), 1, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				dst[i] += alpha * src[i]
			}
		})
		return
	}
	if !equalInts(BroadcastShape(t.Shape, u.Shape), t.Shape) {
		panic(shapeError("Axpy", t.Shape, u.Shape))
	}
	t.CopyFrom(broadcastBinary(t, u, func(x, y, out []float64) {
		for i := range out {
			out[i] = x[i] + alpha*y[i]
		}
	}))
}

// ScaleInPlace multiplies every element of t by s.
func (t *Tensor) ScaleInPlace(s float64) {
	for i := range t.Data {
		t.Data[i] *= s
	}
}
