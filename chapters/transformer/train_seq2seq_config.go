package transformer

import "fmt"

// Seq2SeqTrainConfig says how TrainSeq2Seq trains an encoder-decoder.
// CopyTraining, TranslateTraining and BibleTraining are its sets of
// defaults, each small enough to train on two CPU cores in a minute or a
// few.
type Seq2SeqTrainConfig struct {
	// Model is the network's shape. Both defaults use 2 encoder and 2
	// decoder layers of width 64 with 4 heads (d_k = 16) and d_ff = 256:
	// the Annotated Transformer copies with N = 2 at width 512, and a
	// task of a few dozen tokens needs far less width than a language.
	// They are pre-LN, which trains without a long warm-up (Xiong et
	// al. 2020), and have no dropout: every step draws new examples
	// (fresh random sequences for the copy task; for translation, fewer
	// steps than one pass over the 90,000 training numbers), so there is
	// nothing to overfit and dropout would only slow the learning. The
	// vocabularies are left for the task to set.
	Model Config
	// BatchSize is the number of examples per step.
	BatchSize int
	// Steps is the number of optimiser steps.
	Steps int
	// LR is the peak learning rate, reached after Warmup steps of a
	// straight climb from 0, and MinLR the floor a half cosine then
	// brings it down to at the last step (optim.WarmupCosine). Vaswani
	// et al.'s schedule (optim.Noam) decays as 1/√step and never ends;
	// with a fixed, short budget the cosine spends the last steps at a
	// small rate that settles the weights, and its peak is set directly
	// rather than through d_model^-½.
	LR, MinLR float64
	Warmup    int
	// Beta1 and Beta2 are AdamW's moment decay rates: 0.9 and 0.98, as
	// Vaswani et al. (§5.3) train.
	Beta1, Beta2 float64
	// WeightDecay is AdamW's decoupled λ on the matrices (biases and
	// LayerNorm gains are not decayed, as in TrainGPT): 0.01, a light
	// pull that the short runs barely feel.
	WeightDecay float64
	// GradClip is the largest global L2 norm of the gradient: 1. 0 turns
	// clipping off.
	GradClip float64
	// Eps is the label smoothing ε: 0.1, as Vaswani et al. (§5.4).
	// Greedy decoding takes the argmax, which smoothing does not move.
	Eps float64
	// EvalInterval is how often, in steps, the model decodes the first
	// EvalExamples test examples greedily to report its exact-match rate
	// (also before the first step); after the last step it decodes all
	// of them.
	EvalInterval, EvalExamples int
	// Seed fixes the initial weights and the training batches.
	Seed uint64
}

// smallSeq2Seq is the model shape both defaults train: see
// Seq2SeqTrainConfig.Model.
func smallSeq2Seq() Config {
	return Config{DModel: 64, Heads: 4, DFF: 256, Layers: 2, Dropout: 0, MaxLen: 64, Pad: 0, Bias: true}
}

// CopyTraining returns the copy task's settings: batches of 80 sequences
// (the Annotated Transformer's copy task uses 80; its 20 epochs of 20
// batches are 400 steps) for 600 steps, the rate rising over 100 steps
// to 3e-3 and falling to 3e-4, seed 1.
func CopyTraining() Seq2SeqTrainConfig {
	m := smallSeq2Seq()
	m.TieEmbeddings = true // one vocabulary for both sides
	return Seq2SeqTrainConfig{
		Model: m, BatchSize: 80, Steps: 600,
		LR: 3e-3, MinLR: 3e-4, Warmup: 100, Beta1: 0.9, Beta2: 0.98,
		WeightDecay: 0.01, GradClip: 1, Eps: 0.1,
		EvalInterval: 100, EvalExamples: 200, Seed: 1,
	}
}

