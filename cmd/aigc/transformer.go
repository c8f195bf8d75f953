package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// gptRun is one `aigc train transformer -task gpt`.
type gptRun struct {
	cfg         transformer.GPTTrainConfig
	every       int    // -every: a checkpoint every this many steps (0: only at the end)
	corpus      string // -corpus: a text file to train on instead of the Go corpus
	writeCorpus string // -write-corpus: write the Go corpus here and train nothing
	out         string // -out
}

// gptRecord is the config model.json holds for a GPT: the training
// settings (the model's among them) and the text it was trained on.
type gptRecord struct {
	Train  transformer.GPTTrainConfig
	Corpus string // where the text came from
	Vocab  string // the vocabulary's characters, in id order
}

// gptSampleChars is how many characters the run's closing sample has.
const gptSampleChars = 300

// writeGoCorpus is -write-corpus: the Go corpus, written to a file for
// another program to read.
func (r *gptRun) writeGoCorpus(stdout io.Writer) error {
	if r.corpus != "" {
		return fmt.Errorf("-write-corpus writes the Go corpus; -corpus %s is already a file, give it to both sides", r.corpus)
	}
	if err := data.WriteGoCorpus("", r.writeCorpus); err != nil {
		return fmt.Errorf("-write-corpus: %w", err)
	}
	c, err := data.ReadCharCorpus(r.writeCorpus)
	if err != nil {
		return fmt.Errorf("-write-corpus: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d bytes, %d characters, %d distinct\n", r.writeCorpus, len(c.Text), len(c.Train)+len(c.Val), c.Vocab.Size())
	return nil
}

// loadCorpus reads -corpus, or else the Go corpus from the Go installation.
func (r *gptRun) loadCorpus() (*data.CharCorpus, error) {
	if r.corpus == "" {
		return data.LoadGoCorpus("")
	}
	if _, err := os.Stat(r.corpus); err != nil {
		return nil, fmt.Errorf("-corpus: %w", err)
	}
	c, err := data.ReadCharCorpus(r.corpus)
	if err != nil {
		return nil, fmt.Errorf("-corpus %s: %w", r.corpus, err)
	}
	return c, nil
}

// train trains the GPT and writes its files into out/gpt.
func (r *gptRun) train(stdout, stderr io.Writer) error {
	cfg := r.cfg
	corpus, err := r.loadCorpus()
	if err != nil {
		return err
	}
	if bs := cfg.Model.BlockSize; len(corpus.Val) <= bs {
		return fmt.Errorf("-corpus %s: %d validation characters (the last 10%%), fewer than a window of %d needs; give a longer text", corpus.Source, len(corpus.Val), bs+1)
	}
	dir, err := modelDir(r.out, "gpt")
	if err != nil {
		return err
	}
	m := cfg.Model
	fmt.Fprintf(stdout, "training the GPT on %s: %d training and %d validation characters, %d distinct\n",
		corpus.Source, len(corpus.Train), len(corpus.Val), corpus.Vocab.Size())
	fmt.Fprintf(stdout, "%d layers, %d heads, width %d, block %d, %v; %d steps of %d windows, seed %d\n",
		m.Layers, m.Heads, m.Width, m.BlockSize, m.Precision, cfg.Iters, cfg.BatchSize, cfg.Seed)
	rep := newStepReport(stdout, stderr, dir, r.every)
	var evalIters []int
	var valLoss []float64
	res, err := transformer.TrainGPT(cfg, corpus, func(p transformer.GPTProgress) {
		var evaluation fmt.Stringer
		if p.Evaluated {
			evalIters, valLoss = append(evalIters, p.Iter), append(valLoss, p.ValLoss)
			evaluation = p
		}
		rep.step(p.Iter, p.Iters, evaluation, fmt.Sprintf("loss %.4f  lr %.2e", p.Loss, p.LR), func() error {
			return saveGPT(dir, cfg, corpus, p.Iter, p.Seconds, p.Model, map[string]any{"eval_iters": evalIters, "val_loss": valLoss})
		})
	})
	if err := rep.finish(err); err != nil {
		return err
	}
	last := len(res.ValLoss) - 1
	fmt.Fprintf(stdout, "GPT after %d steps: val loss %.4f, %.0f s (%.1f ms a step)\n", cfg.Iters, res.ValLoss[last], res.Seconds, res.MsPerStep)
	measured := map[string]any{"train_loss": res.TrainLoss, "eval_iters": res.EvalIters, "val_loss": res.ValLoss, "ms_per_step": res.MsPerStep}
	if err := saveGPT(dir, cfg, corpus, cfg.Iters, res.Seconds, res.Model, measured); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s and %s\n", filepath.Join(dir, "gpt.params"), filepath.Join(dir, "model.json"))
	if err := writeGPTFigures(stdout, dir, res, corpus.Vocab); err != nil {
		return err
	}
	text, err := gptSample(res.Model, corpus.Vocab, cfg.Seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "a sample of %d characters after a newline, at temperature 1:\n%s\n", gptSampleChars, text)
	return nil
}

// saveGPT writes the GPT's parameters and model.json, each atomically,
// the record last.
func saveGPT(dir string, cfg transformer.GPTTrainConfig, corpus *data.CharCorpus, steps int, seconds float64, g *transformer.GPT, measured map[string]any) error {
	if err := nn.Save(filepath.Join(dir, "gpt.params"), g); err != nil {
		return err
	}
	cfg.Model = g.Config
	rec := gptRecord{Train: cfg, Corpus: corpus.Source, Vocab: corpus.Vocab.Chars()}
	return writeRecord(dir, "transformer", steps, cfg.Seed, seconds, rec, measured)
}

// gptSample draws gptSampleChars characters from g, at temperature 1,
// after a newline (or the vocabulary's first character, if the text has
// no newline).
func gptSample(g *transformer.GPT, v *data.CharVocab, seed uint64) (string, error) {
	start, ok := v.ID('\n')
	if !ok {
		start = 0
	}
	state := transformer.NewScorerState(transformer.GPTScorer(g))
	ids := transformer.Sample(state, []int{start}, transformer.SampleConfig{Temperature: 1, MaxLen: gptSampleChars, End: -1}, tensor.NewRNG(seed+2))
	return v.Decode(ids)
}
