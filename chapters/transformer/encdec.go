package transformer

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// Config is the shape of an encoder-decoder Transformer. BaseConfig gives
// Vaswani et al.'s (2017) base model, Table 3.
type Config struct {
	// SrcVocab and TgtVocab are the source and target vocabularies' sizes.
	// The paper shares one vocabulary (byte-pair encoded, 37,000 tokens
	// for English-German) between the two languages, which TieEmbeddings
	// needs.
	SrcVocab, TgtVocab int
	// DModel is d_model (512), Heads h (8, so d_k = 64), DFF the MLP's
	// hidden width d_ff (2048 = 4·d_model), Layers the number N of
	// encoder layers and of decoder layers (6 each).
	DModel, Heads, DFF, Layers int
	// Dropout is P_drop (0.1), on the embeddings' sums, the attention
	// weights and every sublayer's output.
	Dropout float64
	// MaxLen is the longest sequence, source or target, whose positions
	// are encoded (512; the sinusoids are computed once up to it).
	MaxLen int
	// PostLN selects the paper's LN(x + Sublayer(x)) (true in
	// BaseConfig); false gives pre-LN with a final LayerNorm after each
	// stack, which the chapter compares it with.
	PostLN bool
	// TieEmbeddings shares one table between the source embedding, the
	// target embedding and the output layer (the paper's §3.4), which
	// needs SrcVocab = TgtVocab.
	TieEmbeddings bool
	// Pad is the pad token's id in both languages: source positions that
	// hold it are masked out of attention. -1 means no padding. Targets
	// are padded at the end, where the causal mask already keeps every
	// real token from seeing them, so they need no mask of their own;
	// LabelSmoothingLoss leaves their rows out.
	Pad int
	// Bias gives the Linear and LayerNorm layers biases (true, as in the
	// paper).
	Bias bool
}

// BaseConfig returns the base model of Vaswani et al. (2017) for a shared
// vocabulary of vocab tokens with pad token pad: N = 6, d_model = 512,
// h = 8, d_ff = 2048, P_drop = 0.1, post-LN, tied embeddings, biases.
// Its 65M parameters (with 37,000 tokens) are far too many for this
// book's CPUs; the chapter trains smaller ones from it.
func BaseConfig(vocab, pad int) Config {
	return Config{SrcVocab: vocab, TgtVocab: vocab, DModel: 512, Heads: 8, DFF: 2048, Layers: 6,
		Dropout: 0.1, MaxLen: 512, PostLN: true, TieEmbeddings: true, Pad: pad, Bias: true}
}

// Validate returns an error naming the first setting that cannot make a
// model.
func (c Config) Validate() error {
	switch {
	case c.SrcVocab <= 0 || c.TgtVocab <= 0:
		return fmt.Errorf("transformer: vocabularies of %d and %d tokens; want at least 1 each", c.SrcVocab, c.TgtVocab)
	case c.TieEmbeddings && c.SrcVocab != c.TgtVocab:
		return fmt.Errorf("transformer: tied embeddings need one vocabulary; source has %d tokens, target %d", c.SrcVocab, c.TgtVocab)
	case c.Heads <= 0 || c.DModel <= 0 || c.DModel%c.Heads != 0 || c.DModel%2 != 0:
		return fmt.Errorf("transformer: d_model %d with %d heads; want an even d_model that the heads divide", c.DModel, c.Heads)
	case c.DFF <= 0 || c.Layers <= 0 || c.MaxLen <= 0:
		return fmt.Errorf("transformer: d_ff %d, %d layers, longest sequence %d; want each at least 1", c.DFF, c.Layers, c.MaxLen)
	case !(c.Dropout >= 0 && c.Dropout < 1):
		return fmt.Errorf("transformer: dropout %g; want a probability in [0, 1)", c.Dropout)
	case c.Pad >= min(c.SrcVocab, c.TgtVocab):
		return fmt.Errorf("transformer: pad token %d is outside a vocabulary of %d", c.Pad, min(c.SrcVocab, c.TgtVocab))
	}
	return nil
}

// EncoderDecoder is the Transformer of Vaswani et al. (2017): an encoder
// of N Blocks reads the source sentence into one vector per source token,
// the memory; a decoder of N DecoderLayers reads the target so far, each
// layer attending to the memory, and predicts the next target token.
//
//	x_0 = √d_model · E[x_s] + PE(s)
//	memory = Encoder(x_0)                  (source padding masked)
//	y_0 = √d_model · E[y_t] + PE(t)
//	logits = Decoder(y_0, memory) W_out    (causal; W_out = Eᵀ when tied)
type EncoderDecoder struct {
	Config  Config
	SrcEmb  *nn.Embedding // E for the source [SrcVocab, d_model]
	TgtEmb  *nn.Embedding // E for the target; SrcEmb itself when tied
	Out     *nn.Linear    // the output layer [d_model, TgtVocab]; nil when tied
	Drop    *nn.Dropout   // dropout on the embeddings' sums
	Encoder []*Block
	Decoder []*DecoderLayer
	// EncNorm and DecNorm end the stacks of a pre-LN model; nil for post-LN,
	// whose layers already end in a LayerNorm.
	EncNorm, DecNorm *nn.LayerNorm

	pe *tensor.Tensor // PE(0..MaxLen-1) [MaxLen, d_model]
}

