package transformer

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// GPTConfig is the shape of a decoder-only GPT. BabyGPT gives the values
// of nanoGPT's CPU example (Karpathy, nanoGPT README, "baby GPT" on
// Shakespeare's characters), so the two can be timed and compared setting
// for setting.
type GPTConfig struct {
	// Vocab is V, the number of token ids (65 for Shakespeare's
	// characters; whatever the character tokeniser finds in Go's sources).
	Vocab int
	// BlockSize is the longest context, T_max: 64 in the baby GPT, short
	// enough for a CPU and long enough to span a line or two of text. It
	// is also the number of learned position vectors.
	BlockSize int
	// Layers is the number of Blocks (4), Heads the attention heads per
	// block (4), Width d_model (128): d_k = 128/4 = 32 per head, the
	// smallest setting of nanoGPT's README that still writes
	// recognisable words.
	Layers, Heads, Width int
	// Dropout is the probability on the embeddings, the attention weights
	// and every sublayer's output: 0 in the baby GPT, whose model is too
	// small to overfit in 2000 steps.
	Dropout float64
	// Bias gives the Linear and LayerNorm layers biases (β for
	// LayerNorm). nanoGPT's train.py leaves them out (bias = False),
	// "a bit better and faster"; GPT-2 has them.
	Bias bool
	// PostLN makes the blocks Vaswani et al.'s (and GPT-1's)
	// LN(x + Sublayer(x)) instead of GPT-2's pre-LN x + Sublayer(LN(x)),
	// for comparing the two; false in BabyGPT. The final LayerNorm LN_f
	// stays either way, so both have the same weights.
	PostLN bool
	// Precision is the arithmetic of the matrix products (the blocks' and
	// the output layer's), GELU and attention's softmax: tensor.Float32 in
	// BabyGPT, as nanoGPT trains in float32 on a CPU, tensor.Float64 (the
	// zero value) for an exact model. Parameters, LayerNorm, the loss and
	// AdamW stay float64 either way.
	Precision tensor.Precision
}

// BabyGPT returns the baby GPT's configuration for a vocabulary of vocab
// ids: 4 layers, 4 heads, 128 features, contexts of 64, no dropout, no
// biases, products in float32.
func BabyGPT(vocab int) GPTConfig {
	return GPTConfig{Vocab: vocab, BlockSize: 64, Layers: 4, Heads: 4, Width: 128, Dropout: 0, Bias: false, Precision: tensor.Float32}
}

// Validate returns an error naming the first setting that cannot make a
// model.
func (c GPTConfig) Validate() error {
	switch {
	case c.Vocab <= 0:
		return fmt.Errorf("transformer: GPT vocabulary of %d ids; want at least 1", c.Vocab)
	case c.BlockSize <= 0:
		return fmt.Errorf("transformer: GPT block size %d; want at least 1", c.BlockSize)
	case c.Layers <= 0:
		return fmt.Errorf("transformer: GPT with %d layers; want at least 1", c.Layers)
	case c.Heads <= 0 || c.Width <= 0 || c.Width%c.Heads != 0:
		return fmt.Errorf("transformer: GPT width %d with %d heads; want a positive width that the heads divide", c.Width, c.Heads)
	case !(c.Dropout >= 0 && c.Dropout < 1):
		return fmt.Errorf("transformer: GPT dropout %g; want a probability in [0, 1)", c.Dropout)
	}
	return nil
}

// GPT is a decoder-only Transformer language model, built as nanoGPT's
// model.py builds GPT-2: token and learned position embeddings, Layers
// pre-LN Blocks (post-LN if Config.PostLN) under a causal mask, a final LayerNorm, and the token
// table again as the output layer,
//
//	h_0 = W_e[x_t] + W_p[t]
//	h_l = Block_l(h_{l-1})
//	logits = LN_f(h_L) W_eᵀ
//
// The output layer shares (ties) the token table W_e [V, d_model]: the
// logit of token v is the dot product of the final state with v's own
// embedding (Press & Wolf 2017), which saves V·d_model weights.
type GPT struct {
	Config GPTConfig
	TokEmb *nn.Embedding // W_e [V, d_model], also the output layer
	PosEmb *nn.Embedding // W_p [BlockSize, d_model]
	Drop   *nn.Dropout   // dropout on the embeddings' sum
	Blocks []*Block
	LNF    *nn.LayerNorm // the final LayerNorm
}

// NewGPT returns a GPT of the given configuration with nanoGPT's
// initialisation, drawn from rng: every weight matrix and embedding from
// N(0, 0.02²), biases 0, LayerNorm γ = 1 and β = 0, and the two
// projections that end each block's sublayers (attention's W_O and the
// MLP's W_2) from N(0, (0.02/√(2·Layers))²). Each block adds two such
// outputs to the residual stream, so its variance grows with the 2·Layers
// terms of the sum; the smaller projections keep it near that of the
// embeddings (Radford et al. 2019, GPT-2, §2.3).
func NewGPT(cfg GPTConfig, rng *tensor.RNG) (*GPT, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	d := cfg.Width
	g := &GPT{
		Config: cfg,
		TokEmb: nn.NewEmbedding(cfg.Vocab, d, rng),
		PosEmb: nn.NewEmbedding(cfg.BlockSize, d, rng),
		Drop:   nn.NewDropout(cfg.Dropout, rng),
		LNF:    newLayerNorm(d, cfg.Bias),
	}
	// ANCHOR: gpt_init
	const sigma = 0.02
	nn.Normal(g.TokEmb.W.Data, sigma, rng)
	nn.Normal(g.PosEmb.W.Data, sigma, rng)
	for l := 0; l < cfg.Layers; l++ {
		b := NewBlock(d, cfg.Heads, 4*d, cfg.Bias, cfg.Dropout, cfg.PostLN, rng)
		for _, lin := range []*nn.Linear{b.Attn.WQ, b.Attn.WK, b.Attn.WV, b.MLP.FC1} {
			initLinear(lin, sigma, rng)
		}
		for _, lin := range []*nn.Linear{b.Attn.WO, b.MLP.FC2} {
			initLinear(lin, sigma/math.Sqrt(2*float64(cfg.Layers)), rng)
		}
		g.Blocks = append(g.Blocks, b)
	}
	// ANCHOR_END: gpt_init
	for _, b := range g.Blocks {
		b.setPrecision(cfg.Precision)
	}
	return g, nil
}

