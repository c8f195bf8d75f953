package transformer

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: attention

// Attention is scaled dot-product attention over queries q [..., Tq, d_k],
// keys k [..., Tk, d_k] and values v [..., Tk, d_v] with equal leading axes
// (usually [B, H]): each query's output is the average of the values
// weighted by how well its key matches the query,
//
//	Attention(Q, K, V) = softmax(QKᵀ/√d_k + M) V
//
// The result is [..., Tq, d_v]. mask is M, a tensor of 0 and -Inf that
// broadcasts against the scores [..., Tq, Tk] (CausalMask, PaddingMask),
// or nil for none.
func Attention(q, k, v *autograd.Value, mask *tensor.Tensor) *autograd.Value {
	a := AttentionWeights(q, k, mask)
	checkValues(a, v)
	// Attention(Q, K, V) = A V
	return autograd.BatchedMatMul(a, false, v, false)
}

// ANCHOR_END: attention

// ANCHOR: attention_weights

// AttentionWeights returns the attention weights [..., Tq, Tk] of queries
// q [..., Tq, d_k] on keys k [..., Tk, d_k]: row i is a distribution over
// the keys (or zeros, when mask hides every key from query i).
//
//	A = softmax(QKᵀ/√d_k + M)
//
// Dividing by √d_k keeps the scores' variance near 1 whatever d_k: the
// dot product of two vectors of d_k independent unit-variance entries
// has variance d_k, and a softmax of large scores saturates into a
// one-hot vector whose gradient vanishes (Vaswani et al. 2017, §3.2.1).
func AttentionWeights(q, k *autograd.Value, mask *tensor.Tensor) *autograd.Value {
	return AttentionWeightsIn(tensor.Float64, q, k, mask)
}

// AttentionWeightsIn is AttentionWeights with QKᵀ and the softmax computed
// in precision p.
func AttentionWeightsIn(p tensor.Precision, q, k *autograd.Value, mask *tensor.Tensor) *autograd.Value {
	qs, ks := q.Shape(), k.Shape()
	if len(qs) < 2 || len(qs) != len(ks) || qs[len(qs)-1] != ks[len(ks)-1] || !tensor.EqualShape(qs[:len(qs)-2], ks[:len(ks)-2]) {
		panic(fmt.Sprintf("transformer: attention of queries %v on keys %v; want [..., Tq, d_k] and [..., Tk, d_k]", qs, ks))
	}
	dk := qs[len(qs)-1]
	// QKᵀ
	scores := autograd.BatchedMatMulIn(p, q, false, k, true)
	// A = softmax(QKᵀ/√d_k + M), along the keys. ScaledSoftmaxIn scales,
	// masks and takes the softmax in one pass over each row: the bits of
	// Softmax(Add(Scale(QKᵀ, 1/√d_k), Const(M))) without the two tensors
	// between them.
	return autograd.ScaledSoftmaxIn(p, scores, 1/math.Sqrt(float64(dk)), mask)
}

// ANCHOR_END: attention_weights

// checkValues panics unless v [..., Tk, d_v] matches the weights a
// [..., Tq, Tk].
func checkValues(a, v *autograd.Value) {
	as, vs := a.Shape(), v.Shape()
	if len(vs) != len(as) || vs[len(vs)-2] != as[len(as)-1] || !tensor.EqualShape(as[:len(as)-2], vs[:len(vs)-2]) {
		panic(fmt.Sprintf("transformer: attention weights %v on values %v; want values [..., Tk, d_v] with Tk = %d", as, vs, as[len(as)-1]))
	}
}
