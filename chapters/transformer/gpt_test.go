package transformer

import (
	"bytes"
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// tinyGPT is a GPT small enough for gradient checks and quick training.
func tinyGPT(t testing.TB, vocab, block int, bias bool, seed uint64) *GPT {
	t.Helper()
	return tinyGPTIn(t, tensor.Float64, vocab, block, bias, seed)
}

// tinyGPTIn is tinyGPT computing in precision p.
func tinyGPTIn(t testing.TB, p tensor.Precision, vocab, block int, bias bool, seed uint64) *GPT {
	t.Helper()
	g, err := NewGPT(GPTConfig{Vocab: vocab, BlockSize: block, Layers: 2, Heads: 2, Width: 8, Bias: bias, Precision: p}, tensor.NewRNG(seed))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// The logits are [B, T, V], and the model refuses positions beyond its
// block size and settings that make no model.
func TestGPTShapes(t *testing.T) {
	g := tinyGPT(t, 11, 6, false, 1)
	ids := randIDs(tensor.NewRNG(2), 3, 5, 11)
	if s := g.Forward(ids).Shape(); !tensor.EqualShape(s, []int{3, 5, 11}) {
		t.Fatalf("logits %v, want [3 5 11]", s)
	}
	if l := g.Loss(ids, ids); l.Data.Dims() != 0 {
		t.Fatalf("loss of shape %v, want a scalar", l.Shape())
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("7 positions in a block of 6 did not panic")
			}
		}()
		g.Forward(randIDs(tensor.NewRNG(2), 1, 7, 11))
	}()
	for _, bad := range []GPTConfig{{Vocab: 0, BlockSize: 4, Layers: 1, Heads: 1, Width: 4},
		{Vocab: 5, BlockSize: 4, Layers: 1, Heads: 3, Width: 4}, {Vocab: 5, BlockSize: 4, Layers: 1, Heads: 1, Width: 4, Dropout: 1}} {
		if _, err := NewGPT(bad, tensor.NewRNG(1)); err == nil {
			t.Fatalf("NewGPT(%+v) made a model", bad)
		}
	}
}

// The whole GPT is causal, in either precision: the logits at position t
// do not change, to the last bit, when any token after t changes; those
// after t do.
func TestGPTIgnoresTheFuture(t *testing.T) {
	for _, p := range []tensor.Precision{tensor.Float64, tensor.Float32} {
		t.Run(p.String(), func(t *testing.T) { testGPTIgnoresTheFuture(t, tinyGPTIn(t, p, 13, 8, true, 3)) })
	}
}

func testGPTIgnoresTheFuture(t *testing.T, g *GPT) {
	const v, tt = 13, 8
	rng := tensor.NewRNG(4)
	ids := randIDs(rng, 2, tt, v)
	y := g.Forward(ids).Data
	for cut := 0; cut < tt-1; cut++ {
		changed := [][]int{append([]int{}, ids[0]...), append([]int{}, ids[1]...)}
		for b := range changed {
			for j := cut + 1; j < tt; j++ {
				changed[b][j] = (ids[b][j] + 1 + rng.Intn(v-1)) % v
			}
		}
		y2 := g.Forward(changed).Data
		for b := range changed {
			if d := maxDiff(rowsOf(y2, b, 0, cut+1), rowsOf(y, b, 0, cut+1)); d != 0 {
				t.Fatalf("changing tokens after %d moved the logits up to %d by %.3g", cut, cut, d)
			}
			if d := maxDiff(rowsOf(y2, b, cut+1, tt), rowsOf(y, b, cut+1, tt)); !(d > 1e-9) {
				t.Fatalf("changing tokens after %d moved the later logits by only %.3g", cut, d)
			}
		}
	}
}

