package transformer

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// tinyCorpus is a few thousand characters of text with plenty to learn:
// a handful of lines in a seeded random order.
func tinyCorpus(t *testing.T) *data.CharCorpus {
	t.Helper()
	lines := []string{"func main() {}\n", "x := y + 1\n", "return nil, err\n", "for i := range n {\n", "}\n", "if err != nil {\n"}
	rng := tensor.NewRNG(7)
	var b strings.Builder
	for b.Len() < 4000 {
		b.WriteString(lines[rng.Intn(len(lines))])
	}
	c, err := data.NewCharCorpus(b.String(), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// tinyTraining is a GPT small enough to train in a second or two.
func tinyTraining() GPTTrainConfig {
	cfg := BabyGPTTraining()
	cfg.Model = GPTConfig{BlockSize: 16, Layers: 1, Heads: 2, Width: 16}
	cfg.BatchSize, cfg.Iters = 8, 150
	cfg.LR, cfg.MinLR, cfg.WarmupIters, cfg.DecayIters = 1e-2, 1e-3, 10, 150
	cfg.EvalInterval, cfg.EvalWindows = 50, 0
	return cfg
}

func TestTrainGPTLearnsTinyCorpus(t *testing.T) {
	c := tinyCorpus(t)
	res, err := TrainGPT(tinyTraining(), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 50, 100, 150}; !slices.Equal(res.EvalIters, want) {
		t.Fatalf("evaluated after steps %v, want %v", res.EvalIters, want)
	}
	// Untrained, every character is about equally likely: ln V nats.
	lnV := math.Log(float64(c.Vocab.Size()))
	if v0 := res.ValLoss[0]; math.Abs(v0-lnV) > 0.2 {
		t.Errorf("untrained validation loss %.3f, want about ln %d = %.3f", v0, c.Vocab.Size(), lnV)
	}
	// The lines are few and short: a model that learned them is far
	// below ln V, which an untrained one cannot get under.
	last := res.ValLoss[len(res.ValLoss)-1]
	t.Logf("validation loss %.3f -> %.3f", res.ValLoss[0], last)
	if !(last < 0.5*lnV) {
		t.Errorf("validation loss after %d steps %.3f, want below %.3f (ln V = %.3f untrained)", len(res.TrainLoss), last, 0.5*lnV, lnV)
	}
	if len(res.TrainLoss) != 150 || !(res.MsPerStep > 0) || !(res.Seconds > 0) {
		t.Errorf("%d training losses, %.3g ms a step, %.3g s; want 150 and positive times", len(res.TrainLoss), res.MsPerStep, res.Seconds)
	}
}

func TestTrainGPTSameSeedSameNumbers(t *testing.T) {
	c := tinyCorpus(t)
	cfg := tinyTraining()
	cfg.Iters = 10
	run := func(seed uint64) *GPTResult {
		cfg.Seed = seed
		var reports int
		res, err := TrainGPT(cfg, c, func(GPTProgress) { reports++ })
		if err != nil {
			t.Fatal(err)
		}
		if reports != cfg.Iters+1 {
			t.Fatalf("%d progress reports for %d steps, want one more than the steps", reports, cfg.Iters)
		}
		return res
	}
	a, b, other := run(3), run(3), run(4)
	if !slices.Equal(a.TrainLoss, b.TrainLoss) || !slices.Equal(a.ValLoss, b.ValLoss) {
		t.Errorf("seed 3 twice: losses %v %v and %v %v", a.TrainLoss, a.ValLoss, b.TrainLoss, b.ValLoss)
	}
	if slices.Equal(a.TrainLoss, other.TrainLoss) {
		t.Errorf("seeds 3 and 4 gave the same losses %v", a.TrainLoss)
	}
}

func TestGPTParamGroupsDecayMatricesOnly(t *testing.T) {
	for _, bias := range []bool{false, true} {
		cfg := GPTConfig{Vocab: 11, BlockSize: 8, Layers: 2, Heads: 2, Width: 8, Bias: bias}
		g, err := NewGPT(cfg, tensor.NewRNG(1))
		if err != nil {
			t.Fatal(err)
		}
		decay, noDecay := GPTParamGroups(g)
		for _, p := range decay {
			if len(p.Shape()) != 2 {
				t.Errorf("bias %v: a decayed parameter of shape %v; only matrices are decayed", bias, p.Shape())
			}
		}
		for _, p := range noDecay {
			if len(p.Shape()) != 1 {
				t.Errorf("bias %v: an undecayed parameter of shape %v; only vectors are left alone", bias, p.Shape())
			}
		}
		// wte and wpe, and per block W_Q, W_K, W_V, W_O, W_1, W_2.
		if want := 2 + 6*cfg.Layers; len(decay) != want {
			t.Errorf("bias %v: %d decayed matrices, want %d", bias, len(decay), want)
		}
		// Two LayerNorms per block and the final one: γ, and β with biases;
		// with biases, also the six Linears' b.
		want := 2*cfg.Layers + 1
		if bias {
			want = 2*want + 6*cfg.Layers
		}
		if len(noDecay) != want {
			t.Errorf("bias %v: %d undecayed vectors, want %d", bias, len(noDecay), want)
		}
		if !slices.Contains(decay, g.TokEmb.W) || !slices.Contains(noDecay, g.LNF.Gamma) {
			t.Errorf("bias %v: the token table must be decayed and the final LayerNorm's γ not", bias)
		}
	}
}

func TestGPTScorerIsForwardsLastRow(t *testing.T) {
	cfg := GPTConfig{Vocab: 7, BlockSize: 4, Layers: 1, Heads: 2, Width: 8}
	g, err := NewGPT(cfg, tensor.NewRNG(2))
	if err != nil {
		t.Fatal(err)
	}
	score := GPTScorer(g)
	// A prefix longer than the block is cut to its last 4 characters.
	long, last4 := []int{1, 2, 3, 4, 5, 6}, []int{3, 4, 5, 6}
	full := g.Forward([][]int{last4}).Data.Data
	wantClose(t, "scorer of a long prefix", score(long), full[3*cfg.Vocab:4*cfg.Vocab], 1e-12)
	short := g.Forward([][]int{{5, 0}}).Data.Data
	wantClose(t, "scorer of a short prefix", score([]int{5, 0}), short[cfg.Vocab:2*cfg.Vocab], 1e-12)
}

func TestGPTEvalWindows(t *testing.T) {
	val := make([]int, 50)
	for i := range val {
		val[i] = i
	}
	x, y := GPTEvalWindows(val, 8, 0)
	// starts 0, 8, ..., 40: range(0, 50-8, 8)
	if len(x) != 6 || x[5][0] != 40 || y[5][7] != 48 {
		t.Fatalf("all windows: %d, last %v -> %v", len(x), x[len(x)-1], y[len(y)-1])
	}
	if x, _ = GPTEvalWindows(val, 8, 2); len(x) != 2 || x[1][0] != 8 {
		t.Errorf("the first 2 windows: %v", x)
	}
}

func TestGPTTrainConfigNamesBadSettings(t *testing.T) {
	for name, bad := range map[string]func(*GPTTrainConfig){
		"batch":  func(c *GPTTrainConfig) { c.BatchSize = 0 },
		"rates":  func(c *GPTTrainConfig) { c.MinLR = 2 * c.LR },
		"warm":   func(c *GPTTrainConfig) { c.DecayIters = c.WarmupIters },
		"betas":  func(c *GPTTrainConfig) { c.Beta2 = 1 },
		"every":  func(c *GPTTrainConfig) { c.EvalInterval = 0 },
		"layers": func(c *GPTTrainConfig) { c.Model.Layers = 0 },
	} {
		cfg := BabyGPTTraining()
		if err := cfg.Validate(); err != nil {
			t.Fatalf("the defaults: %v", err)
		}
		bad(&cfg)
		if err := cfg.Validate(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// The trainer's step releases each graph, so that the next step's
// tensors reuse its memory, old values and all: its losses and weights
// are those of the same updates without Release, bit for bit, in both
// precisions.
func TestStepReleaseKeepsEveryBit(t *testing.T) {
	for _, p := range []tensor.Precision{tensor.Float64, tensor.Float32} {
		cfg := GPTConfig{Vocab: 13, BlockSize: 16, Layers: 2, Heads: 2, Width: 32, Precision: p}
		models := [2]*GPT{}
		opts := [2]*groupedAdamW{}
		for i := range models {
			g, err := NewGPT(cfg, tensor.NewRNG(3))
			if err != nil {
				t.Fatal(err)
			}
			models[i], opts[i] = g, newGroupedAdamW(g, 1e-2, 0.1, 0.9, 0.99, 1)
		}
		rng := tensor.NewRNG(4)
		for s := 1; s <= 6; s++ {
			x, y := randIDs(rng, 4, 16, 13), randIDs(rng, 4, 16, 13)
			released, kept := models[0].Loss(x, y), models[1].Loss(x, y)
			opts[0].step(released, 1e-2)
			opts[1].update(kept, 1e-2)
			if released.Item() != kept.Item() {
				t.Fatalf("%v, step %d: loss %v with Release, %v without", p, s, released.Item(), kept.Item())
			}
		}
		a, b := models[0].Params(), models[1].Params()
		for i := range a {
			if !slices.Equal(a[i].V.Data.Data, b[i].V.Data.Data) {
				t.Fatalf("%v: %s differs after six steps with Release", p, a[i].Name)
			}
		}
	}
}
