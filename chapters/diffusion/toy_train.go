package diffusion

import (
	"fmt"
	"time"

	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// ToyTrainConfig says how TrainToy trains a ToyDenoiser.
type ToyTrainConfig struct {
	Data  string // SwissRoll or Ring
	Model ToyConfig
	// T is the number of diffusion steps, with a linear schedule whose
	// ends are Ho et al.'s β_1 = 10⁻⁴ and β_T = 0.02 scaled by 1000/T, as
	// Nichol & Dhariwal's code scales them, so that ᾱ_T stays near 0
	// whatever T is.
	T int
	// Steps optimiser steps of Batch fresh data points each, by Adam at LR.
	Steps, Batch int
	LR           float64
	Seed         uint64
}

// DefaultToyTraining trains the default ToyDenoiser on the swiss roll
// with T = 200 for 4,000 steps of 256 points, Adam at 10⁻³.
func DefaultToyTraining() ToyTrainConfig {
	return ToyTrainConfig{Data: SwissRoll, Model: DefaultToyConfig(), T: 200, Steps: 4000, Batch: 256, LR: 1e-3, Seed: 1}
}

// Schedule returns the linear schedule of T steps the config trains with.
func (c ToyTrainConfig) Schedule() (*Schedule, error) {
	scale := 1000 / float64(c.T)
	return LinearSchedule(c.T, scale*1e-4, scale*0.02)
}

// ToyResult is a trained 2-D denoiser, its schedule and its losses.
type ToyResult struct {
	Model    *ToyDenoiser
	Schedule *Schedule
	Loss     []float64 // L_simple at every step
	Seconds  float64
}

// TrainToy trains a ToyDenoiser by L_simple: every step draws a batch of
// fresh data points, a step t uniform on 1..T and noise ε for each, and
// takes one Adam step on the mean squared error of ε̂. progress, if not
// nil, is called after every step with the step (from 1) and its loss.
func TrainToy(cfg ToyTrainConfig, progress func(step int, loss float64)) (*ToyResult, error) {
	if cfg.T < 2 || cfg.Steps < 1 || cfg.Batch < 1 || !(cfg.LR > 0) {
		return nil, fmt.Errorf("diffusion: ToyTrainConfig: T %d, Steps %d, Batch %d, LR %g; want T ≥ 2, Steps and Batch ≥ 1, LR > 0", cfg.T, cfg.Steps, cfg.Batch, cfg.LR)
	}
	if _, err := ToyData(cfg.Data, 1, 0); err != nil {
		return nil, err
	}
	s, err := cfg.Schedule()
	if err != nil {
		return nil, err
	}
	rng := tensor.NewRNG(cfg.Seed)
	m, err := NewToyDenoiser(cfg.Model, rng)
	if err != nil {
		return nil, err
	}
	opt := optim.NewAdam(nn.Values(m), cfg.LR)
	res := &ToyResult{Model: m, Schedule: s, Loss: make([]float64, 0, cfg.Steps)}
	start := time.Now()
	t := make([]int, cfg.Batch)
	for step := 1; step <= cfg.Steps; step++ {
		x0, _ := ToyData(cfg.Data, cfg.Batch, rng.Uint64())
		for i := range t {
			t[i] = 1 + rng.Intn(s.T)
		}
		eps := tensor.RandN(rng, cfg.Batch, cfg.Model.Dim)
		opt.ZeroGrad()
		loss := SimpleLoss(m, s, x0, t, eps)
		loss.Backward()
		opt.Step()
		res.Loss = append(res.Loss, loss.Item())
		if progress != nil {
			progress(step, loss.Item())
		}
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}
