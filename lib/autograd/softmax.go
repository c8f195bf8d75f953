package autograd

import "github.com/luoxia/aigc/lib/tensor"

// ANCHOR: softmax

// Softmax returns y = softmax(a) along the last axis. Its Jacobian is
// diag(y) - y·yᵀ, so the vector-Jacobian product needs no n x n matrix:
//
//	dL/da = y ⊙ (g - Σ_j g_j y_j)      (g = dL/dy, sum along the row)
func Softmax(a *Value) *Value { return softmaxOf(a, tensor.Softmax(a.Data), 1) }

// softmaxOf records y = softmax(c·a + M), computed already, with its
// backward: dL/da is c times the above (c = 1 here; the attention weights'
// ScaledSoftmaxIn passes its scale).
func softmaxOf(a *Value, y *tensor.Tensor, c float64) *Value {
	out := newOp("softmax", y, a)
	out.setBackward(func() {
		// One pass per row: first Σ_j g_j y_j, then y_i (g_i - that sum).
		y, g := out.Data.Data, out.Grad.Data
		da := tensor.Empty(out.Data.Shape...)
		n := out.Data.Dim(-1)
		for lo := 0; lo < len(y); lo += n {
			yr, gr, dr := y[lo:lo+n], g[lo:lo+n], da.Data[lo:lo+n]
			gy := 0.0
			for j, yj := range yr {
				gy += gr[j] * yj
			}
			for i, yi := range yr {
				dr[i] = c * float64(yi*(gr[i]-gy))
			}
		}
		a.accumulateOwned(da)
	})
	return out
}

// ANCHOR_END: softmax

// SoftmaxIn is Softmax with the forward pass in precision p
// (tensor.SoftmaxIn); the backward, which has no exponentials, is
// Softmax's.
func SoftmaxIn(p tensor.Precision, a *Value) *Value {
	if p == tensor.Float64 {
		return Softmax(a)
	}
	return softmaxOf(a, tensor.SoftmaxIn(p, a.Data), 1)
}

// ScaledSoftmaxIn returns softmax(c·a + mask) along the last axis in
// precision p, as Softmax(Add(Scale(a, c), Const(mask))) does, with the
// same bits forward and backward, as one operation: attention's weights
// without two intermediate tensors and their gradients. mask, if not nil,
// broadcasts to a's shape.
func ScaledSoftmaxIn(p tensor.Precision, a *Value, c float64, mask *tensor.Tensor) *Value {
	return softmaxOf(a, tensor.ScaledSoftmaxIn(p, a.Data, c, mask), c)
}

// LogSoftmax returns log softmax(a) along the last axis, computed stably.
// With y = log softmax(a), dy_i/da_j = δ_ij - softmax(a)_j, so
//
//	dL/da = g - softmax(a) ⊙ Σ_j g_j
func LogSoftmax(a *Value) *Value {
	out := newOp("logsoftmax", tensor.LogSoftmax(a.Data), a)
	out.setBackward(func() {
		g := out.Grad
		p := tensor.Exp(out.Data)
		a.accumulateOwned(tensor.Sub(g, tensor.Mul(p, tensor.SumAxis(g, -1, true))))
	})
	return out
}

// LogSumExp returns log Σ_j exp(a_j) along the last axis (dropping it).
// Its gradient is the softmax: dL/da = g ⊙ softmax(a).
func LogSumExp(a *Value) *Value {
	out := newOp("logsumexp", tensor.LogSumExp(a.Data), a)
	out.setBackward(func() {
		g := out.Grad.Reshape(append(append([]int{}, out.Grad.Shape...), 1)...)
		a.accumulateOwned(tensor.Mul(tensor.Softmax(a.Data), g))
	})
	return out
}
