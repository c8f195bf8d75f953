package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/lib/nn"
)

// seq2seqRun is one `aigc train transformer -task copy`, `-task
// reverse` or `-task translate`: the encoder-decoder on one of its tasks.
type seq2seqRun struct {
	cfg   transformer.Seq2SeqTrainConfig
	task  *transformer.Seq2SeqTask
	beam  int     // -beam: the width of the closing beam search (0: none)
	alpha float64 // -alpha: its length normalisation α
	every int     // -every: a checkpoint every this many steps (0: only at the end)
	out   string  // -out
}

// seq2seqRecord is the config model.json holds for an encoder-decoder:
// the training settings (the model's among them) and the task.
type seq2seqRecord struct {
	Train transformer.Seq2SeqTrainConfig
	Task  string
}

// seq2seqExamples is how many test examples the run prints.
const seq2seqExamples = 5

// newSeq2SeqRun returns the run of task "copy", "reverse", "translate" or
// "bible" with its default settings; the bible task's pairs come from the
// folder pairs, or from the SWORD modules when it is "".
func newSeq2SeqRun(task, pairs string) (*seq2seqRun, error) {
	switch task {
	case "copy":
		return &seq2seqRun{cfg: transformer.CopyTraining(), task: transformer.CopySeq2Seq()}, nil
	case "reverse":
		return &seq2seqRun{cfg: transformer.CopyTraining(), task: transformer.ReverseSeq2Seq()}, nil
	case "bible":
		b, err := loadBiblePairs(pairs)
		if err != nil {
			return nil, err
		}
		t, err := transformer.BibleSeq2Seq(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", b.Source, err)
		}
		return &seq2seqRun{cfg: transformer.BibleTraining(), task: t, beam: 4, alpha: transformer.BeamAlpha}, nil
	}
	return &seq2seqRun{cfg: transformer.TranslateTraining(), task: transformer.NumberSeq2Seq(), beam: 4, alpha: transformer.BeamAlpha}, nil
}

// train trains the encoder-decoder, scores it on the task's test set and
// writes its files into out/TASK.
func (r *seq2seqRun) train(stdout, stderr io.Writer) error {
	cfg, task := r.cfg, r.task
	dir, err := modelDir(r.out, task.Name)
	if err != nil {
		return err
	}
	m := cfg.Model
	fmt.Fprintf(stdout, "training the encoder-decoder on the %s task: %d source and %d target tokens, %d test examples\n",
		task.Name, task.SrcVocab, task.TgtVocab, task.Test.Len())
	norm := "pre-LN"
	if m.PostLN {
		norm = "post-LN"
	}
	fmt.Fprintf(stdout, "%d+%d %s layers, %d heads, width %d, d_ff %d, dropout %g; %d steps of %d examples, peak rate %g after %d steps of warm-up, seed %d\n",
		m.Layers, m.Layers, norm, m.Heads, m.DModel, m.DFF, m.Dropout, cfg.Steps, cfg.BatchSize, cfg.LR, cfg.Warmup, cfg.Seed)
	var unigram float64
	if task.Train != nil && task.Valid != nil {
		unigram = transformer.UnigramEntropy(task.Train.TgtOut)
		fmt.Fprintf(stdout, "%d training and %d validation examples; the training targets' unigram entropy is %.4f nats a token, the smoothed loss's floor H(q) %.4f\n",
			task.Train.Len(), task.Valid.Len(), unigram, transformer.LabelSmoothingFloor(task.TgtVocab, cfg.Eps, true))
	}
	rep := newStepReport(stdout, stderr, dir, r.every)
	var evalSteps []int
	var exact []float64
	res, err := transformer.TrainSeq2Seq(cfg, task, func(p transformer.Seq2SeqProgress) {
		var evaluation fmt.Stringer
		if p.Evaluated {
			evalSteps, exact = append(evalSteps, p.Step), append(exact, p.Exact)
			evaluation = p
		}
		rep.step(p.Step, p.Steps, evaluation, fmt.Sprintf("loss %.4f  lr %.2e", p.Loss, p.LR), func() error {
			return saveSeq2Seq(dir, cfg, task, p.Step, p.Seconds, p.Model, map[string]any{"eval_steps": evalSteps, "exact": exact})
		})
	})
	if err := rep.finish(err); err != nil {
		return err
	}
	f := res.Final
	measured := map[string]any{"train_loss": res.TrainLoss, "eval_steps": res.EvalSteps, "exact": res.Exact, "ms_per_step": res.MsPerStep,
		"test_examples": f.Examples, "greedy_exact": f.Exact, "greedy_token_accuracy": f.TokenAcc}
	if res.ValLoss != nil {
		measured["val_loss"], measured["unigram_entropy"] = res.ValLoss, unigram
		fmt.Fprintf(stdout, "validation loss %.4f nats a token (unigram entropy %.4f)\n", res.ValLoss[len(res.ValLoss)-1], unigram)
	}
	fmt.Fprintf(stdout, "after %d steps (%.0f s, %.1f ms a step), greedy decoding of the %d test examples: exact %.2f%%, tokens %.2f%%",
		cfg.Steps, res.Seconds, res.MsPerStep, f.Examples, 100*f.Exact, 100*f.TokenAcc)
	if task.End >= 0 {
		bleu, err := transformer.Seq2SeqBLEU(task, f.Hyps)
		if err != nil {
			return err
		}
		measured["greedy_bleu"] = bleu.Score
		fmt.Fprintf(stdout, ", BLEU %.2f", bleu.Score)
		if task.Refs != nil {
			rouge := transformer.Seq2SeqRougeL(task, f.Hyps)
			measured["greedy_rouge_l"] = rouge
			fmt.Fprintf(stdout, ", ROUGE-L %.2f", 100*rouge)
		}
	}
	fmt.Fprintln(stdout)
	if r.beam > 1 {
		t0 := time.Now()
		b := transformer.EvaluateSeq2Seq(res.Model, task, 0, r.beam, r.alpha)
		bleu, err := transformer.Seq2SeqBLEU(task, b.Hyps)
		if err != nil {
			return err
		}
		measured["beam"], measured["beam_alpha"], measured["beam_exact"], measured["beam_token_accuracy"], measured["beam_bleu"] = r.beam, r.alpha, b.Exact, b.TokenAcc, bleu.Score
		rouge := ""
		if task.Refs != nil {
			rl := transformer.Seq2SeqRougeL(task, b.Hyps)
			measured["beam_rouge_l"], rouge = rl, fmt.Sprintf(", ROUGE-L %.2f", 100*rl)
		}
		fmt.Fprintf(stdout, "beam search (B = %d, α = %g): exact %.2f%%, tokens %.2f%%, BLEU %.2f%s (%.0f s)\n",
			r.beam, r.alpha, 100*b.Exact, 100*b.TokenAcc, bleu.Score, rouge, time.Since(t0).Seconds())
	}
	if err := saveSeq2Seq(dir, cfg, task, cfg.Steps, res.Seconds, res.Model, measured); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s and %s\n", filepath.Join(dir, task.Name+".params"), filepath.Join(dir, "model.json"))
	if err := writeSeq2SeqFigures(stdout, dir, task, cfg, res); err != nil {
		return err
	}
	printSeq2SeqExamples(stdout, task, f.Hyps)
	return nil
}