// TranslateTraining returns the number-translation settings: batches of
// 64 pairs for 600 steps (38,400 pairs, fewer than the 90,000 training
// numbers; greedy decoding gets the first 200 test numbers all right by
// step 200 of a 1,200-step run), the rate rising over 100 steps to 3e-3 and falling to 3e-4,
// separate English and Chinese embeddings, seed 1.
func TranslateTraining() Seq2SeqTrainConfig {
	return Seq2SeqTrainConfig{
		Model: smallSeq2Seq(), BatchSize: 64, Steps: 600,
		LR: 3e-3, MinLR: 3e-4, Warmup: 100, Beta1: 0.9, Beta2: 0.98,
		WeightDecay: 0.01, GradClip: 1, Eps: 0.1,
		EvalInterval: 200, EvalExamples: 200, Seed: 1,
	}
}

// BibleTraining returns the settings of the verse translation
// (BibleSeq2Seq): the small model of the other two tasks with dropout 0.1,
// since its 5,417 training pairs come round again every 170 steps;
// positions up to 160, for the few verses whose Spanish runs long (the
// longest training target is 138 tokens, a verse the two versifications
// divide differently); batches of 32 pairs for BibleSteps steps (a 3,802-
// token output layer makes a pair cost far more than a copied sequence),
// the rate rising over 100 steps to 2e-3 and falling to 2e-4; validation
// loss every 100 steps; seed 1.
func BibleTraining() Seq2SeqTrainConfig {
	m := smallSeq2Seq()
	m.Dropout, m.MaxLen = 0.1, 160
	return Seq2SeqTrainConfig{
		Model: m, BatchSize: 32, Steps: BibleSteps,
		LR: 2e-3, MinLR: 2e-4, Warmup: 100, Beta1: 0.9, Beta2: 0.98,
		WeightDecay: 0.01, GradClip: 1, Eps: 0.1,
		EvalInterval: 100, EvalExamples: 20, Seed: 1,
	}
}

// BibleSteps is the verse translation's number of training steps: about
// 3.5 passes over the training pairs.
const BibleSteps = 600

// Validate returns an error naming the first setting TrainSeq2Seq cannot
// use. The model's vocabularies are not checked: the task sets them.
func (c Seq2SeqTrainConfig) Validate() error {
	m := c.Model
	m.SrcVocab, m.TgtVocab = max(m.Pad+1, 1), max(m.Pad+1, 1)
	if err := m.Validate(); err != nil {
		return err
	}
	switch {
	case c.BatchSize <= 0:
		return fmt.Errorf("transformer: sequence-to-sequence batch of %d examples; want at least 1", c.BatchSize)
	case c.Steps < 0:
		return fmt.Errorf("transformer: sequence-to-sequence training for %d steps; want 0 or more", c.Steps)
	case !(c.LR > 0) || !(c.MinLR >= 0) || c.MinLR > c.LR:
		return fmt.Errorf("transformer: learning rates %g (peak) and %g (floor); want 0 ≤ floor ≤ peak, peak > 0", c.LR, c.MinLR)
	case c.Warmup < 0:
		return fmt.Errorf("transformer: warm-up of %d steps; want 0 or more", c.Warmup)
	case !(c.Beta1 >= 0 && c.Beta1 < 1) || !(c.Beta2 >= 0 && c.Beta2 < 1):
		return fmt.Errorf("transformer: AdamW betas %g and %g; want each in [0, 1)", c.Beta1, c.Beta2)
	case !(c.WeightDecay >= 0) || !(c.GradClip >= 0):
		return fmt.Errorf("transformer: weight decay %g and gradient clip %g; want each 0 or more", c.WeightDecay, c.GradClip)
	case !(c.Eps >= 0 && c.Eps < 1):
		return fmt.Errorf("transformer: label smoothing %g; want [0, 1)", c.Eps)
	case c.EvalInterval <= 0 || c.EvalExamples < 0:
		return fmt.Errorf("transformer: evaluation every %d steps on %d examples; want at least 1 step and 0 (all) or more examples", c.EvalInterval, c.EvalExamples)
	}
	return nil
}
