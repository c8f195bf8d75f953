package transformer

import (
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// tinyConfig is an encoder-decoder small enough for tests: vocabularies of
// 9 and 11 (one of 9 when tied), pad token 0.
func tinyConfig(tied, postLN bool) Config {
	c := Config{SrcVocab: 9, TgtVocab: 11, DModel: 8, Heads: 2, DFF: 16, Layers: 2, MaxLen: 12, PostLN: postLN, TieEmbeddings: tied, Pad: 0, Bias: true}
	if tied {
		c.TgtVocab = 9
	}
	return c
}

func newTiny(t *testing.T, cfg Config, seed uint64) *EncoderDecoder {
	t.Helper()
	m, err := NewEncoderDecoder(cfg, tensor.NewRNG(seed))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The memory is [B, S, d_model] and the logits [B, T, TgtVocab], for both
// layer norms and with and without tying; a tied model has one table where
// an untied one has two and an output layer, and refuses two
// vocabularies.
func TestEncoderDecoderShapes(t *testing.T) {
	rng := tensor.NewRNG(1)
	src, tgt := randIDs(rng, 3, 5, 9), randIDs(rng, 3, 4, 9)
	for _, tied := range []bool{false, true} {
		for _, postLN := range []bool{false, true} {
			cfg := tinyConfig(tied, postLN)
			m := newTiny(t, cfg, 2)
			if s := m.Encode(src).Shape(); !tensor.EqualShape(s, []int{3, 5, 8}) {
				t.Fatalf("memory %v, want [3 5 8]", s)
			}
			if s := m.Forward(src, tgt).Shape(); !tensor.EqualShape(s, []int{3, 4, cfg.TgtVocab}) {
				t.Fatalf("logits %v, want [3 4 %d]", s, cfg.TgtVocab)
			}
		}
	}
	untied, tied := newTiny(t, tinyConfig(false, false), 3), newTiny(t, tinyConfig(true, false), 3)
	// Untied: source 9·8, target 11·8, output 8·11 + 11; tied: one 9·8 table.
	// Everything else is the same size, the target vocabulary aside.
	if got, want := nn.NumParams(untied)-nn.NumParams(tied), 9*8+11*8+8*11+11-9*8; got != want {
		t.Fatalf("untying adds %d parameters, want %d", got, want)
	}
	bad := tinyConfig(true, false)
	bad.TgtVocab = 10
	if _, err := NewEncoderDecoder(bad, tensor.NewRNG(1)); err == nil {
		t.Fatal("tied embeddings over two vocabularies made a model")
	}
}

// The decoder is causal: changing target tokens after t leaves the logits
// up to t exactly as they were.
func TestDecoderIgnoresTheFuture(t *testing.T) {
	m := newTiny(t, tinyConfig(true, false), 4)
	rng := tensor.NewRNG(5)
	src, tgt := randIDs(rng, 2, 5, 9), randIDs(rng, 2, 6, 9)
	y := m.Forward(src, tgt).Data
	for cut := 0; cut < 5; cut++ {
		changed := [][]int{append([]int{}, tgt[0]...), append([]int{}, tgt[1]...)}
		for b := range changed {
			for j := cut + 1; j < 6; j++ {
				changed[b][j] = (tgt[b][j] + 1 + rng.Intn(8)) % 9
			}
		}
		y2 := m.Forward(src, changed).Data
		for b := range changed {
			if d := maxDiff(rowsOf(y2, b, 0, cut+1), rowsOf(y, b, 0, cut+1)); d != 0 {
				t.Fatalf("changing targets after %d moved the logits up to %d by %.3g", cut, cut, d)
			}
			if d := maxDiff(rowsOf(y2, b, cut+1, 6), rowsOf(y, b, cut+1, 6)); !(d > 1e-9) {
				t.Fatalf("changing targets after %d moved the later logits by only %.3g", cut, d)
			}
		}
	}
}

// Padding the source with more pad tokens changes nothing: the encoder's
// states of the real tokens and the decoder's logits stay the same (to
// rounding, as the sums run over more, zero-weighted, terms). A model
// without a pad token does change, so the mask is what does it.
func TestSourcePaddingIsIgnored(t *testing.T) {
	for _, postLN := range []bool{false, true} {
		m := newTiny(t, tinyConfig(false, postLN), 6)
		src := [][]int{{3, 4, 5, 0}, {7, 2, 0, 0}}
		longer := [][]int{{3, 4, 5, 0, 0, 0}, {7, 2, 0, 0, 0, 0}}
		tgt := [][]int{{1, 5, 6}, {2, 2, 3}}
		wantClose(t, "the real tokens' memory", rowsOf(m.Encode(longer).Data, 0, 0, 3), rowsOf(m.Encode(src).Data, 0, 0, 3), 1e-12)
		wantClose(t, "logits with more padding", m.Forward(longer, tgt).Data.Data, m.Forward(src, tgt).Data.Data, 1e-12)
		m.Config.Pad = -1
		if d := maxDiff(m.Forward(longer, tgt).Data.Data, m.Forward(src, tgt).Data.Data); !(d > 1e-6) {
			t.Fatalf("without a pad token more padding moved the logits by only %.3g", d)
		}
	}
}

// Decoding token by token with cached keys and values gives the full
// pass's logits to 1e-12, for both layer norms and with and without tying.
func TestEncoderDecoderCachedStepsMatchFullPass(t *testing.T) {
	rng := tensor.NewRNG(7)
	src := [][]int{{3, 4, 5, 0}, {7, 2, 1, 8}}
	tgt := randIDs(rng, 2, 5, 9)
	for _, tied := range []bool{false, true} {
		for _, postLN := range []bool{false, true} {
			m := newTiny(t, tinyConfig(tied, postLN), 8)
			v := m.Config.TgtVocab
			full := m.Forward(src, tgt).Data
			mem := m.MemoryKV(m.Encode(src))
			mask := m.SourceMask(src)
			var kv []*KV
			for p := 0; p < 5; p++ {
				var logits *autograd.Value
				step := [][]int{{tgt[0][p]}, {tgt[1][p]}}
				logits, kv = m.DecodeKV(m.EmbedTarget(step, p), kv, mem, mask)
				for b := 0; b < 2; b++ {
					wantClose(t, "a cached step's logits", logits.Data.Data[b*v:(b+1)*v], rowsOf(full, b, p, p+1), 1e-12)
				}
			}
		}
	}
}

// The whole model's gradients, through the tied table used three times
// (source, target, output), agree with finite differences.
func TestEncoderDecoderGradient(t *testing.T) {
	m := newTiny(t, tinyConfig(true, false), 9)
	m.Config.Layers = 1
	m.Encoder, m.Decoder = m.Encoder[:1], m.Decoder[:1]
	rng := tensor.NewRNG(10)
	for _, p := range m.Params() {
		p.V.Data.AddInPlace(tensor.Scale(tensor.RandN(rng, p.V.Data.Shape...), 0.3))
	}
	src, tgtIn, tgtOut := [][]int{{3, 4, 0}, {5, 6, 7}}, [][]int{{1, 2}, {1, 8}}, [][]int{{2, 0}, {8, 3}}
	f := func() *autograd.Value { return m.Loss(src, tgtIn, tgtOut, 0.1) }
	gradCheck(t, "encoder-decoder loss", f, gradInputs(m), 1e-5)
}