// printSeq2SeqExamples prints the first test examples and the first few
// that greedy decoding got wrong.
func printSeq2SeqExamples(w io.Writer, task *transformer.Seq2SeqTask, hyps [][]int) {
	var show, wrong []int
	for i, h := range hyps {
		if i < seq2seqExamples {
			show = append(show, i)
		}
		if !slices.Equal(h, task.Test.TgtOut[i]) && len(wrong) < seq2seqExamples {
			wrong = append(wrong, i)
		}
	}
	fmt.Fprintf(w, "the first %d test examples, greedy:\n", len(show))
	printSeq2SeqLines(w, task, hyps, show)
	if len(wrong) > 0 {
		fmt.Fprintf(w, "the first %d that greedy decoding gets wrong:\n", len(wrong))
		printSeq2SeqLines(w, task, hyps, wrong)
	}
}

// printSeq2SeqLines prints test examples which: the source, the greedy
// output and, when they differ, the target.
func printSeq2SeqLines(w io.Writer, task *transformer.Seq2SeqTask, hyps [][]int, which []int) {
	sep := " "
	if task.Name == "translate" {
		sep = "" // Chinese is written without spaces
	}
	for _, i := range which {
		src := task.Test.Src[i]
		if task.End >= 0 {
			src = src[1:] // past the begin marker; Spell stops at the end marker
		}
		words := transformer.Spell(src, task.End, task.SrcToken, " ")
		if task.Sources != nil {
			words = strings.Join(task.Sources[i], " ")
		}
		hyp := transformer.Spell(hyps[i], task.End, task.TgtToken, sep)
		ref := transformer.Spell(task.Test.TgtOut[i], task.End, task.TgtToken, sep)
		if task.Refs != nil {
			ref = strings.Join(task.Refs[i], sep)
		}
		line := fmt.Sprintf("  %s  →  %s", words, hyp)
		if hyp != ref {
			line += fmt.Sprintf("  (want %s)", ref)
		}
		fmt.Fprintln(w, line)
	}
}

// saveSeq2Seq writes the model's parameters and model.json, each
// atomically, the record last.
func saveSeq2Seq(dir string, cfg transformer.Seq2SeqTrainConfig, task *transformer.Seq2SeqTask, steps int, seconds float64, m *transformer.EncoderDecoder, measured map[string]any) error {
	if err := nn.Save(filepath.Join(dir, task.Name+".params"), m); err != nil {
		return err
	}
	cfg.Model = m.Config
	return writeRecord(dir, "transformer", steps, cfg.Seed, seconds, seq2seqRecord{Train: cfg, Task: task.Name}, measured)
}
