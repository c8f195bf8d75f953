package transformer

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// A Transformer layer is a stack of sublayers (attention, the MLP), each
// wrapped in a residual connection and a LayerNorm. Vaswani et al. (2017)
// normalise after adding the residual, "post-LN":
//
//	x ← LN(x + Sublayer(x))
//
// GPT-2 and nanoGPT normalise the sublayer's input instead, "pre-LN",
// which leaves the residual stream x an untouched sum from the embedding
// to the output, so gradients reach the first layer undiminished and
// training needs no long warm-up (Xiong et al. 2020); the model then ends
// with one more LayerNorm:
//
//	x ← x + Sublayer(LN(x))
//
// Both apply dropout to the sublayer's output before the sum.

// KV holds one attention layer's keys and values, each [B, H, T, d_k]: what
// a decoder keeps of the tokens so far, so that the next token's step
// computes only its own.
type KV struct {
	K, V *autograd.Value
}

// ANCHOR: residual

// residual applies sublayer f to x with a residual connection and the
// LayerNorm ln, after (postLN) or before the sublayer, with dropout on
// the sublayer's output.
func residual(x *autograd.Value, ln *nn.LayerNorm, postLN bool, drop *nn.Dropout, f func(*autograd.Value) *autograd.Value) *autograd.Value {
	if postLN {
		// x ← LN(x + Dropout(Sublayer(x)))
		return ln.Forward(autograd.Add(x, drop.Forward(f(x))))
	}
	// x ← x + Dropout(Sublayer(LN(x)))
	return autograd.Add(x, drop.Forward(f(ln.Forward(x))))
}

// ANCHOR_END: residual

// selfAttend runs self-attention on h [B, T, d_model] whose keys and values
// extend those of past (nil for none) along T, and returns the output and
// the extended keys and values.
func selfAttend(attn *MultiHeadAttention, h *autograd.Value, past *KV, mask *tensor.Tensor) (*autograd.Value, *KV) {
	k, v := attn.KeysValues(h)
	if past != nil {
		k, v = autograd.Concat(2, past.K, k), autograd.Concat(2, past.V, v)
	}
	return attn.Attend(h, k, v, mask), &KV{K: k, V: v}
}

// Block is a Transformer layer of self-attention and an MLP: the encoder's
// layer under a padding mask, and the GPT's under a causal mask.
//
//	x ← x + MultiHead(LN_1(x), LN_1(x))
//	x ← x + MLP(LN_2(x))                  (pre-LN; post-LN as above)
type Block struct {
	LN1  *nn.LayerNorm       // before (pre-LN) or after (post-LN) attention
	Attn *MultiHeadAttention // self-attention
	LN2  *nn.LayerNorm       // before or after the MLP
	MLP  *MLP                // the position-wise feed-forward network
	Drop *nn.Dropout         // dropout on each sublayer's output
	// PostLN selects Vaswani et al.'s LN(x + Sublayer(x)) instead of
	// x + Sublayer(LN(x)).
	PostLN bool
}

// NewBlock returns a layer over dModel features with h heads, an MLP of
// dFF hidden units, biases in its Linear and LayerNorm layers or not,
// dropout p on the attention weights and on each sublayer's output, and
// pre-LN unless postLN.
func NewBlock(dModel, h, dFF int, bias bool, p float64, postLN bool, rng *tensor.RNG) *Block {
	return &Block{
		LN1: newLayerNorm(dModel, bias), Attn: NewMultiHeadAttention(dModel, h, bias, p, rng),
		LN2: newLayerNorm(dModel, bias), MLP: NewMLP(dModel, dFF, bias, rng),
		Drop: nn.NewDropout(p, rng), PostLN: postLN,
	}
}

// Forward maps x [B, T, d_model] to [B, T, d_model]; mask broadcasts
// against the attention scores [B, H, T, T] (CausalMask, PaddingMask) or
// is nil.
func (b *Block) Forward(x *autograd.Value, mask *tensor.Tensor) *autograd.Value {
	y, _ := b.ForwardKV(x, nil, mask)
	return y
}

// ANCHOR: block_forward

// ForwardKV is Forward for tokens x [B, Tq, d_model] that follow the
// tokens whose keys and values past holds (nil for none): they attend to
// those and to themselves, and the result comes with the keys and values
// of all Tk tokens for the next step. With past nil it is Forward; with
// the cache of earlier steps and mask CausalMask(Tq, Tk) it gives the
// same numbers as Forward on the whole sequence, for the new positions.
func (b *Block) ForwardKV(x *autograd.Value, past *KV, mask *tensor.Tensor) (*autograd.Value, *KV) {
	var kv *KV
	x = residual(x, b.LN1, b.PostLN, b.Drop, func(h *autograd.Value) *autograd.Value {
		var y *autograd.Value
		y, kv = selfAttend(b.Attn, h, past, mask)
		return y
	})
	x = residual(x, b.LN2, b.PostLN, b.Drop, b.MLP.Forward)
	return x, kv
}

// ANCHOR_END: block_forward

// setPrecision makes the block compute its products, GELU and attention's
// softmax in precision p.
func (b *Block) setPrecision(p tensor.Precision) {
	for _, lin := range []*nn.Linear{b.Attn.WQ, b.Attn.WK, b.Attn.WV, b.Attn.WO, b.MLP.FC1, b.MLP.FC2} {
		lin.Precision = p
	}
	b.Attn.Precision, b.MLP.Precision = p, p
}