// Running the GPT token by token, each step passing the keys and values
// the previous steps returned, gives the logits of the full pass to 1e-12;
// so does a first chunk of several tokens followed by single steps. This
// holds in float32 too: every product sums each element's terms in the
// same order whatever the number of rows.
func TestGPTCachedStepsMatchFullPass(t *testing.T) {
	for _, p := range []tensor.Precision{tensor.Float64, tensor.Float32} {
		t.Run(p.String(), func(t *testing.T) { testGPTCachedStepsMatchFullPass(t, tinyGPTIn(t, p, 10, 7, true, 5)) })
	}
}

// A GPT in float32 computes the logits of the same weights in float64 to
// within float32's rounding, and its gradients too; but not exactly, so
// the precision reaches the products.
func TestGPTInFloat32(t *testing.T) {
	g64, g32 := tinyGPT(t, 9, 6, true, 13), tinyGPTIn(t, tensor.Float32, 9, 6, true, 13)
	ids, targets := randIDs(tensor.NewRNG(14), 3, 6, 9), randIDs(tensor.NewRNG(15), 3, 6, 9)
	want, got := g64.Forward(ids).Data.Data, g32.Forward(ids).Data.Data
	wantClose(t, "float32 logits", got, want, 1e-5)
	if maxDiff(got, want) == 0 {
		t.Fatal("the float32 GPT's logits equal the float64 one's exactly")
	}
	g64.Loss(ids, targets).Backward()
	g32.Loss(ids, targets).Backward()
	p64, p32 := g64.Params(), g32.Params()
	for i := range p64 {
		wantClose(t, p64[i].Name+"'s gradient", p32[i].V.Grad.Data, p64[i].V.Grad.Data, 1e-5)
	}
}

func testGPTCachedStepsMatchFullPass(t *testing.T, g *GPT) {
	const v, tt = 10, 7
	ids := randIDs(tensor.NewRNG(6), 2, tt, v)
	full := g.Forward(ids).Data
	for _, first := range []int{1, 3} {
		prefix := [][]int{ids[0][:first], ids[1][:first]}
		logits, kv := g.Transform(g.Embed(prefix, 0), nil)
		wantClose(t, "the first chunk's logits", logits.Data.Data[:first*v], rowsOf(full, 0, 0, first), 1e-12)
		for p := first; p < tt; p++ {
			step := [][]int{{ids[0][p]}, {ids[1][p]}}
			logits, kv = g.Transform(autograd.NoGrad(g.Embed(step, p).Data), kv)
			for b := 0; b < 2; b++ {
				wantClose(t, "a cached step's logits", rowsOf(logits.Data, b, 0, 1), rowsOf(full, b, p, p+1), 1e-12)
			}
		}
	}
}

// The GPT's gradients, end to end through the tied embedding, agree with
// finite differences. The weights are redrawn larger than the 0.02 of
// the initialisation, under which attention is nearly uniform and many
// gradients are too small for finite differences to resolve.
func TestGPTGradient(t *testing.T) {
	g := tinyGPT(t, 5, 4, true, 7)
	rng := tensor.NewRNG(10)
	for _, p := range g.Params() {
		p.V.Data.AddInPlace(tensor.Scale(tensor.RandN(rng, p.V.Data.Shape...), 0.5))
	}
	ids := randIDs(tensor.NewRNG(8), 2, 4, 5)
	targets := randIDs(tensor.NewRNG(9), 2, 4, 5)
	gradCheck(t, "GPT loss", func() *autograd.Value { return g.Loss(ids, targets) }, gradInputs(g), 1e-5)
}

