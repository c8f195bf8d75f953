// Package kvcache is an exercise: decoding one token at a time with a
// cache of keys and values, as a GPT generates text.
//
// Causal self-attention over tokens x_0, ..., x_t ([d] each) projects every
// token to a query, a key and a value,
//
//	q_s = x_s W_Q,   k_s = x_s W_K,   v_s = x_s W_V
//
// and gives position s the output softmax over j ≤ s of (q_s·k_j/√d_k),
// weighting v_j. Generating text, the model sees one more token each
// step and needs the output at the newest position only. Recomputing all
// t + 1 positions every step costs O(t²) per step, and most of it is
// wasted: the causal mask guarantees that no earlier key or value, nor
// any earlier output, depends on the new token. So keep the keys and
// values computed so far, the KV cache; at each step project the new
// token, append its key and value, and let its query attend to all the
// cached keys. No mask is needed: the new token is the last, and may see
// every key there is. A step then costs O(t).
//
// A beam search keeps several continuations of one prefix, and each needs
// its own cache: Fork copies one, so that extending a copy never changes
// the original or another copy. (Chapter section "The KV cache",
// chapters/transformer/README.md.)
package kvcache

// Cache holds a layer's projections W_Q, W_K ([d][d_k]) and W_V ([d][d_v])
// and the keys K ([t][d_k]) and values V ([t][d_v]) of the t tokens
// decoded so far, K[s] = x_s W_K and V[s] = x_s W_V.
type Cache struct {
	WQ, WK, WV [][]float64
	K, V       [][]float64
}

// NewCache returns an empty cache for the projections wq, wk and wv.
func NewCache(wq, wk, wv [][]float64) *Cache {
	return &Cache{WQ: wq, WK: wk, WV: wv}
}

// project returns x W for x [d] and w [d][n].
func project(x []float64, w [][]float64) []float64 {
	out := make([]float64, len(w[0]))
	for i, xi := range x {
		for j, wij := range w[i] {
			out[j] += xi * wij
		}
	}
	return out
}

// Step feeds the next token x ([d]) and returns the causal self-attention
// output at its position, [d_v]: the same numbers as the last row of the
// full computation over every token fed so far. The cache grows by one
// key and one value.
func (c *Cache) Step(x []float64) []float64 {
	// TODO: project, append to the cache, attend.
	return nil
}

// Fork returns a copy of the cache that can be extended independently:
// Steps on the copy do not change c, and Steps on c do not change the copy.
// The projections are shared, since neither changes them.
func (c *Cache) Fork() *Cache {
	// TODO
	return nil
}
