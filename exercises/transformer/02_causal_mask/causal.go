// Package causal is an exercise: the causal mask, which lets a decoder
// learn to predict every position of a sequence at once without seeing
// the answers.
//
// A language model trained on tokens x_1, ..., x_T predicts x_{t+1} from
// x_1, ..., x_t, at every t in one pass. Self-attention, left alone, lets
// position t read every position, its own answer x_{t+1} included. The
// causal mask M is added to the scores before the softmax,
//
//	A = softmax(QKᵀ/√d_k + M)
//
// with 0 where query i may read key j and -Inf where it may not. Since
// exp(-Inf) = 0, the hidden keys get a weight of exactly 0: not a small
// weight, but none, so the output of position i is a function of
// positions up to i only, bit for bit.
//
// Queries and keys need not be equally many. When a decoder generates
// token after token, it keeps the keys of every position so far and
// computes queries only for the newest ones: tq queries against tk ≥ tq
// keys, the queries being the last tq of the tk positions. The rule stays
// the same, a query sees its own position and those before it; work out
// where query i sits among the keys (chapter sections "Masks" and "The KV
// cache", chapters/transformer/README.md).
package causal

import "math"

// CausalMask returns the [tq][tk] additive mask (0 or -Inf) for tq queries
// that are the last tq of tk positions (0 < tq ≤ tk): query i may attend
// to key j exactly when position j is not after query i's own position.
// With tq = tk it hides the upper triangle; with tq = 1 it hides nothing.
func CausalMask(tq, tk int) [][]float64 {
	// TODO
	return nil
}

// CausalSelfAttention returns the causal self-attention of the T tokens x
// ([T][d], one row per token) with the projections wq, wk ([d][d_k]) and
// wv ([d][d_v]): Q = X W_Q, K = X W_K, V = X W_V, and the output
// Attend(Q, K, V, CausalMask(T, T)), [T][d_v].
func CausalSelfAttention(x, wq, wk, wv [][]float64) [][]float64 {
	// TODO: project with MatMul, then Attend under your mask.
	return nil
}

// MatMul returns the product of a [n][m] and b [m][p], [n][p].
func MatMul(a, b [][]float64) [][]float64 {
	out := make([][]float64, len(a))
	for i := range a {
		out[i] = make([]float64, len(b[0]))
		for l, ail := range a[i] {
			for j, blj := range b[l] {
				out[i][j] += ail * blj
			}
		}
	}
	return out
}

// Attend returns softmax(QKᵀ/√d_k + M) V for queries q [Tq][d_k], keys k
// [Tk][d_k], values v [Tk][d_v] and the additive mask m [Tq][Tk]. A query
// whose every key is masked gets an output of zeros.
func Attend(q, k, v, m [][]float64) [][]float64 {
	out := make([][]float64, len(q))
	for i, qi := range q {
		out[i] = make([]float64, len(v[0]))
		s := make([]float64, len(k))
		top := math.Inf(-1)
		for j, kj := range k {
			for c := range qi {
				s[j] += qi[c] * kj[c]
			}
			s[j] = s[j]/math.Sqrt(float64(len(qi))) + m[i][j]
			top = math.Max(top, s[j])
		}
		if math.IsInf(top, -1) {
			continue
		}
		z := 0.0
		for j := range s {
			s[j] = math.Exp(s[j] - top)
			z += s[j]
		}
		for j := range s {
			for c := range out[i] {
				out[i][c] += s[j] / z * v[j][c]
			}
		}
	}
	return out
}