// The baby GPT's trainable parameters number, with d = Width, L = Layers,
// T = BlockSize and no biases,
//
//	V·d + T·d + L·(12·d² + 2·d) + d
//
// (token table, also the output layer; positions; per block W_Q, W_K,
// W_V, W_O (4d²), the MLP (8d²) and two LayerNorm gains; the final gain).
// With biases each block adds 11·d (two β, 3d + d for attention, 4d + d
// for the MLP) and the final LayerNorm d. For Shakespeare's V = 65 this is
// 804,096, which is nanoGPT's "0.80M" (it leaves out the T·d positions:
// 795,904).
func TestBabyGPTParameterCount(t *testing.T) {
	for _, tc := range []struct {
		vocab int
		bias  bool
	}{{65, false}, {100, false}, {65, true}} {
		cfg := BabyGPT(tc.vocab)
		cfg.Bias = tc.bias
		g, err := NewGPT(cfg, tensor.NewRNG(1))
		if err != nil {
			t.Fatal(err)
		}
		d, l, tt, v := cfg.Width, cfg.Layers, cfg.BlockSize, cfg.Vocab
		want := v*d + tt*d + l*(12*d*d+2*d) + d
		if tc.bias {
			want += l*11*d + d
		}
		if got := nn.NumParams(g); got != want {
			t.Fatalf("V = %d, bias %v: %d parameters, want %d", v, tc.bias, got, want)
		}
		if tc.vocab == 65 && !tc.bias && want != 804096 {
			t.Fatalf("the formula gives %d for nanoGPT's baby GPT, want 804096", want)
		}
	}
}

// nanoGPT's initialisation: weights of standard deviation near 0.02, the
// residual projections near 0.02/√(2L), no biases left random, the output
// layer being the token table itself.
func TestGPTInitialisation(t *testing.T) {
	cfg := BabyGPT(65)
	cfg.Bias = true
	g, err := NewGPT(cfg, tensor.NewRNG(2))
	if err != nil {
		t.Fatal(err)
	}
	std := func(x *tensor.Tensor) float64 {
		return tensor.MaxAbs(tensor.Sqrt(tensor.Scalar(tensor.Mean(tensor.Square(x)))))
	}
	near := func(what string, got, want float64) {
		if got < 0.95*want || got > 1.05*want {
			t.Fatalf("%s: standard deviation %.4f, want %.4f", what, got, want)
		}
	}
	near("token table", std(g.TokEmb.W.Data), 0.02)
	near("W_Q", std(g.Blocks[0].Attn.WQ.W.Data), 0.02)
	near("W_1", std(g.Blocks[1].MLP.FC1.W.Data), 0.02)
	near("W_O", std(g.Blocks[2].Attn.WO.W.Data), 0.02/math.Sqrt(8)) // 2·Layers = 8
	near("W_2", std(g.Blocks[3].MLP.FC2.W.Data), 0.02/math.Sqrt(8))
	for _, p := range g.Params() {
		if n := len(p.Name); n > 2 && p.Name[n-2:] == ".b" && tensor.MaxAbs(p.V.Data) != 0 {
			t.Fatalf("bias %s starts at %v, want zeros", p.Name, p.V.Data.Data[:3])
		}
	}
}

// Saving and loading a GPT gives the same logits, so nn.Save and nn.Load
// reach every weight.
func TestGPTSaveLoad(t *testing.T) {
	g, h := tinyGPT(t, 7, 5, true, 10), tinyGPT(t, 7, 5, true, 11)
	var buf bytes.Buffer
	if err := nn.Write(&buf, g); err != nil {
		t.Fatal(err)
	}
	if err := nn.Read(&buf, h); err != nil {
		t.Fatal(err)
	}
	ids := randIDs(tensor.NewRNG(12), 2, 5, 7)
	wantClose(t, "the loaded model's logits", h.Forward(ids).Data.Data, g.Forward(ids).Data.Data, 0)
}

// trainOnRepeats trains a tiny GPT with AdamW on windows of a short
// repeated string for steps steps and returns the first and last losses.
func trainOnRepeats(t *testing.T, seed uint64, steps int) (first, last float64) {
	const text = "the cat sat on the mat. "
	vocab := map[rune]int{}
	var ids []int
	for _, r := range text + text + text + text {
		if _, ok := vocab[r]; !ok {
			vocab[r] = len(vocab)
		}
		ids = append(ids, vocab[r])
	}
	const block, batch = 16, 4
	g := tinyGPT(t, len(vocab), block, false, seed)
	opt := optim.NewAdamW(nn.Values(g), 1e-2, 0)
	rng := tensor.NewRNG(seed + 1)
	for s := 0; s < steps; s++ {
		x, y := make([][]int, batch), make([][]int, batch)
		for b := range x {
			at := rng.Intn(len(ids) - block - 1)
			x[b], y[b] = ids[at:at+block], ids[at+1:at+block+1]
		}
		opt.ZeroGrad()
		loss := g.Loss(x, y)
		loss.Backward()
		opt.Step()
		if s == 0 {
			first = loss.Item()
		}
		last = loss.Item()
	}
	return first, last
}

