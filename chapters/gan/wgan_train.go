package gan

import (
	"fmt"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// WGANConfig is a Wasserstein GAN with gradient penalty (Gulrajani et al.
// 2017) on the ring: the ring GAN's networks, data and schedule, with
// the discriminator read as a critic f whose output is a score, not a
// logit.
type WGANConfig struct {
	// Ring holds the networks, batches, learning rates, noise and seed.
	// Its Steps counts generator updates, and its Loss is not used.
	Ring RingConfig
	// Critic is the number of critic updates before each generator
	// update (n_critic).
	Critic int
	// Lambda is the weight λ of the gradient penalty.
	Lambda float64
	// Beta1 and Beta2 are both optimizers' Adam decay rates; Gulrajani
	// et al.'s β2 = 0.9 forgets the squared gradients faster than the
	// usual 0.999.
	Beta1, Beta2 float64
}

// DefaultWGANConfig is the chapter's WGAN-GP: the ring GAN's networks and
// batches, five critic steps a generator step, and λ = 0.1 with Adam's
// β = (0.5, 0.9), the settings of Gulrajani et al.'s own code for toy
// data (their images use λ = 10). The learning rate, 10⁻³, is held
// constant: the setting under which the GAN collapses.
func DefaultWGANConfig() WGANConfig {
	r := DefaultRingConfig()
	r.Loss = "wgan-gp"
	r.LR, r.MinLR = 1e-3, 1e-3
	return WGANConfig{Ring: r, Critic: 5, Lambda: 0.1, Beta1: 0.5, Beta2: 0.9}
}

// TrainWGAN trains a WGAN-GP on the ring. Each generator step sets the
// learning rates from the schedule, then
//
//  1. Critic times: draws real points x, noise z and ε ~ U(0, 1) per
//     point, and updates f on
//     L_f = E[f(G(z))] − E[f(x)] + λ·E[(‖∇f(x̂)‖ − 1)²],
//     x̂ = ε·x + (1 − ε)·G(z), with G held fixed;
//  2. updates G on L_G = −E[f(G(z))] for fresh noise.
//
// The result's DLoss holds each step's last L_f without the penalty,
// minus the critic's estimate of the Wasserstein distance, and GLoss L_G.
// The same cfg gives the same result, bit for bit, on the same machine.
func TrainWGAN(cfg WGANConfig, progress func(RingProgress)) (*RingResult, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	s := newRingSetup(cfg.Ring)
	for _, opt := range []*optim.Adam{s.optG, s.optD} {
		opt.Beta1, opt.Beta2 = cfg.Beta1, cfg.Beta2
	}
	eps := tensor.NewRNG(s.data.Uint64()) // where each x̂'s mixing weight ε comes from
	res := &RingResult{G: s.g, D: s.d}
	res.Snapshots = append(res.Snapshots, RingSnapshot{Step: 0, Samples: s.g.SampleFrom(s.zSnap)})
	start := time.Now()
	for step := 1; step <= cfg.Ring.Steps; step++ {
		optim.ApplySchedule(s.optG, s.schedule, step)
		optim.ApplySchedule(s.optD, s.schedule, step)
		var w float64
		for k := 0; k < cfg.Critic; k++ {
			w = s.criticStep(eps, cfg.Lambda)
		}
		// ANCHOR: wgan_generator
		z := tensor.RandN(s.z, cfg.Ring.BatchSize, cfg.Ring.ZDim)
		lossG := autograd.Neg(autograd.Mean(s.d.Forward(s.g.Forward(autograd.Const(z)))))
		s.optG.ZeroGrad()
		lossG.Backward()
		s.optG.Step()
		// ANCHOR_END: wgan_generator
		res.DLoss = append(res.DLoss, -w)
		res.GLoss = append(res.GLoss, lossG.Item())
		s.snapshot(res, step)
		if progress != nil {
			progress(RingProgress{Step: step, Steps: cfg.Ring.Steps, DLoss: -w, GLoss: lossG.Item()})
		}
	}
	res.MsPerStep = optim.MsPerStep(time.Since(start), cfg.Ring.Steps)
	return res, nil
}

// criticStep takes one step on the critic's loss with penalty weight
// lambda and returns the critic's estimate E[f(x)] − E[f(G(z))] of the
// Wasserstein distance on this batch.
func (s *ringSetup) criticStep(eps *tensor.RNG, lambda float64) float64 {
	// ANCHOR: wgan_critic
	x, z := s.batch()
	fake := s.g.SampleFrom(z) // G(z), held fixed
	e := tensor.RandU(eps, 0, 1, s.cfg.BatchSize, 1)
	xHat := tensor.Add(tensor.Mul(e, x), tensor.Mul(tensor.AddScalar(tensor.Neg(e), 1), fake))
	w := autograd.Sub(autograd.Mean(s.d.Forward(autograd.Const(x))), autograd.Mean(s.d.Forward(autograd.Const(fake))))
	loss := autograd.Add(autograd.Neg(w), autograd.Scale(GradientPenalty(s.d.InputGradient(xHat)), lambda))
	s.optD.ZeroGrad()
	loss.Backward()
	s.optD.Step()
	// ANCHOR_END: wgan_critic
	return w.Item()
}

// validate reports the first setting that cannot train.
func (c WGANConfig) validate() error {
	if err := c.Ring.validate(); err != nil {
		return err
	}
	switch {
	case c.Critic < 1:
		return fmt.Errorf("gan: critic steps per generator step is %d, want at least 1", c.Critic)
	case !(c.Lambda >= 0):
		return fmt.Errorf("gan: penalty weight λ is %g, want a number ≥ 0", c.Lambda)
	case !(c.Beta1 >= 0 && c.Beta1 < 1) || !(c.Beta2 >= 0 && c.Beta2 < 1):
		return fmt.Errorf("gan: Adam's β = (%g, %g), want both in [0, 1)", c.Beta1, c.Beta2)
	}
	return nil
}
