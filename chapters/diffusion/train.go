package diffusion

import (
	"fmt"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// Training is how TrainUNet and TrainLatent train a class-conditional
// denoiser on a fixed set of examples; each config embeds it beside its
// network's shape.
type Training struct {
	// T is the number of diffusion steps, with Ho et al.'s linear
	// schedule from β_1 = 10⁻⁴ to β_T = 0.02 (scaled by 1000/T).
	T int
	// Steps optimiser steps of Batch examples each, by Adam at a rate that
	// climbs to LR over Warmup steps and falls along half a cosine to
	// LR/10 at the last step, the gradient's norm clipped to 1.
	Steps, Batch, Warmup int
	LR                   float64
	// EMA is the decay of the moving average of the weights the samples
	// are drawn from (optim.EMA).
	EMA float64
	// PUncond is the probability that an example's label is replaced by
	// "no label" (label dropout), which teaches the unconditional
	// prediction classifier-free guidance needs. Ho & Salimans found 0.1
	// to 0.2 best.
	PUncond float64
	Seed    uint64
}

// Schedule returns the linear schedule of T steps the config trains with.
func (c Training) Schedule() (*Schedule, error) {
	scale := 1000 / float64(c.T)
	return LinearSchedule(c.T, scale*1e-4, scale*0.02)
}

// validate reports what is wrong with the settings, if anything, naming
// the config as who.
func (c Training) validate(who string) error {
	if c.T < 2 || c.Steps < 1 || c.Batch < 1 || c.Warmup < 0 || c.Warmup >= c.Steps || !(c.LR > 0) || !(c.EMA >= 0 && c.EMA < 1) || !(c.PUncond >= 0 && c.PUncond < 1) {
		return fmt.Errorf("diffusion: %s: T %d, Steps %d, Batch %d, Warmup %d, LR %g, EMA %g, PUncond %g; want T ≥ 2, Steps and Batch ≥ 1, 0 ≤ Warmup < Steps, LR > 0, EMA and PUncond in [0, 1)",
			who, c.T, c.Steps, c.Batch, c.Warmup, c.LR, c.EMA, c.PUncond)
	}
	return nil
}

// checkLabels reports a labelling that does not fit a network of classes
// classes (0: unconditional, which needs none) and n examples.
func checkLabels(who string, labels []int, n, classes int) error {
	if classes == 0 {
		return nil
	}
	if len(labels) != n {
		return fmt.Errorf("diffusion: %s: %d labels for %d examples of a class-conditional model", who, len(labels), n)
	}
	for i, y := range labels {
		if y < 0 || y >= classes {
			return fmt.Errorf("diffusion: %s: label %d of example %d; want 0..%d", who, y, i, classes-1)
		}
	}
	return nil
}

// train runs the loop TrainUNet and TrainLatent share on n examples: each
// step takes Batch of them without replacement (a new shuffle every pass)
// through rows, draws t uniform on 1..T and ε for each, drops labels with
// probability PUncond, and takes one Adam step on L_simple (on the hybrid
// loss when m learns its variance), then folds the weights into avg.
// rng is the run's generator, already used for m's weights. after, if not
// nil, sees every step's loss and rate and the seconds so far.
func (c Training) train(m, avg ClassDenoiser, s *Schedule, n int, rows func(idx []int) *tensor.Tensor, labels []int, rng *tensor.RNG, after func(step int, loss, lr, seconds float64)) (losses []float64, seconds float64) {
	params := nn.Values(m)
	ema := optim.NewEMA(params, nn.Values(avg), c.EMA)
	opt := optim.NewAdam(params, c.LR)
	rate := optim.WarmupCosine{Base: c.LR, Min: c.LR / 10, Warmup: c.Warmup, Total: c.Steps}
	classes := m.NumClasses()
	losses = make([]float64, 0, c.Steps)
	order := rng.Perm(n)
	next := 0
	start := time.Now()
	for step := 1; step <= c.Steps; step++ {
		if next+c.Batch > len(order) {
			order, next = rng.Perm(n), 0
		}
		idx := order[next : next+c.Batch]
		next += c.Batch
		x0 := rows(idx)
		t := make([]int, c.Batch)
		for i := range t {
			t[i] = 1 + rng.Intn(s.T)
		}
		eps := tensor.RandN(rng, x0.Shape...)
		var net Denoiser = m
		if classes > 0 {
			y := make([]int, c.Batch)
			for i, j := range idx {
				y[i] = labels[j]
				if rng.Float64() < c.PUncond {
					y[i] = classes
				}
			}
			net = Conditioned{M: m, Y: y}
		}
		lr := optim.ApplySchedule(opt, rate, step)
		opt.ZeroGrad()
		var loss *autograd.Value
		if m.LearnsVariance() {
			loss = HybridLoss(net, s, x0, t, eps)
		} else {
			loss = SimpleLoss(net, s, x0, t, eps)
		}
		loss.Backward()
		optim.ClipGradNorm(params, 1)
		opt.Step()
		ema.Update()
		losses = append(losses, loss.Item())
		if after != nil {
			after(step, loss.Item(), lr, time.Since(start).Seconds())
		}
	}
	return losses, time.Since(start).Seconds()
}