// Under a second of training on a repeated sentence takes the loss from
// log V (a uniform guess over its V = 11 characters: 2.40) to below 0.3.
// The best a model can do that sees only the current character (a bigram
// model) is the conditional entropy of the next character given the
// current one, 0.60 nats for this text (after "t" comes "h", " " or "."),
// so going below takes attention to the context.
func TestGPTLearnsARepeatedString(t *testing.T) {
	first, last := trainOnRepeats(t, 1, 150)
	if first < 2.1 || first > 2.7 {
		t.Fatalf("the untrained model's loss is %.3f, want about log 11 = 2.40", first)
	}
	if last > 0.3 {
		t.Fatalf("after 150 steps the loss is %.3f, want below 0.3", last)
	}
	t.Logf("loss %.3f -> %.3f", first, last)
}

// The same seed gives the same numbers, bit for bit; another seed does not.
func TestGPTTrainingIsReproducible(t *testing.T) {
	a1, b1 := trainOnRepeats(t, 3, 5)
	a2, b2 := trainOnRepeats(t, 3, 5)
	if a1 != a2 || b1 != b2 {
		t.Fatalf("seed 3 gave losses %v, %v and then %v, %v", a1, b1, a2, b2)
	}
	if _, b3 := trainOnRepeats(t, 4, 5); b3 == b1 {
		t.Fatalf("seeds 3 and 4 gave the same loss %v", b1)
	}
}

// BenchmarkGPTStep times one training step (forward, backward, AdamW) of
// the baby GPT on a batch of 12 windows of 64 tokens from a vocabulary of
// 100, the setting the chapter times against PyTorch.
func BenchmarkGPTStep(b *testing.B) {
	g, err := NewGPT(BabyGPT(100), tensor.NewRNG(1))
	if err != nil {
		b.Fatal(err)
	}
	rng := tensor.NewRNG(2)
	x, y := randIDs(rng, 12, 64, 100), randIDs(rng, 12, 64, 100)
	opt := optim.NewAdamW(nn.Values(g), 1e-3, 0.1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opt.ZeroGrad()
		loss := g.Loss(x, y)
		loss.Backward()
		opt.Step()
		loss.Release()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/step")
}

// nn.SetTraining reaches every dropout of the GPT (embeddings, attention
// weights, sublayer outputs): in training mode two passes differ, in
// evaluation mode they agree exactly and equal those of the same weights
// without dropout.
func TestGPTDropoutFollowsSetTraining(t *testing.T) {
	cfg := GPTConfig{Vocab: 7, BlockSize: 5, Layers: 2, Heads: 2, Width: 8, Dropout: 0.3}
	g, err := NewGPT(cfg, tensor.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	ids := randIDs(tensor.NewRNG(2), 2, 5, 7)
	if d := maxDiff(g.Forward(ids).Data.Data, g.Forward(ids).Data.Data); !(d > 1e-6) {
		t.Fatalf("two training passes differ by %.3g", d)
	}
	nn.SetTraining(g, false)
	eval := g.Forward(ids).Data.Data
	wantClose(t, "two evaluation passes", g.Forward(ids).Data.Data, eval, 0)
	cfg.Dropout = 0
	plain, err := NewGPT(cfg, tensor.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	wantClose(t, "evaluation against no dropout", plain.Forward(ids).Data.Data, eval, 0)
}
