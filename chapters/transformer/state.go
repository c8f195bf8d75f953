package transformer

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// The two models of the chapter as States: each step embeds the newest
// token alone, at the next position, and runs it through the layers with
// the keys and values of the tokens before it (the KV cache), so a step
// costs one token's work instead of the whole prefix's,
//
//	K_≤t = [K_<t ; k_t],  V_≤t = [V_<t ; v_t]
//	z_t = Attention(q_t, K_≤t, V_≤t)
//
// and gives the logits the full pass gives at position t. Each step starts
// from autograd.NoGrad, so decoding records no graph. A model with
// dropout should be put in evaluation mode first (nn.SetTraining(m,
// false)), or every step drops different features.
//
// Sharing a cache between forks is safe here, and the States rely on it.
// A step never writes into the tensors it holds: the cache grows by
// autograd.Concat, which copies the old keys and the new ones into a
// fresh tensor, and Transform and DecodeKV return a fresh slice of KVs.
// So a Fork copies only the slice of pointers, and two forks that feed
// different tokens each build their own new tensors on the shared old
// ones, which neither changes. (A cache preallocated to the block size
// and written in place, as production decoders keep it, would have to be
// copied.)

// GPTState is a GPT partway through a sequence: the number of tokens fed
// and every block's keys and values of them.
type GPTState struct {
	g    *GPT
	past []*KV // one KV per block, each [1, H, pos, d_k]; nil before the first token
	pos  int   // the position of the next token
}

// NewGPTState returns g as a State with nothing fed. Its context is the
// model's block size: feeding a token at position BlockSize panics, since
// the GPT has no position vector for it (cropping the context, as
// nanoGPT's generate does, would mean recomputing the cache).
func NewGPTState(g *GPT) *GPTState {
	if g == nil {
		panic("transformer: NewGPTState: nil GPT")
	}
	return &GPTState{g: g}
}

// Len returns the number of tokens fed so far.
func (s *GPTState) Len() int { return s.pos }

// ANCHOR: gpt_feed

// Feed appends token and returns the logits of the token after it.
func (s *GPTState) Feed(token int) []float64 {
	cfg := s.g.Config
	if s.pos >= cfg.BlockSize {
		panic(fmt.Sprintf("transformer: GPTState: token %d of a context of %d; the GPT's block size ends it", s.pos+1, cfg.BlockSize))
	}
	if token < 0 || token >= cfg.Vocab {
		panic(fmt.Sprintf("transformer: GPTState: token %d outside a vocabulary of %d", token, cfg.Vocab))
	}
	// h_0 = W_e[x_t] + W_p[t], for the newest token only
	h := autograd.NoGrad(s.g.Embed([][]int{{token}}, s.pos).Data)
	logits, kvs := s.g.Transform(h, s.past)
	s.past, s.pos = kvs, s.pos+1
	return lastRow(logits.Data)
}

// ANCHOR_END: gpt_feed

// Fork returns a copy of s that shares its keys and values, which no
// later step writes into.
func (s *GPTState) Fork() any {
	return &GPTState{g: s.g, past: append([]*KV(nil), s.past...), pos: s.pos}
}

// EncoderDecoderState is an encoder-decoder translating one source
// sentence, partway through its target: the memory's keys and values,
// computed once from the source, and the decoder's self-attention keys
// and values of the target tokens fed so far.
type EncoderDecoderState struct {
	m       *EncoderDecoder
	mem     []*KV          // every decoder layer's cross-attention keys and values of the memory
	srcMask *tensor.Tensor // the source's padding mask, or nil
	past    []*KV          // self-attention keys and values of the target so far; nil before the first token
	pos     int            // the position of the next target token
}

// NewEncoderDecoderState encodes the source sentence src and returns m as
// a State over its translation with no target token fed. The first token
// to feed is the begin-of-sentence token the model was trained with.
// Feeding past the model's MaxLen panics.
func NewEncoderDecoderState(m *EncoderDecoder, src []int) *EncoderDecoderState {
	if m == nil {
		panic("transformer: NewEncoderDecoderState: nil model")
	}
	if len(src) == 0 {
		panic("transformer: NewEncoderDecoderState: empty source sentence")
	}
	srcs := [][]int{src}
	// memory = Encoder(x_0), kept as data: decoding differentiates nothing
	memory := autograd.NoGrad(m.Encode(srcs).Data)
	return &EncoderDecoderState{m: m, mem: m.MemoryKV(memory), srcMask: m.SourceMask(srcs)}
}

// Len returns the number of target tokens fed so far.
func (s *EncoderDecoderState) Len() int { return s.pos }

// Feed appends the target token and returns the logits of the one after it.
func (s *EncoderDecoderState) Feed(token int) []float64 {
	cfg := s.m.Config
	if s.pos >= cfg.MaxLen {
		panic(fmt.Sprintf("transformer: EncoderDecoderState: target token %d; the model encodes positions up to MaxLen %d", s.pos+1, cfg.MaxLen))
	}
	if token < 0 || token >= cfg.TgtVocab {
		panic(fmt.Sprintf("transformer: EncoderDecoderState: token %d outside a target vocabulary of %d", token, cfg.TgtVocab))
	}
	// y_0 = √d_model · E[y_t] + PE(t), for the newest token only
	y := autograd.NoGrad(s.m.EmbedTarget([][]int{{token}}, s.pos).Data)
	logits, kvs := s.m.DecodeKV(y, s.past, s.mem, s.srcMask)
	s.past, s.pos = kvs, s.pos+1
	return lastRow(logits.Data)
}

// Fork returns a copy of s that shares the memory's keys and values and
// the target's, none of which a later step writes into.
func (s *EncoderDecoderState) Fork() any {
	c := *s
	c.past = append([]*KV(nil), s.past...)
	return &c
}

// lastRow copies the logits of the last position of a [1, T, V] tensor.
func lastRow(logits *tensor.Tensor) []float64 {
	v := logits.Shape[2]
	return append([]float64(nil), logits.Data[len(logits.Data)-v:]...)
}
