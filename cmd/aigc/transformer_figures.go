package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/lib/data"
)

// The Transformer runs' figures: each training run draws its learning
// curve and its attention maps into its folder, and -task figures draws
// the chapter's figures that need no model, or with -checkpoint redraws a
// run's figures from its folder.

// gptAttentionLine is the line of Go whose attention maps a GPT run draws.
const gptAttentionLine = "for i := 0; i < len(s); i++ {"

// lossSmoothing is the window of the moving average the loss curves draw.
const lossSmoothing = 50

// writeGPTFigures draws the GPT's learning curve into dir/loss.png and its
// last block's heads reading gptAttentionLine into dir/attention.png
// (when the corpus has the line's characters).
func writeGPTFigures(stdout io.Writer, dir string, res *transformer.GPTResult, vocab *data.CharVocab) error {
	img, err := transformer.LossFigure("the baby GPT's losses", res.TrainLoss, lossSmoothing, res.EvalIters, res.ValLoss, 0)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "loss.png", img); err != nil {
		return err
	}
	if _, err := vocab.Encode(gptAttentionLine); err != nil {
		fmt.Fprintf(stdout, "no attention.png: the corpus lacks a character of %q (%v)\n", gptAttentionLine, err)
		return nil
	}
	img, err = transformer.GPTAttentionFigure(res.Model, vocab, gptAttentionLine, len(res.Model.Blocks)-1)
	if err != nil {
		return err
	}
	return writeFigure(stdout, dir, "attention.png", img)
}

// writeSeq2SeqFigures draws the encoder-decoder's learning curve, with the
// floor of its label-smoothed loss, into dir/loss.png, and the last
// decoder layer's cross-attention on two test sentences into
// dir/attention.png.
func writeSeq2SeqFigures(stdout io.Writer, dir string, task *transformer.Seq2SeqTask, cfg transformer.Seq2SeqTrainConfig, res *transformer.Seq2SeqResult) error {
	floor := transformer.LabelSmoothingFloor(task.TgtVocab, cfg.Eps, true)
	img, err := transformer.LossFigure(fmt.Sprintf("the encoder-decoder on the %s task", task.Name), res.TrainLoss, lossSmoothing, nil, nil, floor)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "loss.png", img); err != nil {
		return err
	}
	img, err = transformer.TranslationAttentionFigure(res.Model, task, attentionExamples(task))
	if err != nil {
		return err
	}
	return writeFigure(stdout, dir, "attention.png", img)
}

// attentionExamples picks the two test sentences whose attention a run
// draws: the first of the longest source among the first 100 test
// examples, and the first whose target is written with a zero (零) or,
// for the copy task, the first example.
func attentionExamples(task *transformer.Seq2SeqTask) [][]int {
	test := task.Test
	n := min(100, test.Len())
	longest, zero := 0, 0
	for i := 0; i < n; i++ {
		if len(test.Src[i]) > len(test.Src[longest]) {
			longest = i
		}
	}
	for i := 0; i < n; i++ {
		if i != longest && slices.ContainsFunc(test.TgtOut[i], func(id int) bool { return task.TgtToken(id) == "零" }) {
			zero = i
			break
		}
	}
	return [][]int{test.Src[longest], test.Src[zero]}
}

// writeChapterFigures is -task figures: the softmax's saturation against
// d_k and the sinusoidal positions, into out/figures.
func writeChapterFigures(stdout io.Writer, out string) error {
	dir, err := modelDir(out, "figures")
	if err != nil {
		return err
	}
	dks := []int{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}
	pts := transformer.SoftmaxSaturation(dks, 200, 16)
	fmt.Fprintf(stdout, "%6s  %10s %10s  %10s %10s\n", "d_k", "max a", "‖J‖", "max a /√d", "‖J‖ /√d")
	for _, p := range pts {
		fmt.Fprintf(stdout, "%6d  %10.3f %10.3f  %10.3f %10.3f\n", p.Dk, p.RawMax, p.RawJ, p.ScaledMax, p.ScaledJ)
	}
	img, err := transformer.ScaleFigure(pts)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "scale.png", img); err != nil {
		return err
	}
	if img, err = transformer.PositionFigure(100, 128); err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "positions.png", img); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "(the chapter's copies: %s)\n", filepath.Join("chapters", "transformer"))
	return nil
}

// redrawFigures is -task figures -checkpoint DIR: the figures a finished
// run drew at its end, drawn again from its folder (the same functions,
// given the model and the losses model.json keeps).
func redrawFigures(stdout io.Writer, dir string) error {
	rec, err := readRecord(dir)
	if err != nil {
		return fmt.Errorf("-checkpoint: %w", err)
	}
	path := filepath.Join(dir, "model.json")
	if rec.Model != "transformer" {
		return fmt.Errorf("-checkpoint: %s is a model of kind %q; -task figures redraws the transformer's", path, rec.Model)
	}
	train, err := measuredFloats(path, rec, "train_loss")
	if err != nil {
		return err
	}
	var probe struct{ Task string }
	if err := decodeConfig(dir, rec, "", &probe); err != nil {
		return err
	}
	if probe.Task != "" {
		m, cfg, task, err := loadSeq2Seq(dir, rec)
		if err != nil {
			return err
		}
		return writeSeq2SeqFigures(stdout, dir, task, cfg.Train, &transformer.Seq2SeqResult{Model: m, TrainLoss: train})
	}
	g, vocab, err := loadGPT(dir, rec)
	if err != nil {
		return err
	}
	evalIters, err := measuredFloats(path, rec, "eval_iters")
	if err != nil {
		return err
	}
	val, err := measuredFloats(path, rec, "val_loss")
	if err != nil {
		return err
	}
	res := &transformer.GPTResult{Model: g, TrainLoss: train, ValLoss: val}
	for _, it := range evalIters {
		res.EvalIters = append(res.EvalIters, int(it))
	}
	return writeGPTFigures(stdout, dir, res, vocab)
}

// measuredFloats reads the list of numbers model.json's measured holds
// under key.
func measuredFloats(path string, rec *modelRecord, key string) ([]float64, error) {
	list, ok := rec.Measured[key].([]any)
	if !ok {
		return nil, fmt.Errorf("-checkpoint: %s has no list %s among its measurements; was the run finished?", path, key)
	}
	out := make([]float64, len(list))
	for i, v := range list {
		f, ok := v.(float64)
		if !ok {
			return nil, fmt.Errorf("-checkpoint: %s: %s[%d] is %v, not a number", path, key, i, v)
		}
		out[i] = f
	}
	return out, nil
}
