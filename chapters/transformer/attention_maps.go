package transformer

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// Attention maps: what a trained model's heads read. Each layer's weights
// A = softmax(QKᵀ/√d_k + M) are a distribution over the keys for every
// query, one per head; drawn as a matrix of queries (rows) by keys
// (columns), they show which tokens each token drew on. The models keep
// no weights of their own: these functions run one sentence through the
// model with MultiHeadAttention.OnWeights set on the layers asked about,
// and take the hooks off again.

// watch sets OnWeights on each of attns to keep a copy of the weights of
// the one sentence in the batch, [H, Tq, Tk], in maps[l], and returns a
// function that restores the hooks that were there before.
func watch(attns []*MultiHeadAttention, maps []*tensor.Tensor) (restore func()) {
	before := make([]func(*tensor.Tensor), len(attns))
	for l, a := range attns {
		before[l] = a.OnWeights
		a.OnWeights = func(w *tensor.Tensor) {
			s := w.Shape
			if s[0] != 1 {
				panic(fmt.Sprintf("transformer: attention maps of a batch of %d sentences; want one", s[0]))
			}
			maps[l] = w.Clone().Reshape(s[1], s[2], s[3])
		}
	}
	return func() {
		for l, a := range attns {
			a.OnWeights = before[l]
		}
	}
}

// GPTAttention returns the self-attention weights of every block of g on
// the tokens ids (at most BlockSize of them): one [H, T, T] tensor per
// block, row t the distribution of token t's queries over tokens 0..t
// (the causal mask gives every later token weight 0). Dropout is off
// for the pass and restored after.
func GPTAttention(g *GPT, ids []int) []*tensor.Tensor {
	attns := make([]*MultiHeadAttention, len(g.Blocks))
	for l, b := range g.Blocks {
		attns[l] = b.Attn
	}
	maps := make([]*tensor.Tensor, len(attns))
	defer watch(attns, maps)()
	defer evalMode(g, g.Drop)()
	g.noGradForward([][]int{ids})
	return maps
}

// CrossAttention returns the cross-attention weights of every decoder
// layer of m when it reads the source sentence src and is fed the target
// tgtIn (starting with the begin token) by teacher forcing: one [H, T, S]
// tensor per layer, row t the distribution over the S source tokens of
// the query that predicts target token t+1. Dropout is off for the pass
// and restored after.
func CrossAttention(m *EncoderDecoder, src, tgtIn []int) []*tensor.Tensor {
	attns := make([]*MultiHeadAttention, len(m.Decoder))
	for l, d := range m.Decoder {
		attns[l] = d.CrossAttn
	}
	maps := make([]*tensor.Tensor, len(attns))
	defer watch(attns, maps)()
	defer evalMode(m, m.Drop)()
	srcs := [][]int{src}
	memory := autograd.NoGrad(m.Encode(srcs).Data)
	y := autograd.NoGrad(m.EmbedTarget([][]int{tgtIn}, 0).Data)
	m.DecodeKV(y, nil, m.MemoryKV(memory), m.SourceMask(srcs))
	return maps
}

// MeanOverHeads returns the mean of a layer's maps a [H, Tq, Tk] over its
// heads, [Tq, Tk]: still a distribution over the keys in every row.
func MeanOverHeads(a *tensor.Tensor) *tensor.Tensor {
	if a.Dims() != 3 {
		panic(fmt.Sprintf("transformer: MeanOverHeads of %v; want [H, Tq, Tk]", a.Shape))
	}
	return tensor.MeanAxis(a, 0, false)
}

// evalMode switches m's dropout off and returns a function that switches
// it back on if it was on (drop is one of m's dropout layers, which all
// share the setting).
func evalMode(m nn.Module, drop *nn.Dropout) (restore func()) {
	training := drop.Training()
	nn.SetTraining(m, false)
	return func() { nn.SetTraining(m, training) }
}