// NewEncoderDecoder returns a model of the given configuration drawn from
// rng. Linear layers start as nn.NewLinear's; embeddings from
// N(0, 1/d_model), so that √d_model · E[x] has unit-variance entries,
// like the sinusoids it is added to, and a tied output layer's logits
// start small (fairseq initialises its Transformer's embeddings so).
func NewEncoderDecoder(cfg Config, rng *tensor.RNG) (*EncoderDecoder, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	d := cfg.DModel
	m := &EncoderDecoder{Config: cfg, Drop: nn.NewDropout(cfg.Dropout, rng), pe: Sinusoidal(0, cfg.MaxLen, d)}
	m.SrcEmb = nn.NewEmbedding(cfg.SrcVocab, d, rng)
	nn.Normal(m.SrcEmb.W.Data, 1/math.Sqrt(float64(d)), rng)
	if cfg.TieEmbeddings {
		m.TgtEmb = m.SrcEmb
	} else {
		m.TgtEmb = nn.NewEmbedding(cfg.TgtVocab, d, rng)
		nn.Normal(m.TgtEmb.W.Data, 1/math.Sqrt(float64(d)), rng)
		m.Out = newLinear(d, cfg.TgtVocab, cfg.Bias, rng)
	}
	for l := 0; l < cfg.Layers; l++ {
		m.Encoder = append(m.Encoder, NewBlock(d, cfg.Heads, cfg.DFF, cfg.Bias, cfg.Dropout, cfg.PostLN, rng))
	}
	for l := 0; l < cfg.Layers; l++ {
		m.Decoder = append(m.Decoder, NewDecoderLayer(d, cfg.Heads, cfg.DFF, cfg.Bias, cfg.Dropout, cfg.PostLN, rng))
	}
	if !cfg.PostLN {
		m.EncNorm, m.DecNorm = newLayerNorm(d, cfg.Bias), newLayerNorm(d, cfg.Bias)
	}
	return m, nil
}

// Forward returns the logits [B, T, TgtVocab] of the next target token
// after each prefix of tgt [B][T], given the source sentences src [B][S].
// Training feeds the target shifted right (starting with a begin token)
// as tgt and compares the logits with the unshifted target.
func (m *EncoderDecoder) Forward(src, tgt [][]int) *autograd.Value {
	srcMask := m.SourceMask(src)
	logits, _ := m.DecodeKV(m.EmbedTarget(tgt, 0), nil, m.MemoryKV(m.Encode(src)), srcMask)
	return logits
}

// SourceMask returns the padding mask of the source sentences src [B][S],
// [B, 1, 1, S], or nil when the model has no pad token.
func (m *EncoderDecoder) SourceMask(src [][]int) *tensor.Tensor {
	if m.Config.Pad < 0 {
		return nil
	}
	return PadTokenMask(src, m.Config.Pad)
}

// ANCHOR: encode

// Encode returns the memory [B, S, d_model] of the source sentences src
// [B][S], its padding masked.
func (m *EncoderDecoder) Encode(src [][]int) *autograd.Value {
	mask := m.SourceMask(src)
	x := m.embed(m.SrcEmb, src, 0)
	for _, b := range m.Encoder {
		x = b.Forward(x, mask)
	}
	if m.EncNorm != nil {
		x = m.EncNorm.Forward(x)
	}
	return x
}

// ANCHOR_END: encode

// EmbedTarget returns the decoder's input for target tokens tgt [B][T] at
// positions start, ..., start+T-1, [B, T, d_model]. As with GPT.Embed, a
// pass that will not be differentiated can continue from
// autograd.NoGrad of its data.
func (m *EncoderDecoder) EmbedTarget(tgt [][]int, start int) *autograd.Value {
	return m.embed(m.TgtEmb, tgt, start)
}

// ANCHOR: embed

