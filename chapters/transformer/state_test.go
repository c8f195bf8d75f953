package transformer

import (
	"fmt"
	"testing"

	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// spread redraws every weight of m from N(0, σ²). The models' own
// initialisations give nearly uniform logits, whose near-ties would let
// rounding decide which token greedy decoding or beam search takes;
// weights of σ = 0.5 give logits that differ by far more than rounding.
func spread(m nn.Module, sigma float64, rng *tensor.RNG) {
	for _, v := range nn.Values(m) {
		nn.Normal(v.Data, sigma, rng)
	}
}

// stateGPT is a small GPT with spread weights and biases, pre-LN or
// post-LN.
func stateGPT(t *testing.T, seed uint64, postLN bool) *GPT {
	t.Helper()
	rng := tensor.NewRNG(seed)
	g, err := NewGPT(GPTConfig{Vocab: 11, BlockSize: 12, Layers: 2, Heads: 2, Width: 8, Bias: true, PostLN: postLN}, rng)
	if err != nil {
		t.Fatal(err)
	}
	spread(g, 0.5, rng)
	return g
}

// stateEncDec is a small encoder-decoder with spread weights, pad token 0,
// post-LN or pre-LN, its embeddings tied or not.
func stateEncDec(t *testing.T, seed uint64, postLN, tied bool) *EncoderDecoder {
	t.Helper()
	rng := tensor.NewRNG(seed)
	cfg := Config{SrcVocab: 11, TgtVocab: 13, DModel: 8, Heads: 2, DFF: 16, Layers: 2,
		MaxLen: 12, PostLN: postLN, TieEmbeddings: tied, Pad: 0, Bias: true}
	if tied {
		cfg.TgtVocab = cfg.SrcVocab
	}
	m, err := NewEncoderDecoder(cfg, rng)
	if err != nil {
		t.Fatal(err)
	}
	spread(m, 0.5, rng)
	return m
}

// gptScorer is g's full pass as a Scorer: the logits of the prefix's last
// position, recomputed from the whole prefix.
func gptScorer(g *GPT) Scorer {
	return func(prefix []int) []float64 {
		return lastRow(g.Forward([][]int{prefix}).Data)
	}
}

// encDecScorer is m's full pass over source src as a Scorer.
func encDecScorer(m *EncoderDecoder, src []int) Scorer {
	return func(prefix []int) []float64 {
		return lastRow(m.Forward([][]int{src}, [][]int{prefix}).Data)
	}
}

// stateCase is one model in both forms: fresh cached States and its Scorer.
type stateCase struct {
	name     string
	newState func() State
	score    Scorer
	vocab    int
	maxLen   int // the most tokens a State takes
}

// stateCases lists the GPTs and encoder-decoders the tests run on: two
// seeds each, pre-LN and post-LN, and both with tied embeddings and
// without for the latter, with a padded source.
func stateCases(t *testing.T) []stateCase {
	var cs []stateCase
	for seed := uint64(1); seed <= 2; seed++ {
		for _, postLN := range []bool{true, false} {
			g := stateGPT(t, seed, postLN)
			cs = append(cs, stateCase{fmt.Sprintf("GPT seed %d postLN %v", seed, postLN), func() State { return NewGPTState(g) }, gptScorer(g), 11, 12})
		}
		for _, postLN := range []bool{true, false} {
			for _, tied := range []bool{true, false} {
				m := stateEncDec(t, seed, postLN, tied)
				src := []int{3, 7, 1, 9, 0, 0}
				cs = append(cs, stateCase{fmt.Sprintf("EncoderDecoder seed %d postLN %v tied %v", seed, postLN, tied),
					func() State { return NewEncoderDecoderState(m, src) }, encDecScorer(m, src), m.Config.TgtVocab, 12})
			}
		}
	}
	return cs
}

// TestStateLogitsMatchFullPass feeds random tokens to each cached State and
// to the full-recompute Scorer: every step's logits agree to 1e-12.
func TestStateLogitsMatchFullPass(t *testing.T) {
	for _, c := range stateCases(t) {
		rng := tensor.NewRNG(9)
		s, ref := c.newState(), NewScorerState(c.score)
		for i := 0; i < c.maxLen; i++ {
			tok := rng.Intn(c.vocab)
			wantClose(t, fmt.Sprintf("%s, step %d", c.name, i), s.Feed(tok), ref.Feed(tok), 1e-12)
		}
	}
}

// TestStateDecodersMatchScorer: greedy decoding and beam search give the
// same tokens, and beam search the same scores, through the cached State
// and through the Scorer.
func TestStateDecodersMatchScorer(t *testing.T) {
	for _, c := range stateCases(t) {
		prompt := []int{2, 5}
		cached := Greedy(c.newState(), prompt, c.maxLen-len(prompt), -1)
		stateless := Greedy(NewScorerState(c.score), prompt, c.maxLen-len(prompt), -1)
		if !sameInts(cached, stateless) {
			t.Errorf("%s: greedy through the cache %v, through the Scorer %v", c.name, cached, stateless)
		}
		cfg := BeamConfig{Width: 4, MaxLen: c.maxLen - len(prompt), End: 1, Alpha: 0.6}
		hc := BeamSearch(c.newState(), prompt, cfg)
		hs := BeamSearch(NewScorerState(c.score), prompt, cfg)
		if len(hc) != len(hs) {
			t.Fatalf("%s: beam search found %d hypotheses through the cache, %d through the Scorer", c.name, len(hc), len(hs))
		}
		for i := range hc {
			if !sameInts(hc[i].Tokens, hs[i].Tokens) || hc[i].Finished != hs[i].Finished {
				t.Errorf("%s: hypothesis %d through the cache %v, through the Scorer %v", c.name, i, hc[i].Tokens, hs[i].Tokens)
			}
			wantClose(t, c.name+": a hypothesis's score", []float64{hc[i].Score}, []float64{hs[i].Score}, 1e-12)
		}
	}
}

// TestStateForksAreIndependent feeds a prefix, forks it twice, and feeds
// each fork and the original different tokens, interleaved: each must give
// the logits of its own prefix, and the keys and values cached before the
// fork must keep their numbers.
func TestStateForksAreIndependent(t *testing.T) {
	g := stateGPT(t, 3, false)
	score := gptScorer(g)
	s := NewGPTState(g)
	prefix := []int{4, 2, 8}
	for _, tok := range prefix {
		s.Feed(tok)
	}
	cachedK := s.past[0].K.Data
	before := append([]float64(nil), cachedK.Data...)
	a, b := fork("test", s), fork("test", s)
	steps := []struct {
		s   State
		tok int
	}{{a, 5}, {b, 6}, {s, 7}, {a, 1}, {b, 1}, {a, 3}}
	prefixes := map[State][]int{}
	for _, st := range steps {
		p, ok := prefixes[st.s]
		if !ok {
			p = prefix
		}
		p = append(append([]int(nil), p...), st.tok)
		prefixes[st.s] = p
		wantClose(t, fmt.Sprintf("after %v", p), st.s.Feed(st.tok), score(p), 1e-12)
	}
	wantClose(t, "the keys cached before the forks", cachedK.Data, before, 0)
	if a.(*GPTState).Len() != 6 || s.Len() != 4 {
		t.Errorf("lengths %d and %d, want 6 and 4", a.(*GPTState).Len(), s.Len())
	}
}

// TestStateEncoderDecoderForks is TestStateForksAreIndependent's check of
// the logits for the encoder-decoder, whose forks also share the memory.
func TestStateEncoderDecoderForks(t *testing.T) {
	m := stateEncDec(t, 4, false, false)
	src := []int{5, 6, 2, 0}
	score := encDecScorer(m, src)
	s := NewEncoderDecoderState(m, src)
	s.Feed(1)
	s.Feed(3)
	a := fork("test", s)
	wantClose(t, "fork a", a.Feed(4), score([]int{1, 3, 4}), 1e-12)
	wantClose(t, "the original", s.Feed(9), score([]int{1, 3, 9}), 1e-12)
	wantClose(t, "fork a again", a.Feed(2), score([]int{1, 3, 4, 2}), 1e-12)
}

// TestStateRecordsNoGraph: the logits a State computes come from values
// that record no graph, so no gradient can reach the weights from them.
func TestStateRecordsNoGraph(t *testing.T) {
	g := stateGPT(t, 5, false)
	s := NewGPTState(g)
	s.Feed(1)
	s.Feed(2)
	for l, kv := range s.past {
		if kv.K.RequiresGrad() || kv.V.RequiresGrad() {
			t.Errorf("block %d's cached keys or values record a graph", l)
		}
	}
	m := stateEncDec(t, 5, true, true)
	e := NewEncoderDecoderState(m, []int{3, 4})
	e.Feed(1)
	for l, kv := range append(append([]*KV(nil), e.mem...), e.past...) {
		if kv.K.RequiresGrad() || kv.V.RequiresGrad() {
			t.Errorf("cache %d of the encoder-decoder records a graph", l)
		}
	}
}

// TestStatePanicsPastTheContext: a GPTState takes BlockSize tokens and no
// more, and an EncoderDecoderState MaxLen target tokens.
func TestStatePanicsPastTheContext(t *testing.T) {
	g := stateGPT(t, 6, false)
	s := NewGPTState(g)
	for i := 0; i < g.Config.BlockSize; i++ {
		s.Feed(i % g.Config.Vocab)
	}
	wantPanic(t, "a token past the block size", func() { s.Feed(0) })
	wantPanic(t, "a token outside the vocabulary", func() { NewGPTState(g).Feed(g.Config.Vocab) })
	m := stateEncDec(t, 6, true, false)
	e := NewEncoderDecoderState(m, []int{2})
	for i := 0; i < m.Config.MaxLen; i++ {
		e.Feed(1)
	}
	wantPanic(t, "a target token past MaxLen", func() { e.Feed(1) })
	wantPanic(t, "an empty source", func() { NewEncoderDecoderState(m, nil) })
}
