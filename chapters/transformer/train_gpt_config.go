package transformer

import "fmt"

// GPTTrainConfig says how TrainGPT trains a character-level GPT. Its
// defaults (BabyGPTTraining) are nanoGPT's CPU "baby GPT" on tiny
// Shakespeare's characters (Karpathy, nanoGPT README, "I only have a
// MacBook"; config/train_shakespeare_char.py), setting for setting, so
// that a run here and bench/gpt_train.py, the same model and settings in
// PyTorch, can be compared on the same text.
type GPTTrainConfig struct {
	// Model is the network's shape: BabyGPT's 4 layers, 4 heads, width
	// 128, block 64, dropout 0 and no biases. Its Vocab is left 0 in the
	// defaults: TrainGPT takes it from the corpus.
	Model GPTConfig
	// BatchSize is the number of windows of Model.BlockSize characters per
	// step: 12, so a step sees 12·64 = 768 characters.
	BatchSize int
	// Iters is the number of optimiser steps: 2,000, the baby GPT's
	// max_iters, about 1.5 passes over a million characters' worth of
	// windows.
	Iters int
	// LR is the peak learning rate, 1e-3: a model this small tolerates a
	// larger rate than GPT-2's 6e-4. MinLR is where the cosine ends,
	// 1e-4 = LR/10 (Chinchilla's rule of thumb, as nanoGPT's config says).
	LR, MinLR float64
	// WarmupIters is the number of steps over which the rate climbs in a
	// straight line from 0 to LR: 100, while Adam's second-moment
	// estimates are still poor and large steps would be blind ones.
	WarmupIters int
	// DecayIters is the step at which the cosine reaches MinLR: 2,000,
	// equal to Iters (nanoGPT's lr_decay_iters = max_iters), so the rate
	// reaches its floor on the last step.
	DecayIters int
	// Beta1 and Beta2 are AdamW's moment decay rates, 0.9 and 0.99: with
	// few tokens per step, the baby GPT averages the squared gradient over
	// a shorter window (about 100 steps) than PyTorch's default 0.999.
	Beta1, Beta2 float64
	// WeightDecay is AdamW's decoupled λ, 0.1, and it applies to the
	// matrices only (linear weights and the two embedding tables); biases
	// and LayerNorm gains are not decayed: shrinking a gain or a shift
	// towards 0 does not make the model any simpler (nanoGPT's
	// configure_optimizers, by the tensors' dimension).
	WeightDecay float64
	// GradClip is the largest global L2 norm of the gradient, 1.0: a rare
	// large gradient becomes a step of bounded length instead of a jump.
	// 0 turns clipping off.
	GradClip float64
	// EvalInterval is how often, in steps, the validation loss is
	// measured: every 250 steps (nanoGPT's eval_interval), and also
	// before the first step and after the last.
	EvalInterval int
	// EvalWindows is how many validation windows the validation loss is
	// the mean over: the first EvalWindows consecutive, non-overlapping
	// windows of Model.BlockSize characters of the validation text
	// (data.SequentialWindows), the same ones at every evaluation and
	// on both sides of a comparison; 0 takes every window. nanoGPT
	// averages 20 random batches of 12 (eval_iters = 20 in the baby
	// GPT's command), 240 windows, different at each evaluation; fixed
	// windows remove that noise from the curve, and 480 of them, 30,720
	// characters, cost about as much as ten training steps.
	EvalWindows int
	// Seed fixes the initial weights and the training windows: the same
	// Seed and corpus give the same run, number for number. 1337 is
	// nanoGPT's.
	Seed uint64
}

// BabyGPTTraining returns nanoGPT's CPU baby-GPT training settings: the
// BabyGPT model, batches of 12 windows of 64 characters, 2,000 AdamW
// steps (β₁ 0.9, β₂ 0.99, weight decay 0.1 on matrices) at a rate warming
// up over 100 steps to 1e-3 and falling along a cosine to 1e-4, gradients
// clipped at norm 1, the validation loss every 250 steps, seed 1337.
func BabyGPTTraining() GPTTrainConfig {
	return GPTTrainConfig{
		Model:     BabyGPT(0),
		BatchSize: 12, Iters: 2000,
		LR: 1e-3, MinLR: 1e-4, WarmupIters: 100, DecayIters: 2000,
		Beta1: 0.9, Beta2: 0.99, WeightDecay: 0.1, GradClip: 1,
		EvalInterval: 250, EvalWindows: 480,
		Seed: 1337,
	}
}

// Validate returns an error naming the first setting TrainGPT cannot use.
// The model's Vocab is not checked: TrainGPT sets it from the corpus.
func (c GPTTrainConfig) Validate() error {
	m := c.Model
	if m.Vocab == 0 {
		m.Vocab = 1
	}
	if err := m.Validate(); err != nil {
		return err
	}
	switch {
	case c.BatchSize <= 0:
		return fmt.Errorf("transformer: GPT training batch of %d windows; want at least 1", c.BatchSize)
	case c.Iters < 0:
		return fmt.Errorf("transformer: GPT training for %d steps; want 0 or more", c.Iters)
	case !(c.LR > 0) || !(c.MinLR >= 0) || c.MinLR > c.LR:
		return fmt.Errorf("transformer: GPT learning rates %g (peak) and %g (floor); want 0 ≤ floor ≤ peak, peak > 0", c.LR, c.MinLR)
	case c.WarmupIters < 0 || c.DecayIters <= c.WarmupIters:
		return fmt.Errorf("transformer: GPT warm-up of %d steps and decay until step %d; want 0 ≤ warm-up < decay", c.WarmupIters, c.DecayIters)
	case !(c.Beta1 >= 0 && c.Beta1 < 1) || !(c.Beta2 >= 0 && c.Beta2 < 1):
		return fmt.Errorf("transformer: GPT AdamW betas %g and %g; want each in [0, 1)", c.Beta1, c.Beta2)
	case !(c.WeightDecay >= 0):
		return fmt.Errorf("transformer: GPT weight decay %g; want 0 or more", c.WeightDecay)
	case !(c.GradClip >= 0):
		return fmt.Errorf("transformer: GPT gradient clip %g; want 0 (off) or more", c.GradClip)
	case c.EvalInterval <= 0:
		return fmt.Errorf("transformer: GPT evaluation every %d steps; want at least 1", c.EvalInterval)
	case c.EvalWindows < 0:
		return fmt.Errorf("transformer: GPT evaluation on %d windows; want 0 (all) or more", c.EvalWindows)
	}
	return nil
}
