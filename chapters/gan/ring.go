package gan

import (
	"fmt"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// RingConfig describes a GAN on the ring of eight Gaussians and how it is
// trained.
type RingConfig struct {
	// Steps is the number of training steps, each one discriminator update
	// and one generator update on fresh batches.
	Steps int
	// BatchSize is the number of real and of generated points per step.
	BatchSize int
	// LR is Adam's learning rate for both networks, with β1 = 0.5 and
	// β2 = 0.999 as in DCGAN (Radford et al. 2016): a first moment that
	// forgets faster follows an opponent that keeps moving.
	LR float64
	// MinLR is where the learning rate ends: it falls from LR along half
	// a cosine to MinLR at the last step (optim.WarmupCosine without
	// warmup), so that the samples settle instead of circling the modes
	// at the scale of the last steps. MinLR = LR keeps the rate constant.
	MinLR float64
	// ZDim is the dimension of the noise z ~ N(0, I).
	ZDim int
	// Hidden lists the widths of the hidden layers of both networks.
	Hidden []int
	// Loss is the generator's loss: "nonsaturating" (-log D(G(z)), what
	// Goodfellow et al. train with), "minimax" (log(1 - D(G(z))), the
	// game as written) or "least-squares" ((D(G(z)) - 1)²).
	Loss string
	// Seed fixes the initial weights, the data and the noise.
	Seed uint64
	// SnapshotEvery is the number of steps between two snapshots of the
	// generator's samples (0: only at the start and the end).
	SnapshotEvery int
	// SnapshotSamples is the number of points in each snapshot, drawn
	// from the same noise every time.
	SnapshotSamples int
}

// DefaultRingConfig is the chapter's configuration.
func DefaultRingConfig() RingConfig {
	return RingConfig{
		Steps: 2500, BatchSize: 64, LR: 3e-3, MinLR: 1e-4, ZDim: 8, Hidden: []int{64, 64},
		Loss: "nonsaturating", Seed: 1, SnapshotEvery: 500, SnapshotSamples: 1000,
	}
}

// RingProgress is what training reports after every step.
type RingProgress struct {
	Step, Steps  int      // the step just done (from 1) and how many there are
	DLoss, GLoss float64  // the discriminator's and the generator's loss at this step
	Winner       Mutation // E-GAN only: the mutation whose child survived this step
}

// RingSnapshot is the generator's samples at one point of training.
type RingSnapshot struct {
	Step    int            // steps done when it was taken (0: before training)
	Samples *tensor.Tensor // [SnapshotSamples, 2], from the same noise at every snapshot
}

// RingResult is a trained ring GAN and what was recorded along the way.
type RingResult struct {
	G         *RingGenerator
	D         *RingDiscriminator
	DLoss     []float64      // the discriminator loss L_D of every step
	GLoss     []float64      // the generator loss of every step (E-GAN: the survivor's)
	Snapshots []RingSnapshot // samples over training, for the chapter's figure
	Winners   []Mutation     // E-GAN only: the mutation that survived each step
	Fitness   [][]Fitness    // E-GAN only: every child's fitness at each step
	MsPerStep float64        // mean wall time of one step
}

// Coverage measures n samples of the trained generator, drawn from seed,
// against the ring's modes (see metrics.ModeCoverage).
func (r *RingResult) Coverage(n int, seed uint64) metrics.Coverage {
	return metrics.ModeCoverage(r.G.Sample(n, seed), metrics.RingCentres(RingModes, RingRadius), RingStd)
}

// TrainRing trains a GAN on data.Ring(·, 8, 2, 0.02, ·). Each step draws a
// fresh batch of real points x and of noise z, sets both optimizers'
// learning rate from its cosine schedule (LR down to MinLR), then
//
//  1. updates D on L_D = -E_x[log D(x)] - E_z[log(1 - D(G(z)))], with
//     G(z) held fixed (detached);
//  2. updates G on its loss (cfg.Loss) of D(G(z)), through the
//     discriminator just updated.
//
// progress, if not nil, is called after every step. The same cfg gives the
// same result, bit for bit, on the same machine.
func TrainRing(cfg RingConfig, progress func(RingProgress)) (*RingResult, error) {
	lossG, err := ringGeneratorLoss(cfg.Loss)
	if err != nil {
		return nil, err
	}
	return trainRing(cfg, lossG, progress)
}

// trainRing is TrainRing with the generator's loss given as a function, so
// that a test can hand it a broken one.
func trainRing(cfg RingConfig, lossG func(fakeLogits *autograd.Value) *autograd.Value, progress func(RingProgress)) (*RingResult, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	s := newRingSetup(cfg)
	res := &RingResult{G: s.g, D: s.d}
	res.Snapshots = append(res.Snapshots, RingSnapshot{Step: 0, Samples: s.g.SampleFrom(s.zSnap)})
	start := time.Now()
	// ANCHOR: ring_train
	for step := 1; step <= cfg.Steps; step++ {
		x, z := s.batch()
		optim.ApplySchedule(s.optG, s.schedule, step)
		optim.ApplySchedule(s.optD, s.schedule, step)

		// 1. The discriminator, against samples it cannot change.
		fake := s.g.Forward(autograd.Const(z))
		lossD := DiscriminatorLoss(s.d.Forward(autograd.Const(x)), s.d.Forward(fake.Detach()))
		s.optD.ZeroGrad()
		lossD.Backward()
		s.optD.Step()

		// 2. The generator, through the updated discriminator. Backward
		// also leaves gradients on D's weights; step 1 of the next step
		// clears them before they could be used.
		lg := lossG(s.d.Forward(fake))
		s.optG.ZeroGrad()
		lg.Backward()
		s.optG.Step()

		res.DLoss = append(res.DLoss, lossD.Item())
		res.GLoss = append(res.GLoss, lg.Item())
		s.snapshot(res, step)
		if progress != nil {
			progress(RingProgress{Step: step, Steps: cfg.Steps, DLoss: lossD.Item(), GLoss: lg.Item()})
		}
	}
	// ANCHOR_END: ring_train
	res.MsPerStep = optim.MsPerStep(time.Since(start), cfg.Steps)
	return res, nil
}

// ringSetup is what a ring GAN's training loop starts from: the two
// networks, their optimizers, and the random streams, all from cfg.Seed.
type ringSetup struct {
	cfg        RingConfig
	g          *RingGenerator
	d          *RingDiscriminator
	optG, optD *optim.Adam
	schedule   optim.WarmupCosine
	data, z    *tensor.RNG    // where batches of data and noise come from
	zSnap      *tensor.Tensor // the fixed noise of every snapshot
}

func newRingSetup(cfg RingConfig) *ringSetup {
	rng := tensor.NewRNG(cfg.Seed)
	s := &ringSetup{cfg: cfg}
	s.g = NewRingGenerator(cfg.ZDim, cfg.Hidden, rng)
	s.d = NewRingDiscriminator(cfg.Hidden, rng)
	s.optG, s.optD = ringAdam(s.g, cfg.LR), ringAdam(s.d, cfg.LR)
	s.schedule = optim.WarmupCosine{Base: cfg.LR, Min: cfg.MinLR, Total: cfg.Steps}
	s.data, s.z = tensor.NewRNG(rng.Uint64()), tensor.NewRNG(rng.Uint64())
	s.zSnap = tensor.RandN(tensor.NewRNG(rng.Uint64()), cfg.SnapshotSamples, cfg.ZDim)
	return s
}

// ringAdam is Adam with DCGAN's β1 = 0.5 for m's trainable tensors.
func ringAdam(m nn.Module, lr float64) *optim.Adam {
	opt := optim.NewAdam(nn.Values(m), lr)
	opt.Beta1 = 0.5
	return opt
}

// batch draws the next real points x [B, 2] and noise z [B, ZDim].
func (s *ringSetup) batch() (x, z *tensor.Tensor) {
	x, _ = data.Ring(s.cfg.BatchSize, RingModes, RingRadius, RingStd, s.data.Uint64())
	return x, tensor.RandN(s.z, s.cfg.BatchSize, s.cfg.ZDim)
}

// snapshot records the generator's samples after step if one is due.
func (s *ringSetup) snapshot(res *RingResult, step int) {
	if step == s.cfg.Steps || (s.cfg.SnapshotEvery > 0 && step%s.cfg.SnapshotEvery == 0) {
		res.Snapshots = append(res.Snapshots, RingSnapshot{Step: step, Samples: s.g.SampleFrom(s.zSnap)})
	}
}

// ringGeneratorLoss maps RingConfig.Loss to a generator loss.
func ringGeneratorLoss(name string) (func(*autograd.Value) *autograd.Value, error) {
	switch name {
	case "nonsaturating":
		return NonSaturatingGeneratorLoss, nil
	case "minimax":
		return MinimaxGeneratorLoss, nil
	case "least-squares":
		return LeastSquaresGeneratorLoss, nil
	}
	return nil, fmt.Errorf("gan: loss is %q, want \"nonsaturating\", \"minimax\" or \"least-squares\"", name)
}

// validate reports the first setting that cannot train.
func (c RingConfig) validate() error {
	switch {
	case c.Steps < 1:
		return fmt.Errorf("gan: steps is %d, want at least 1", c.Steps)
	case c.BatchSize < 1:
		return fmt.Errorf("gan: batch size is %d, want at least 1", c.BatchSize)
	case !(c.LR > 0):
		return fmt.Errorf("gan: learning rate is %g, want a number > 0", c.LR)
	case !(c.MinLR >= 0 && c.MinLR <= c.LR):
		return fmt.Errorf("gan: final learning rate is %g, want a number in [0, LR = %g]", c.MinLR, c.LR)
	case c.ZDim < 1:
		return fmt.Errorf("gan: noise dimension is %d, want at least 1", c.ZDim)
	case c.SnapshotEvery < 0:
		return fmt.Errorf("gan: snapshot interval is %d steps, want 0 (start and end only) or more", c.SnapshotEvery)
	case c.SnapshotSamples < 1:
		return fmt.Errorf("gan: samples per snapshot is %d, want at least 1", c.SnapshotSamples)
	}
	for i, h := range c.Hidden {
		if h < 1 {
			return fmt.Errorf("gan: width of hidden layer %d is %d, want at least 1", i, h)
		}
	}
	return nil
}
