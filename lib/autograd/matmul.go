package autograd

import "github.com/luoxia/aigc/lib/tensor"

// ANCHOR: matmul

// MatMul returns the matrix product y = a·b of [m, k] and [k, n] matrices.
//
//	dL/da = dL/dy · bᵀ      dL/db = aᵀ · dL/dy
func MatMul(a, b *Value) *Value {
	out := newOp("matmul", tensor.MatMul(a.Data, b.Data), a, b)
	out.setBackward(func() {
		if a.requiresGrad {
			a.accumulateOwned(tensor.MatMulT(out.Grad, false, b.Data, true))
		}
		if b.requiresGrad {
			b.accumulateOwned(tensor.MatMulT(a.Data, true, out.Grad, false))
		}
	})
	return out
}

// ANCHOR_END: matmul

// MatMulIn is MatMul in precision p: with tensor.Float32 the product and
// both gradients are float32 products (tensor.MatMulTIn), as in a float32
// framework.
func MatMulIn(p tensor.Precision, a, b *Value) *Value {
	if p == tensor.Float64 {
		return MatMul(a, b)
	}
	out := newOp("matmul", tensor.MatMulTIn(p, a.Data, false, b.Data, false), a, b)
	out.setBackward(func() {
		if a.requiresGrad {
			a.accumulateOwned(tensor.MatMulTIn(p, out.Grad, false, b.Data, true))
		}
		if b.requiresGrad {
			b.accumulateOwned(tensor.MatMulTIn(p, a.Data, true, out.Grad, false))
		}
	})
	return out
}

// BatchedMatMul multiplies matching matrices of two batches, a [..., m, k]
// and b [..., k, n] with equal leading axes, or b a single [k, n] matrix
// shared by the batch (attention's QKᵀ and AV, a linear map over a
// sequence). The flags transpose each matrix, so QKᵀ is
// BatchedMatMul(q, false, k, true). With A = op(a), B = op(b) and Y = A·B,
// the gradients are MatMul's, matrix by matrix:
//
//	dL/dA = dL/dY · Bᵀ      dL/dB = Aᵀ · dL/dY
//
// transposed back where a flag was set, and summed over the batch for a
// shared b. A transposed gradient is computed as the product in the other
// order, (X·Y)ᵀ = Yᵀ·Xᵀ, rather than transposed after the fact:
//
//	a stored as Aᵀ: dL/da = B · dL/dYᵀ      b stored as Bᵀ: dL/db = dL/dYᵀ · A
func BatchedMatMul(a *Value, transA bool, b *Value, transB bool) *Value {
	return BatchedMatMulIn(tensor.Float64, a, transA, b, transB)
}

// BatchedMatMulIn is BatchedMatMul in precision p, its gradients too.
func BatchedMatMulIn(p tensor.Precision, a *Value, transA bool, b *Value, transB bool) *Value {
	out := newOp("bmm", tensor.BatchedMatMulIn(p, a.Data, transA, b.Data, transB), a, b)
	out.setBackward(func() {
		g := out.Grad
		if a.requiresGrad {
			var dA *tensor.Tensor
			switch {
			case !transA:
				dA = tensor.BatchedMatMulIn(p, g, false, b.Data, !transB)
			case b.Data.Dims() > 2:
				dA = tensor.BatchedMatMulIn(p, b.Data, transB, g, true)
			default: // a shared b cannot lead a batched product
				dA = swapLastTwo(tensor.BatchedMatMulIn(p, g, false, b.Data, !transB))
			}
			a.accumulateOwned(dA)
		}
		if b.requiresGrad {
			var dB *tensor.Tensor
			if transB {
				dB = tensor.BatchedMatMulIn(p, g, true, a.Data, transA)
			} else {
				dB = tensor.BatchedMatMulIn(p, a.Data, !transA, g, false)
			}
			if b.Data.Dims() == 2 && dB.Dims() > 2 {
				dB = tensor.SumAxis(dB.Reshape(-1, dB.Dim(-2), dB.Dim(-1)), 0, false)
			}
			b.accumulateOwned(dB)
		}
	})
	return out
}

// swapLastTwo transposes every matrix of a batch.
func swapLastTwo(t *tensor.Tensor) *tensor.Tensor {
	perm := make([]int, t.Dims())
	for i := range perm {
		perm[i] = i
	}
	r := len(perm)
	perm[r-2], perm[r-1] = perm[r-1], perm[r-2]
	return tensor.Transpose(t, perm...)
}