// initLinear draws l's weights from N(0, σ²) and zeroes its bias.
func initLinear(l *nn.Linear, sigma float64, rng *tensor.RNG) {
	nn.Normal(l.W.Data, sigma, rng)
	if l.B != nil {
		l.B.Data.Fill(0)
	}
}

// Forward returns the logits [B, T, V] of the next token after each
// prefix of the sequences ids [B][T] (T ≤ BlockSize): row t depends on
// ids[b][0..t] only.
func (g *GPT) Forward(ids [][]int) *autograd.Value {
	logits, _ := g.Transform(g.Embed(ids, 0), nil)
	return logits
}

// Embed returns the inputs of the first block for tokens ids [B][T] at
// positions start, ..., start+T-1, [B, T, d_model]:
//
//	h_0 = W_e[x_t] + W_p[t]
//
// A pass that will not be differentiated (sampling) can continue from
// autograd.NoGrad(Embed(ids, start).Data), so that the blocks record no
// graph.
func (g *GPT) Embed(ids [][]int, start int) *autograd.Value {
	_, t := batchShape("GPT", ids)
	if start < 0 || start+t > g.Config.BlockSize {
		panic(fmt.Sprintf("transformer: GPT: positions %d..%d, want them below the block size %d", start, start+t-1, g.Config.BlockSize))
	}
	// h_0 = W_e[x_t] + W_p[t]
	x := autograd.Add(g.TokEmb.ForwardBatch(ids), g.PosEmb.Forward(positions(start, t)))
	return g.Drop.Forward(x)
}

// ANCHOR: gpt_transform

// Transform runs the blocks, the final LayerNorm and the output layer on
// h_0 [B, Tq, d_model] from Embed, for tokens that follow those whose
// keys and values past holds (one KV per block, or nil for none), and
// returns the logits [B, Tq, V] and every block's keys and values of all
// tokens so far. Calling it on a whole sequence and calling it token by
// token with the KVs it returns give the same logits.
func (g *GPT) Transform(h *autograd.Value, past []*KV) (*autograd.Value, []*KV) {
	if past != nil && len(past) != len(g.Blocks) {
		panic(fmt.Sprintf("transformer: GPT: keys and values of %d blocks, the model has %d", len(past), len(g.Blocks)))
	}
	tq, tk := h.Shape()[1], h.Shape()[1]
	if past != nil {
		tk += past[0].K.Shape()[2]
	}
	// Each token attends to itself and the tokens before it.
	mask := CausalMask(tq, tk)
	kvs := make([]*KV, len(g.Blocks))
	for l, b := range g.Blocks {
		var p *KV
		if past != nil {
			p = past[l]
		}
		// h_l = Block_l(h_{l-1})
		h, kvs[l] = b.ForwardKV(h, p, mask)
	}
	// logits = LN_f(h_L) W_eᵀ
	return autograd.BatchedMatMulIn(g.Config.Precision, g.LNF.Forward(h), false, g.TokEmb.W, true), kvs
}

// ANCHOR_END: gpt_transform

// Loss returns the mean cross-entropy of the next-token predictions: the
// logits for ids [B][T] against targets [B][T], targets[b][t] being the
// token after ids[b][t] (the same text shifted by one).
//
//	L = -(1/BT)·Σ_{b,t} log p(targets[b][t] | ids[b][0..t])
func (g *GPT) Loss(ids, targets [][]int) *autograd.Value {
	return nextTokenLoss(g.Forward(ids), targets)
}

// nextTokenLoss is the mean cross-entropy of logits [B, T, V] against the
// targets [B][T].
func nextTokenLoss(logits *autograd.Value, targets [][]int) *autograd.Value {
	s := logits.Shape()
	b, t := batchShape("loss", targets)
	if b != s[0] || t != s[1] {
		panic(fmt.Sprintf("transformer: logits %v and targets [%d, %d]", s, b, t))
	}
	labels := make([]int, 0, b*t)
	for _, seq := range targets {
		labels = append(labels, seq...)
	}
	return nn.CrossEntropy(autograd.Reshape(logits, b*t, s[2]), labels, 0)
}

// Children names the parts: "wte", "wpe", "drop", "h0", "h1", ..., "ln_f"
// (nanoGPT's names).
func (g *GPT) Children() []nn.Child {
	cs := []nn.Child{{Name: "wte", M: g.TokEmb}, {Name: "wpe", M: g.PosEmb}, {Name: "drop", M: g.Drop}}
	for l, b := range g.Blocks {
		cs = append(cs, nn.Child{Name: fmt.Sprintf("h%d", l), M: b})
	}
	return append(cs, nn.Child{Name: "ln_f", M: g.LNF})
}

// Params lists the model's weights; the output layer, being W_e, is not
// listed twice.
func (g *GPT) Params() []nn.Param { return nn.Nest(g.Children()...) }
