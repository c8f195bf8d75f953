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
// Why divide by √d_k? If the entries of q and k are independent with mean
// 0 and variance 1, the dot product q·k = Σ_{c<d_k} q_c k_c is a sum of d_k
// terms of variance 1, so its variance is d_k. Without the scale, wide
// heads would give scores of size √d_k, and the softmax of large scores is
// nearly one-hot, with gradients near zero. Dividing the scores by their
// standard deviation keeps them of size 1 whatever d_k.
//
// M ([Tq][Tk], or nil for none) is an additive mask: M_ij = 0 where query i
// may attend to key j, -Inf where it may not. Since exp(-Inf) = 0, a
// masked key gets a weight of exactly 0, and the others still sum to 1. A
// query whose every key is masked has nothing to read: its row of A is all
// zeros (not NaN), and so is its output.
//
// The softmax must survive large scores: exp(1000) is +Inf in float64.
// Softmax is unchanged when a constant is subtracted from every input, so
// subtract the largest first; then every exponent is at most 0.
package attention

import "math"

// Softmax returns softmax(s)_j = exp(s_j) / Σ_l exp(s_l) for finite or
// -Inf scores s, without overflow for scores as large as 1e300. An entry
// of -Inf gets exactly 0. If every entry is -Inf (or s is empty), the
// result is all zeros.
func Softmax(s []float64) []float64 {
	out := make([]float64, len(s))
	top := math.Inf(-1)
	for _, v := range s {
		top = math.Max(top, v)
	}
	if math.IsInf(top, -1) {
		return out // every key masked: no distribution, all zeros
	}
	sum := 0.0
	for j, v := range s {
		// exp(s_j - max s) ≤ 1, and exp(-Inf) = 0
		out[j] = math.Exp(v - top)
		sum += out[j]
	}
	for j := range out {
		out[j] /= sum
	}
	return out
}

// Weights returns the attention weights A = softmax(QKᵀ/√d_k + M), [Tq][Tk],
// of the queries q [Tq][d_k] on the keys k [Tk][d_k] under the mask m
// ([Tq][Tk] of 0 and -Inf, or nil for none). Row i is a distribution over
// the keys, or all zeros if m hides every key from query i.
func Weights(q, k, m [][]float64) [][]float64 {
	a := make([][]float64, len(q))
	for i, qi := range q {
		dk := float64(len(qi))
		s := make([]float64, len(k))
		for j, kj := range k {
			// S_ij = q_i·k_j / √d_k
			dot := 0.0
			for c := range qi {
				dot += qi[c] * kj[c]
			}
			s[j] = dot / math.Sqrt(dk)
			if m != nil {
				// S_ij + M_ij
				s[j] += m[i][j]
			}
		}
		a[i] = Softmax(s)
	}
	return a
}

// Attention returns softmax(QKᵀ/√d_k + M) V, [Tq][d_v], for queries q
// [Tq][d_k], keys k [Tk][d_k], values v [Tk][d_v] and the mask m ([Tq][Tk],
// or nil). The output of a query whose every key is masked is zeros.
func Attention(q, k, v, m [][]float64) [][]float64 {
	a := Weights(q, k, m)
	dv := 0
	if len(v) > 0 {
		dv = len(v[0])
	}
	out := make([][]float64, len(q))
	for i := range out {
		out[i] = make([]float64, dv)
		// o_i = Σ_j A_ij v_j
		for j, w := range a[i] {
			for c := range out[i] {
				out[i][c] += w * v[j][c]
			}
		}
	}
	return out
}