// embed returns √d_model · E[ids] + PE(start..start+T-1), with dropout.
func (m *EncoderDecoder) embed(e *nn.Embedding, ids [][]int, start int) *autograd.Value {
	_, t := batchShape("EncoderDecoder", ids)
	if start < 0 || start+t > m.Config.MaxLen {
		panic(fmt.Sprintf("transformer: EncoderDecoder: positions %d..%d, want them below MaxLen %d", start, start+t-1, m.Config.MaxLen))
	}
	// √d_model · E[x]: the embeddings are scaled up to the sinusoids' size (§3.4)
	x := autograd.Scale(e.ForwardBatch(ids), math.Sqrt(float64(m.Config.DModel)))
	// + PE(p)
	x = autograd.Add(x, autograd.Const(tensor.Slice(m.pe, 0, start, start+t)))
	return m.Drop.Forward(x)
}

// ANCHOR_END: embed

// MemoryKV returns every decoder layer's cross-attention keys and values
// of the memory from Encode: computed once per source batch.
func (m *EncoderDecoder) MemoryKV(memory *autograd.Value) []*KV {
	kvs := make([]*KV, len(m.Decoder))
	for l, d := range m.Decoder {
		kvs[l] = d.MemoryKV(memory)
	}
	return kvs
}

// DecodeKV runs the decoder on y [B, Tq, d_model] from EmbedTarget, for
// target tokens that follow those whose self-attention keys and values
// past holds (one KV per layer, or nil for none), attending to the memory
// through mem (from MemoryKV) under the source mask srcMask. It returns
// the logits [B, Tq, TgtVocab] and every layer's keys and values of the
// target so far; step by step it gives Forward's logits.
func (m *EncoderDecoder) DecodeKV(y *autograd.Value, past, mem []*KV, srcMask *tensor.Tensor) (*autograd.Value, []*KV) {
	if len(mem) != len(m.Decoder) || (past != nil && len(past) != len(m.Decoder)) {
		panic(fmt.Sprintf("transformer: EncoderDecoder: %d layers, given the memory of %d and the keys and values of %d", len(m.Decoder), len(mem), len(past)))
	}
	tq, tk := y.Shape()[1], y.Shape()[1]
	if past != nil {
		tk += past[0].K.Shape()[2]
	}
	selfMask := CausalMask(tq, tk)
	kvs := make([]*KV, len(m.Decoder))
	for l, d := range m.Decoder {
		var p *KV
		if past != nil {
			p = past[l]
		}
		y, kvs[l] = d.ForwardKV(y, p, mem[l], selfMask, srcMask)
	}
	// ANCHOR: decode_output
	if m.DecNorm != nil {
		y = m.DecNorm.Forward(y)
	}
	if m.Out == nil {
		// logits = y Eᵀ, the output layer tied to the embedding
		return autograd.BatchedMatMul(y, false, m.TgtEmb.W, true), kvs
	}
	// logits = y W_out + b_out
	return m.Out.Forward(y), kvs
	// ANCHOR_END: decode_output
}

// Loss returns the label-smoothed cross-entropy (LabelSmoothingLoss with
// ε = eps and the model's pad token) of predicting tgtOut [B][T] from
// the source src and the target shifted right, tgtIn [B][T].
func (m *EncoderDecoder) Loss(src, tgtIn, tgtOut [][]int, eps float64) *autograd.Value {
	b, t := batchShape("EncoderDecoder.Loss", tgtOut)
	labels := make([]int, 0, b*t)
	for _, seq := range tgtOut {
		labels = append(labels, seq...)
	}
	return LabelSmoothingLoss(m.Forward(src, tgtIn), labels, eps, m.Config.Pad)
}

// Children names the parts: "emb" (tied) or "src_emb", "tgt_emb" and
// "out"; "enc0", "enc1", ...; "dec0", ...; and "enc_norm", "dec_norm" for
// pre-LN. A tied table is listed once, so an optimizer steps it once.
func (m *EncoderDecoder) Children() []nn.Child {
	var cs []nn.Child
	if m.Out == nil {
		cs = append(cs, nn.Child{Name: "emb", M: m.SrcEmb})
	} else {
		cs = append(cs, nn.Child{Name: "src_emb", M: m.SrcEmb}, nn.Child{Name: "tgt_emb", M: m.TgtEmb}, nn.Child{Name: "out", M: m.Out})
	}
	cs = append(cs, nn.Child{Name: "drop", M: m.Drop})
	for l, b := range m.Encoder {
		cs = append(cs, nn.Child{Name: fmt.Sprintf("enc%d", l), M: b})
	}
	for l, d := range m.Decoder {
		cs = append(cs, nn.Child{Name: fmt.Sprintf("dec%d", l), M: d})
	}
	if m.EncNorm != nil {
		cs = append(cs, nn.Child{Name: "enc_norm", M: m.EncNorm}, nn.Child{Name: "dec_norm", M: m.DecNorm})
	}
	return cs
}

// Params lists the model's weights, named after its children.
func (m *EncoderDecoder) Params() []nn.Param { return nn.Nest(m.Children()...) }
