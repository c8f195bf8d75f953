package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/luoxia/aigc/chapters/transformer"
)

// normsSmooth is the moving-average window of norms.png's curves, in steps.
const normsSmooth = 10

// compareNorms is -compare-norms: the task trained pre-LN and post-LN,
// each with the warm-up and without, from one seed; a table of how each
// ended, norms.png with their losses and norms.json with the numbers,
// in out/TASK-norms.
func (r *seq2seqRun) compareNorms(stdout, stderr io.Writer) error {
	cfg, task := r.cfg, r.task
	if cfg.Steps < 1 {
		return fmt.Errorf("-compare-norms compares training curves; give -iters of at least 1, not %d", cfg.Steps)
	}
	dir, err := modelDir(r.out, task.Name+"-norms")
	if err != nil {
		return err
	}
	m := cfg.Model
	fmt.Fprintf(stdout, "training the encoder-decoder on the %s task four ways: pre-LN and post-LN, each with %d steps of warm-up and without\n", task.Name, cfg.Warmup)
	fmt.Fprintf(stdout, "%d+%d layers, %d heads, width %d; %d steps of %d examples at a peak rate of %g, seed %d\n",
		m.Layers, m.Layers, m.Heads, m.DModel, cfg.Steps, cfg.BatchSize, cfg.LR, cfg.Seed)
	var bar *progress
	last := -1
	runs, err := transformer.CompareNorms(cfg, task, func(i int, p transformer.Seq2SeqProgress) {
		if p.Step == 0 {
			return
		}
		if i != last {
			if bar != nil {
				bar.done()
			}
			bar, last = newProgress(stderr), i
		}
		bar.line(p.Step, p.Steps, fmt.Sprintf("run %d/4  loss %.4f  lr %.2e", i+1, p.Loss, p.LR))
	})
	if bar != nil {
		bar.done()
	}
	if err != nil {
		return err
	}
	floor := transformer.LabelSmoothingFloor(task.TgtVocab, cfg.Eps, true)
	fmt.Fprintf(stdout, "%-22s  %11s  %11s  %s\n", "run", "final loss", "exact", "exact after steps "+fmt.Sprint(runs[0].Result.EvalSteps))
	record := []map[string]any{}
	for _, run := range runs {
		res := run.Result
		n := len(res.TrainLoss)
		final := meanTail(res.TrainLoss, normsSmooth)
		fmt.Fprintf(stdout, "%-22s  %11.4f  %10.2f%%  %v\n", run.Name(), final, 100*res.Final.Exact, percents(res.Exact))
		record = append(record, map[string]any{"name": run.Name(), "post_ln": run.PostLN, "warmup": run.Warmup,
			"train_loss": res.TrainLoss, "final_loss_mean_last": final, "last_loss": res.TrainLoss[n-1],
			"eval_steps": res.EvalSteps, "exact": res.Exact, "greedy_exact": res.Final.Exact,
			"greedy_token_accuracy": res.Final.TokenAcc, "ms_per_step": res.MsPerStep})
	}
	fmt.Fprintf(stdout, "(final loss: the mean of the last %d steps; the floor H(q) is %.4f; exact: greedy decoding of the %d test examples)\n",
		normsSmooth, floor, runs[0].Result.Final.Examples)
	img, err := transformer.NormFigure(runs, task, cfg.Eps, normsSmooth)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "norms.png", img); err != nil {
		return err
	}
	path := filepath.Join(dir, "norms.json")
	if err := writeJSON(path, map[string]any{"task": task.Name, "train": cfg, "floor": floor, "runs": record}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return nil
}

// meanTail is the mean of the last n values of y (all of them if fewer).
func meanTail(y []float64, n int) float64 {
	n = min(n, len(y))
	s := 0.0
	for _, v := range y[len(y)-n:] {
		s += v
	}
	return s / float64(n)
}

// percents formats rates in [0, 1] as percentages with one decimal.
func percents(rates []float64) string {
	s := ""
	for i, r := range rates {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%.1f", 100*r)
	}
	return s
}
