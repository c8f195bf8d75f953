package diffusion

import (
	"fmt"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// UNetTrainConfig says how TrainUNet trains a UNet on images.
type UNetTrainConfig struct {
	Model UNetConfig
	// T is the number of diffusion steps, with Ho et al.'s linear
	// schedule from β_1 = 10⁻⁴ to β_T = 0.02 (scaled by 1000/T).
	T int
	// Steps optimiser steps of Batch images each, by Adam at a rate that
	// climbs to LR over Warmup steps and falls along half a cosine to
	// LR/10 at the last step, the gradient's norm clipped to 1.
	Steps, Batch, Warmup int
	LR                   float64
	// EMA is the decay of the moving average of the weights the samples
	// are drawn from (optim.EMA).
	EMA float64
	// PUncond is the probability that an image's label is replaced by
	// "no label" (label dropout), which teaches the unconditional
	// prediction classifier-free guidance needs. Ho & Salimans found 0.1
	// to 0.2 best.
	PUncond float64
	Seed    uint64
}

// DefaultUNetTraining is the chapter's MNIST run: the default UNet, T =
// 1000, 2,000 steps of 64 images, Adam at 10⁻³ after 200 steps of
// warm-up, EMA 0.999, labels dropped one time in ten.
func DefaultUNetTraining() UNetTrainConfig {
	return UNetTrainConfig{Model: DefaultUNetConfig(), T: 1000, Steps: 2000, Batch: 64, Warmup: 200, LR: 1e-3, EMA: 0.999, PUncond: 0.1, Seed: 1}
}

// Schedule returns the linear schedule of T steps the config trains with.
func (c UNetTrainConfig) Schedule() (*Schedule, error) {
	scale := 1000 / float64(c.T)
	return LinearSchedule(c.T, scale*1e-4, scale*0.02)
}

// validate reports what is wrong with the config, if anything.
func (c UNetTrainConfig) validate() error {
	if c.T < 2 || c.Steps < 1 || c.Batch < 1 || c.Warmup < 0 || c.Warmup >= c.Steps || !(c.LR > 0) || !(c.EMA >= 0 && c.EMA < 1) || !(c.PUncond >= 0 && c.PUncond < 1) {
		return fmt.Errorf("diffusion: UNetTrainConfig: T %d, Steps %d, Batch %d, Warmup %d, LR %g, EMA %g, PUncond %g; want T ≥ 2, Steps and Batch ≥ 1, 0 ≤ Warmup < Steps, LR > 0, EMA and PUncond in [0, 1)",
			c.T, c.Steps, c.Batch, c.Warmup, c.LR, c.EMA, c.PUncond)
	}
	return nil
}

// UNetProgress is what TrainUNet reports after a step.
type UNetProgress struct {
	Step, Steps int
	Loss        float64 // the step's loss (L_simple, or the hybrid loss)
	LR          float64
	Seconds     float64 // since training began
	EMA         *UNet   // the averaged weights, for a checkpoint
}

// UNetResult is a trained UNet: its averaged weights, its schedule and
// its losses.
type UNetResult struct {
	EMA      *UNet // the moving average the chapter samples from
	Model    *UNet // the last weights
	Schedule *Schedule
	Loss     []float64
	Seconds  float64
}

// ToSigned maps pixels in [0, 1] to the data x_0 ∈ [−1, 1] the model
// diffuses, x_0 = 2p − 1, so that the data's scale matches the noise's.
func ToSigned(p *tensor.Tensor) *tensor.Tensor {
	out := tensor.New(p.Shape...)
	for i, v := range p.Data {
		out.Data[i] = 2*v - 1
	}
	return out
}

// ToPixels maps samples back to pixels, p = (x + 1)/2 clipped to [0, 1].
func ToPixels(x *tensor.Tensor) *tensor.Tensor {
	out := tensor.New(x.Shape...)
	for i, v := range x.Data {
		out.Data[i] = min(max((v+1)/2, 0), 1)
	}
	return out
}

// TrainUNet trains a UNet on images [N, Side²] (pixels in [0, 1]) with
// their labels (nil for an unconditional model): each step draws Batch
// images without replacement (a new shuffle every pass), maps them to
// [−1, 1], draws t uniform on 1..T and ε for each, drops labels with
// probability PUncond, and takes one Adam step on L_simple, or on the
// hybrid loss when the variance is learnt. progress, if not nil, is called
// after every step.
func TrainUNet(cfg UNetTrainConfig, images *tensor.Tensor, labels []int, progress func(UNetProgress)) (*UNetResult, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	side := cfg.Model.Side
	if len(images.Shape) != 2 || images.Shape[1] != side*side || images.Shape[0] < cfg.Batch {
		return nil, fmt.Errorf("diffusion: TrainUNet: images %v; want [N ≥ %d, %d]", images.Shape, cfg.Batch, side*side)
	}
	if cfg.Model.Classes > 0 && len(labels) != images.Shape[0] {
		return nil, fmt.Errorf("diffusion: TrainUNet: %d labels for %d images of a class-conditional model", len(labels), images.Shape[0])
	}
	s, err := cfg.Schedule()
	if err != nil {
		return nil, err
	}
	rng := tensor.NewRNG(cfg.Seed)
	m, err := NewUNet(cfg.Model, rng)
	if err != nil {
		return nil, err
	}
	avg, _ := NewUNet(cfg.Model, tensor.NewRNG(cfg.Seed))
	ema := optim.NewEMA(nn.Values(m), nn.Values(avg), cfg.EMA)
	params := nn.Values(m)
	opt := optim.NewAdam(params, cfg.LR)
	rate := optim.WarmupCosine{Base: cfg.LR, Min: cfg.LR / 10, Warmup: cfg.Warmup, Total: cfg.Steps}
	res := &UNetResult{EMA: avg, Model: m, Schedule: s, Loss: make([]float64, 0, cfg.Steps)}
	order := rng.Perm(images.Shape[0])
	next := 0
	start := time.Now()
	for step := 1; step <= cfg.Steps; step++ {
		if next+cfg.Batch > len(order) {
			order, next = rng.Perm(images.Shape[0]), 0
		}
		idx := order[next : next+cfg.Batch]
		next += cfg.Batch
		x0 := ToSigned(tensor.Rows(images, idx))
		t := make([]int, cfg.Batch)
		for i := range t {
			t[i] = 1 + rng.Intn(s.T)
		}
		eps := tensor.RandN(rng, x0.Shape...)
		var net Denoiser = m
		if cfg.Model.Classes > 0 {
			y := make([]int, cfg.Batch)
			for i, j := range idx {
				y[i] = labels[j]
				if rng.Float64() < cfg.PUncond {
					y[i] = cfg.Model.Classes
				}
			}
			net = Conditioned{M: m, Y: y}
		}
		lr := optim.ApplySchedule(opt, rate, step)
		opt.ZeroGrad()
		var loss *autograd.Value
		if cfg.Model.LearnVariance {
			loss = HybridLoss(net, s, x0, t, eps)
		} else {
			loss = SimpleLoss(net, s, x0, t, eps)
		}
		loss.Backward()
		optim.ClipGradNorm(params, 1)
		opt.Step()
		ema.Update()
		res.Loss = append(res.Loss, loss.Item())
		if progress != nil {
			progress(UNetProgress{Step: step, Steps: cfg.Steps, Loss: loss.Item(), LR: lr, Seconds: time.Since(start).Seconds(), EMA: avg})
		}
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}