// Children names the layers "ln1", "attn", "ln2", "mlp" and "drop".
func (b *Block) Children() []nn.Child {
	return []nn.Child{{Name: "ln1", M: b.LN1}, {Name: "attn", M: b.Attn}, {Name: "ln2", M: b.LN2}, {Name: "mlp", M: b.MLP}, {Name: "drop", M: b.Drop}}
}

// Params lists the layer's weights, named after its children.
func (b *Block) Params() []nn.Param { return nn.Nest(b.Children()...) }

// DecoderLayer is the encoder-decoder's decoder layer: causal
// self-attention over the target so far, cross-attention from the target
// (queries) to the encoder's output (keys and values), and an MLP.
//
//	x ← x + MultiHead(LN_1(x), LN_1(x))     (under a causal mask)
//	x ← x + MultiHead(LN_2(x), memory)       (the encoder's output)
//	x ← x + MLP(LN_3(x))                     (pre-LN; post-LN as above)
type DecoderLayer struct {
	LN1       *nn.LayerNorm
	SelfAttn  *MultiHeadAttention // causal self-attention
	LN2       *nn.LayerNorm
	CrossAttn *MultiHeadAttention // attention to the encoder's output
	LN3       *nn.LayerNorm
	MLP       *MLP
	Drop      *nn.Dropout // dropout on each sublayer's output
	PostLN    bool        // LN(x + Sublayer(x)) instead of x + Sublayer(LN(x))
}

// NewDecoderLayer returns a decoder layer with the settings NewBlock takes.
func NewDecoderLayer(dModel, h, dFF int, bias bool, p float64, postLN bool, rng *tensor.RNG) *DecoderLayer {
	return &DecoderLayer{
		LN1: newLayerNorm(dModel, bias), SelfAttn: NewMultiHeadAttention(dModel, h, bias, p, rng),
		LN2: newLayerNorm(dModel, bias), CrossAttn: NewMultiHeadAttention(dModel, h, bias, p, rng),
		LN3: newLayerNorm(dModel, bias), MLP: NewMLP(dModel, dFF, bias, rng),
		Drop: nn.NewDropout(p, rng), PostLN: postLN,
	}
}

// Forward maps the target's states x [B, T, d_model] to [B, T, d_model],
// attending to the encoder's output memory [B, S, d_model]. selfMask
// broadcasts against [B, H, T, T] (a causal mask, with the target's
// padding), memMask against [B, H, T, S] (the source's padding); either
// may be nil.
func (d *DecoderLayer) Forward(x, memory *autograd.Value, selfMask, memMask *tensor.Tensor) *autograd.Value {
	y, _ := d.ForwardKV(x, nil, d.MemoryKV(memory), selfMask, memMask)
	return y
}

// MemoryKV returns the cross-attention's keys and values of the encoder's
// output memory [B, S, d_model]: computed once per source sentence, and
// used at every step of decoding it.
func (d *DecoderLayer) MemoryKV(memory *autograd.Value) *KV {
	k, v := d.CrossAttn.KeysValues(memory)
	return &KV{K: k, V: v}
}

// ANCHOR: decoder_forward

// ForwardKV is Forward for target tokens x [B, Tq, d_model] that follow
// those whose self-attention keys and values past holds (nil for none),
// with the cross-attention's keys and values mem from MemoryKV. It
// returns the layer's output and the self-attention's keys and values of
// all Tk target tokens so far; selfMask is then CausalMask(Tq, Tk) (or
// nil for a single new token).
func (d *DecoderLayer) ForwardKV(x *autograd.Value, past, mem *KV, selfMask, memMask *tensor.Tensor) (*autograd.Value, *KV) {
	var kv *KV
	x = residual(x, d.LN1, d.PostLN, d.Drop, func(h *autograd.Value) *autograd.Value {
		var y *autograd.Value
		y, kv = selfAttend(d.SelfAttn, h, past, selfMask)
		return y
	})
	x = residual(x, d.LN2, d.PostLN, d.Drop, func(h *autograd.Value) *autograd.Value {
		return d.CrossAttn.Attend(h, mem.K, mem.V, memMask)
	})
	x = residual(x, d.LN3, d.PostLN, d.Drop, d.MLP.Forward)
	return x, kv
}

// ANCHOR_END: decoder_forward

// Children names the layers "ln1", "self", "ln2", "cross", "ln3", "mlp"
// and "drop".
func (d *DecoderLayer) Children() []nn.Child {
	return []nn.Child{{Name: "ln1", M: d.LN1}, {Name: "self", M: d.SelfAttn}, {Name: "ln2", M: d.LN2},
		{Name: "cross", M: d.CrossAttn}, {Name: "ln3", M: d.LN3}, {Name: "mlp", M: d.MLP}, {Name: "drop", M: d.Drop}}
}

// Params lists the layer's weights, named after its children.
func (d *DecoderLayer) Params() []nn.Param { return nn.Nest(d.Children()...) }

// newLayerNorm returns a LayerNorm over d features, with its shift β or,
// for a model without biases, without.
func newLayerNorm(d int, bias bool) *nn.LayerNorm {
	ln := nn.NewLayerNorm(d)
	if !bias {
		ln.Beta = nil
	}
	return ln
}
