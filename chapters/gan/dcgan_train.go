package gan

import (
	"fmt"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// DCGANResult is a trained DCGAN and what was measured along the way.
type DCGANResult struct {
	G *Generator
	D *Discriminator
	History
}

// TrainDCGAN trains DCGAN's generator and discriminator on the digits of
// train (their labels are not used). progress, if not nil, is called after
// every step. The returned generator is in training mode; its Sample
// switches to evaluation mode by itself.
func TrainDCGAN(cfg MNISTConfig, train *data.Dataset, progress func(Progress)) (*DCGANResult, error) {
	t, err := newDCGAN(cfg, train)
	if err != nil {
		return nil, err
	}
	res := &DCGANResult{G: t.g, D: t.d}
	res.History = trainSteps(cfg, t.g, t.d, t.step, t.g.sampleFrom, progress)
	return res, nil
}

// dcgan is a DCGAN in training: the two networks, their optimizers, and
// the digits and noise they are fed.
type dcgan struct {
	g          *Generator
	d          *Discriminator
	optG, optD optim.Optimizer
	feed       *digitFeed
}

// newDCGAN builds the networks, their optimizers and the feed, all from
// cfg.Seed.
func newDCGAN(cfg MNISTConfig, train *data.Dataset) (*dcgan, error) {
	if err := checkDigitRun(cfg, train); err != nil {
		return nil, err
	}
	rng := tensor.NewRNG(cfg.Seed)
	g := NewGenerator(cfg.ZDim, cfg.Width, rng)
	d := NewDiscriminator(cfg.Width, rng)
	return &dcgan{g: g, d: d, optG: ganAdam(g, cfg), optD: ganAdam(d, cfg), feed: newDigitFeed(cfg, train, rng)}, nil
}

// ganAdam is Adam with the configuration's learning rate and betas, and
// its cosine decay if it asks for one.
func ganAdam(m nn.Module, cfg MNISTConfig) optim.Optimizer {
	opt := optim.NewAdam(nn.Values(m), cfg.LR)
	opt.Beta1, opt.Beta2 = cfg.Beta1, cfg.Beta2
	if cfg.Cosine {
		return optim.WithSchedule(opt, optim.WarmupCosine{Base: cfg.LR, Min: 0, Total: cfg.Steps})
	}
	return opt
}

// ANCHOR: train

// step takes one discriminator step and one generator step, as in
// Goodfellow et al.'s Algorithm 1 with k = 1, and the non-saturating loss
// for G:
//
//	D: descend -[log D(x) + log(1 - D(G(z)))]   on real x and fresh z
//	G: descend -log D(G(z))                      on another fresh z
func (t *dcgan) step() Progress {
	// The discriminator's step. G's samples are drawn from a no-grad
	// leaf (no graph through G) and enter D as constants, so only D's
	// weights get gradients.
	x, _ := t.feed.real()
	fake := t.g.Forward(autograd.NoGrad(t.feed.noise())).Data
	realLogits, fakeLogits := t.d.Forward(x), t.d.Forward(autograd.Const(fake))
	lossD := DiscriminatorLoss(realLogits, fakeLogits)
	t.optD.ZeroGrad()
	lossD.Backward()
	t.optD.Step()

	// The generator's step, through the just-updated D.
	z := autograd.Const(t.feed.noise())
	lossG := NonSaturatingGeneratorLoss(t.d.Forward(t.g.Forward(z)))
	t.optG.ZeroGrad()
	lossG.Backward()
	t.optG.Step()

	return Progress{
		DLoss: lossD.Item(), GLoss: lossG.Item(),
		DReal: meanD(realLogits), DFake: meanD(fakeLogits),
	}
}

// ANCHOR_END: train

// meanD is the mean of D = σ(s) over a batch's logits s.
func meanD(logits *autograd.Value) float64 { return tensor.Mean(tensor.Sigmoid(logits.Data)) }

// Progress is what the digit GANs' training reports after every step.
type Progress struct {
	Step, Steps  int     // the step just taken (from 1) and how many there are
	DLoss, GLoss float64 // the discriminator's and the generator's loss in this step
	DReal, DFake float64 // mean D(x) over the real digits and mean D(G(z)) over the generated ones, before D's update
	Seconds      float64 // wall time since training started
	// G and D are the networks being trained, as they are after this
	// step: save them to keep a checkpoint. Training goes on changing
	// them once progress returns.
	G, D nn.Module
	// Winner and Fitness are, for an E-GAN, the mutation that survived
	// this step and every child's fitness; "" and nil otherwise.
	Winner  Mutation
	Fitness []Fitness
}

// String formats p as one line of a training log.
func (p Progress) String() string {
	return fmt.Sprintf("step %d/%d  loss D %.3f G %.3f  D(x) %.3f  D(G(z)) %.3f  %.0fs",
		p.Step, p.Steps, p.DLoss, p.GLoss, p.DReal, p.DFake, p.Seconds)
}

// Snapshot is the generator's samples from the run's fixed noise (and
// labels) after Step steps, drawn in evaluation mode: [n, 784] in [0, 1].
type Snapshot struct {
	Step   int
	Images *tensor.Tensor
}

// History is what a digit GAN's training measured along the way.
type History struct {
	// DLoss, GLoss, DReal and DFake hold every step's Progress values.
	DLoss, GLoss, DReal, DFake []float64
	Snapshots                  []Snapshot
	Seconds                    float64 // wall time of the training loop, snapshots included
	MsPerStep                  float64 // mean wall time of one step
}

// trainSteps takes cfg.Steps steps of a digit GAN whose networks are g
// and d, each by calling step, and records them. Snapshots are drawn by
// sample from noise fixed for the run, before the first step and
// cfg.Snapshots times evenly spaced over training.
func trainSteps(cfg MNISTConfig, g, d nn.Module, step func() Progress, sample func(z *tensor.Tensor) *tensor.Tensor, progress func(Progress)) History {
	var h History
	// The snapshots' noise comes from its own generator, so taking
	// snapshots or not leaves the training run unchanged.
	fixedZ := tensor.RandN(tensor.NewRNG(cfg.Seed^0x5eed5eed), cfg.SnapshotSize, cfg.ZDim)
	snap := func(s int) {
		if cfg.SnapshotSize > 0 {
			h.Snapshots = append(h.Snapshots, Snapshot{Step: s, Images: sample(fixedZ)})
		}
	}
	snap(0)
	start := time.Now()
	for s := 1; s <= cfg.Steps; s++ {
		p := step()
		p.Step, p.Steps, p.Seconds = s, cfg.Steps, time.Since(start).Seconds()
		p.G, p.D = g, d
		h.DLoss, h.GLoss = append(h.DLoss, p.DLoss), append(h.GLoss, p.GLoss)
		h.DReal, h.DFake = append(h.DReal, p.DReal), append(h.DFake, p.DFake)
		if cfg.Snapshots > 0 && s*cfg.Snapshots/cfg.Steps != (s-1)*cfg.Snapshots/cfg.Steps {
			snap(s)
		}
		if progress != nil {
			progress(p)
		}
	}
	elapsed := time.Since(start)
	h.Seconds, h.MsPerStep = elapsed.Seconds(), optim.MsPerStep(elapsed, cfg.Steps)
	return h
}
