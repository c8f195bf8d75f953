// Package attention is an exercise: scaled dot-product attention for one
// head, the operation at the centre of the Transformer (Vaswani et al.
// 2017, "Attention Is All You Need", §3.2.1).
//
// Each of Tq queries q_i (the rows of Q, [Tq][d_k]) reads the Tk values
// v_j (the rows of V, [Tk][d_v]), weighting each by how well its key k_j
// (the rows of K, [Tk][d_k]) matches the query:
//
//	A = softmax(QKᵀ/√d_k + M),   Attention(Q, K, V) = A V
//
// The softmax runs along each row, over the keys, so row i of A is a
// distribution: its weights are at least 0 and sum to 1, and output i is
// the average of the values under it.
//
// Why the scale is 1/√d_k, and what goes wrong in wide heads without it,
// is derived in the chapter section "Why divide by the square root of d_k"
// (chapters/transformer/README.md).
//
// M ([Tq][Tk], or nil for none) is an additive mask: M_ij = 0 where query i
// may attend to key j, -Inf where it may not. Since exp(-Inf) = 0, a
// masked key gets a weight of exactly 0, and the others still sum to 1. A
// query whose every key is masked has nothing to read: its row of A is all
// zeros (not NaN), and so is its output.
//
// The softmax must survive large scores: exp(1000) is +Inf in float64,
// yet the softmax of scores as large as 1e300 is an ordinary distribution.
// Find a way to compute it in which no exponential can overflow.
package attention

// Softmax returns softmax(s)_j = exp(s_j) / Σ_l exp(s_l) for finite or
// -Inf scores s, without overflow for scores as large as 1e300. An entry
// of -Inf gets exactly 0. If every entry is -Inf (or s is empty), the
// result is all zeros.
func Softmax(s []float64) []float64 {
	// TODO: rearrange so that no exponential can overflow.
	return nil
}

// Weights returns the attention weights A = softmax(QKᵀ/√d_k + M), [Tq][Tk],
// of the queries q [Tq][d_k] on the keys k [Tk][d_k] under the mask m
// ([Tq][Tk] of 0 and -Inf, or nil for none). Row i is a distribution over
// the keys, or all zeros if m hides every key from query i.
func Weights(q, k, m [][]float64) [][]float64 {
	// TODO: one row of scores per query, then Softmax.
	return nil
}

// Attention returns softmax(QKᵀ/√d_k + M) V, [Tq][d_v], for queries q
// [Tq][d_k], keys k [Tk][d_k], values v [Tk][d_v] and the mask m ([Tq][Tk],
// or nil). The output of a query whose every key is masked is zeros.
func Attention(q, k, v, m [][]float64) [][]float64 {
	// TODO
	return nil
}
