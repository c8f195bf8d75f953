package transformer

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// MultiHeadAttention runs H attentions side by side, each on its own
// learned projection of d_k = d_model/H features, and mixes their outputs
// (Vaswani et al. 2017, §3.2.2):
//
//	head_h = Attention(X W_Q^h, M W_K^h, M W_V^h)
//	MultiHead(X, M) = Concat(head_1, ..., head_H) W_O
//
// The queries come from X and the keys and values from M: M = X is
// self-attention, M the encoder's output is the decoder's
// cross-attention. W_Q is [d_model, d_model], the H matrices W_Q^h side
// by side, so one product projects every head at once (likewise W_K,
// W_V); the heads cost together what one full-width attention would.
//
// The computation is split where a decoder caches: KeysValues projects M
// once, Attend uses keys and values however they were obtained. Decoding
// one token at a time keeps each layer's keys and values of the tokens so
// far and appends the new token's, instead of recomputing them.
type MultiHeadAttention struct {
	WQ, WK, WV *nn.Linear  // the query, key and value projections [d_model, d_model]
	WO         *nn.Linear  // the output projection [d_model, d_model]
	Drop       *nn.Dropout // dropout on the attention weights
	H          int         // the number of heads
	// OnWeights, if not nil, is shown the attention weights A
	// [B, H, Tq, Tk] of every Attend, before dropout: what the heads
	// read, for drawing them (AttentionMaps). It must not change them.
	OnWeights func(a *tensor.Tensor)
	// Precision is the arithmetic of attention's own products, QKᵀ and
	// AV, and of its softmax (the projections follow their Linears'
	// Precision): tensor.Float64, the zero value, unless the model asks
	// for Float32, as the baby GPT does.
	Precision tensor.Precision
}

// NewMultiHeadAttention returns attention with h heads over dModel
// features (dModel a multiple of h), its projections with or without
// biases, and dropout p on the attention weights, drawn from rng.
// The projections start as nn.NewLinear's; models may re-initialise them.
func NewMultiHeadAttention(dModel, h int, bias bool, p float64, rng *tensor.RNG) *MultiHeadAttention {
	if h <= 0 || dModel%h != 0 {
		panic(fmt.Sprintf("transformer: NewMultiHeadAttention: %d features do not split into %d heads", dModel, h))
	}
	return &MultiHeadAttention{
		WQ: newLinear(dModel, dModel, bias, rng), WK: newLinear(dModel, dModel, bias, rng),
		WV: newLinear(dModel, dModel, bias, rng), WO: newLinear(dModel, dModel, bias, rng),
		Drop: nn.NewDropout(p, rng), H: h,
	}
}

// Forward returns the attention of the queries x [B, Tq, d_model] on the
// keys and values mem [B, Tk, d_model] (mem = x for self-attention), as
// [B, Tq, d_model]. mask broadcasts against [B, H, Tq, Tk], or is nil.
func (m *MultiHeadAttention) Forward(x, mem *autograd.Value, mask *tensor.Tensor) *autograd.Value {
	k, v := m.KeysValues(mem)
	return m.Attend(x, k, v, mask)
}

// KeysValues projects mem [B, Tk, d_model] to the keys K = M W_K and
// values V = M W_V of every head, each [B, H, Tk, d_k].
func (m *MultiHeadAttention) KeysValues(mem *autograd.Value) (k, v *autograd.Value) {
	return m.splitHeads(m.WK.Forward(mem)), m.splitHeads(m.WV.Forward(mem))
}

// ANCHOR: mha_attend

// Attend returns the attention of the queries x [B, Tq, d_model] on keys
// and values k, v [B, H, Tk, d_k] that KeysValues made (or that a cache
// assembled from its results along the T axis), as [B, Tq, d_model].
func (m *MultiHeadAttention) Attend(x, k, v *autograd.Value, mask *tensor.Tensor) *autograd.Value {
	// Q = X W_Q, split into heads [B, H, Tq, d_k]
	q := m.splitHeads(m.WQ.Forward(x))
	// A = softmax(QKᵀ/√d_k + M) per head, with dropout on the weights
	a := AttentionWeightsIn(m.Precision, q, k, mask)
	if m.OnWeights != nil {
		m.OnWeights(a.Data)
	}
	a = m.Drop.Forward(a)
	checkValues(a, v)
	// head_h = A V
	heads := autograd.BatchedMatMulIn(m.Precision, a, false, v, false)
	// MultiHead = Concat(head_1, ..., head_H) W_O
	return m.WO.Forward(m.mergeHeads(heads))
}

// ANCHOR_END: mha_attend

// ANCHOR: split_heads

// splitHeads views x [B, T, H·d_k] as H heads, [B, H, T, d_k].
func (m *MultiHeadAttention) splitHeads(x *autograd.Value) *autograd.Value {
	s := x.Shape()
	if len(s) != 3 || s[2]%m.H != 0 {
		panic(fmt.Sprintf("transformer: attention input %v, want [B, T, d_model] with d_model a multiple of %d heads", s, m.H))
	}
	return autograd.Transpose(autograd.Reshape(x, s[0], s[1], m.H, s[2]/m.H), 0, 2, 1, 3)
}

// ANCHOR_END: split_heads

// mergeHeads concatenates the heads x [B, H, T, d_k] back to [B, T, H·d_k].
func (m *MultiHeadAttention) mergeHeads(x *autograd.Value) *autograd.Value {
	s := x.Shape()
	return autograd.Reshape(autograd.Transpose(x, 0, 2, 1, 3), s[0], s[2], s[1]*s[3])
}

// Children names the projections and the dropout.
func (m *MultiHeadAttention) Children() []nn.Child {
	return []nn.Child{{Name: "q", M: m.WQ}, {Name: "k", M: m.WK}, {Name: "v", M: m.WV}, {Name: "o", M: m.WO}, {Name: "drop", M: m.Drop}}
}

// Params lists the projections' weights (and biases), as "q.W", "q.b", ...
func (m *MultiHeadAttention) Params() []nn.Param { return nn.Nest(m.Children()...) }

// newLinear returns an nn.Linear with or without a bias.
func newLinear(in, out int, bias bool, rng *tensor.RNG) *nn.Linear {
	if bias {
		return nn.NewLinear(in, out, rng)
	}
	return nn.NewLinearNoBias(in, out, rng)
}
