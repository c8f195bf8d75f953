package transformer

import (
	"fmt"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// What the KV cache saves, timed: greedy decoding of N tokens through a
// model's State (each step feeds the newest token alone, against the
// keys and values kept from the steps before) against a Scorer that runs
// the whole prefix again at every step. Step t costs the cache one
// token's projections and MLPs and a t-key attention; it costs the
// Scorer t tokens' projections and MLPs and t t-key attentions. Over N
// tokens the projections and MLPs are N token-passes against
// N(N+1)/2, so the saving should grow about as (N+1)/2; the attention,
// N²/2 key reads against N³/6, grows as N/3. Run
//
//	go test ./chapters/transformer -run '^$' -bench Generate -benchtime 3x
//
// and compare each benchmark's ms/token, cache against recompute.

// BenchmarkGPTGenerate decodes N tokens from the baby GPT (BabyGPT with
// the Go corpus's 108 characters, untrained: the time does not depend on
// the weights), with its block of 64 and with a block of 256.
func BenchmarkGPTGenerate(b *testing.B) {
	for _, c := range []struct{ block, n int }{{64, 16}, {64, 64}, {256, 256}} {
		cfg := BabyGPT(108)
		cfg.BlockSize = c.block
		g, err := NewGPT(cfg, tensor.NewRNG(1))
		if err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("block=%d/N=%d", c.block, c.n)
		b.Run(name+"/cache", func(b *testing.B) {
			benchGenerate(b, c.n, func() State { return NewGPTState(g) })
		})
		b.Run(name+"/recompute", func(b *testing.B) {
			benchGenerate(b, c.n, func() State { return NewScorerState(GPTScorer(g)) })
		})
	}
}

// BenchmarkEncoderDecoderGenerate decodes N target tokens from the copy
// task's encoder-decoder (CopyTraining's shape: 2+2 layers, width 64)
// after a source of 10 tokens, as the copy task reads. Both sides encode
// the source once and keep the memory's keys and values; the recomputing
// side runs the decoder over the whole target prefix at every step.
func BenchmarkEncoderDecoderGenerate(b *testing.B) {
	cfg := CopyTraining().Model
	cfg.SrcVocab, cfg.TgtVocab, cfg.MaxLen = 11, 11, 256
	m, err := NewEncoderDecoder(cfg, tensor.NewRNG(1))
	if err != nil {
		b.Fatal(err)
	}
	src := []int{1, 7, 3, 3, 9, 2, 10, 4, 4, 6}
	for _, n := range []int{9, 64, 256} {
		name := fmt.Sprintf("N=%d", n)
		b.Run(name+"/cache", func(b *testing.B) {
			benchGenerate(b, n, func() State { return NewEncoderDecoderState(m, src) })
		})
		b.Run(name+"/recompute", func(b *testing.B) {
			benchGenerate(b, n, func() State { return NewScorerState(decoderScorer(m, src)) })
		})
	}
}

// benchGenerate times greedy decoding of n tokens from a fresh State,
// after a start token 1, and reports the milliseconds per token.
func benchGenerate(b *testing.B, n int, newState func() State) {
	for range b.N {
		if got := len(Greedy(newState(), []int{1}, n, -1)); got != n {
			b.Fatalf("decoded %d tokens, want %d", got, n)
		}
	}
	b.ReportMetric(1e3*b.Elapsed().Seconds()/float64(b.N*n), "ms/token")
}

// decoderScorer is m over the source src as a Scorer that encodes src
// once and then, for every prefix, runs the decoder over all of it,
// without a graph: the encoder-decoder without its target's KV cache.
func decoderScorer(m *EncoderDecoder, src []int) Scorer {
	nn.SetTraining(m, false)
	srcs := [][]int{src}
	mem := m.MemoryKV(autograd.NoGrad(m.Encode(srcs).Data))
	mask := m.SourceMask(srcs)
	return func(prefix []int) []float64 {
		y := autograd.NoGrad(m.EmbedTarget([][]int{prefix}, 0).Data)
		logits, _ := m.DecodeKV(y, nil, mem, mask)
		return lastRow(logits.Data)
	}
}

// The benchmark's recomputing encoder-decoder gives the full pass's
// logits, so the two sides of the comparison compute the same thing.
func TestDecoderScorerMatchesForward(t *testing.T) {
	m := stateEncDec(t, 4, false, true)
	src := []int{3, 5, 2, 0}
	full, dec := encDecScorer(m, src), decoderScorer(m, src)
	prefix := []int{1}
	for _, tok := range []int{4, 7, 2, 9} {
		if d := maxDiff(full(prefix), dec(prefix)); !(d < 1e-12) {
			t.Fatalf("prefix %v: logits differ by %.3g", prefix, d)
		}
		prefix = append(prefix, tok)
	}
}
