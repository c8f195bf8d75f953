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

// Progress is what TrainDCGAN and TrainCGAN report after every step.
type Progress struct {
	Step, Steps  int     // the step just taken (from 1) and how many there are
	DLoss, GLoss float64 // the discriminator's and the generator's loss in this step
	DReal, DFake float64 // mean D(x) over the real digits and mean D(G(z)) over the generated ones, before D's update
	Seconds      float64 // wall time since training started
	// Winner and Fitness are, for an E-GAN, the mutation that survived
	// this step and every child's fitness; "" and nil otherwise.
	Winner  Mutation
	Fitness []Fitness
	// G and D are the networks being trained, as they are after this
	// step: save them to keep a checkpoint. Training goes on changing
	// them once progress returns.
	G *Generator
	D *Discriminator
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

// DCGANResult is a trained DCGAN, or conditional DCGAN, and what was
// measured along the way.
type DCGANResult struct {
	G *Generator
	D *Discriminator
	// DLoss, GLoss, DReal and DFake hold every step's Progress values.
	DLoss, GLoss, DReal, DFake []float64
	// Labels are the labels of the snapshots' samples (nil for DCGAN):
	// SnapshotSize/Classes of each digit in turn, 0, 1, ..., 9, 0, 1, ...
	Labels    []int
	Snapshots []Snapshot
	// Winners are, for an E-GAN, the mutation that survived each step.
	Winners   []Mutation
	Seconds   float64 // wall time of the training loop, snapshots included
	MsPerStep float64 // mean wall time of one step
}

// TrainDCGAN trains DCGAN's generator and discriminator on the digits of
// train (their labels are not used). progress, if not nil, is called after
// every step. The returned generator is in training mode; its Sample
// switches to evaluation mode by itself.
func TrainDCGAN(cfg MNISTConfig, train *data.Dataset, progress func(Progress)) (*DCGANResult, error) {
	return trainMNIST(cfg, 0, train, progress)
}

// TrainCGAN trains a conditional DCGAN on the digits of train and their
// labels: D learns to judge (digit, label) pairs, G to draw the digit it is
// asked for.
func TrainCGAN(cfg MNISTConfig, train *data.Dataset, progress func(Progress)) (*DCGANResult, error) {
	if train != nil && train.Labels == nil {
		return nil, fmt.Errorf("gan: a conditional GAN needs labelled digits")
	}
	return trainMNIST(cfg, 10, train, progress)
}

// mnistTrainer holds one GAN's networks, optimizers and data while it
// trains.
type mnistTrainer struct {
	cfg     MNISTConfig
	g       *Generator
	d       *Discriminator
	optG    *optim.Adam
	optD    *optim.Adam
	loader  *data.Loader
	rng     *tensor.RNG // noise and fake labels
	classes int
	evo     *Evolution // E-GAN's generator side; nil for DCGAN and cGAN
}

// newMNISTTrainer builds the networks (conditional ones when classes > 0)
// and their optimizers from cfg.Seed.
func newMNISTTrainer(cfg MNISTConfig, classes int, train *data.Dataset) (*mnistTrainer, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("gan: %w", err)
	}
	if train == nil || train.Dim() != Side*Side {
		return nil, fmt.Errorf("gan: the MNIST GANs train on 28×28 digits")
	}
	if train.Len() < cfg.BatchSize {
		return nil, fmt.Errorf("gan: %d training digits, fewer than one batch of %d", train.Len(), cfg.BatchSize)
	}
	rng := tensor.NewRNG(cfg.Seed)
	t := &mnistTrainer{
		cfg: cfg, classes: classes,
		g: newGenerator(cfg.ZDim, classes, cfg.Width, rng),
		d: newDiscriminator(classes, cfg.Width, rng),
	}
	t.optG, t.optD = newGANAdam(t.g, cfg), newGANAdam(t.d, cfg)
	t.loader = data.NewLoader(train, cfg.BatchSize, true, rng.Uint64())
	t.rng = tensor.NewRNG(rng.Uint64())
	return t, nil
}

// newGANAdam is Adam with the configuration's learning rate and betas.
func newGANAdam(m nn.Module, cfg MNISTConfig) *optim.Adam {
	opt := optim.NewAdam(nn.Values(m), cfg.LR)
	opt.Beta1, opt.Beta2 = cfg.Beta1, cfg.Beta2
	return opt
}

// nextReal returns the next full batch of real digits as [B, 1, 28, 28]
// in [-1, 1], and their labels, starting a new pass over the data when
// the current one runs out (a last, smaller batch is skipped).
func (t *mnistTrainer) nextReal() (*autograd.Value, []int) {
	x, labels, ok := t.loader.Next()
	if !ok || x.Shape[0] < t.cfg.BatchSize {
		t.loader.Reset()
		x, labels, _ = t.loader.Next()
	}
	if t.classes == 0 {
		labels = nil
	}
	return autograd.Const(ToTanhRange(x).Reshape(-1, 1, Side, Side)), labels
}

// noise draws a batch of z ~ N(0, I) and, for a conditional GAN, labels
// uniform over the classes.
func (t *mnistTrainer) noise(n int) (*autograd.Value, []int) {
	z := autograd.Const(tensor.RandN(t.rng, n, t.cfg.ZDim))
	if t.classes == 0 {
		return z, nil
	}
	labels := make([]int, n)
	for i := range labels {
		labels[i] = t.rng.Intn(t.classes)
	}
	return z, labels
}

// ANCHOR: train

// step takes one discriminator step and one generator step, as in
// Goodfellow et al.'s Algorithm 1 with k = 1, and the non-saturating loss
// for G:
//
//	D: descend -[log D(x) + log(1 - D(G(z)))]   on real x and fresh z
//	G: descend -log D(G(z))                      on another fresh z
//
// For a conditional GAN every D and G also takes the labels: real digits
// come with their own, generated ones with labels drawn uniformly.
func (t *mnistTrainer) step() Progress {
	b := t.cfg.BatchSize

	// The discriminator's step. G's samples are constants here (no graph
	// through G), so only D's weights get gradients.
	x, y := t.nextReal()
	z, yFake := t.noise(b)
	fake := t.g.ForwardLabels(autograd.NoGrad(z.Data), yFake).Data
	realLogits := t.d.ForwardLabels(x, y)
	fakeLogits := t.d.ForwardLabels(autograd.Const(fake), yFake)
	lossD := DiscriminatorLoss(realLogits, fakeLogits)
	t.optD.ZeroGrad()
	lossD.Backward()
	t.optD.Step()

	// The generator's step, through the just-updated D.
	z, yFake = t.noise(b)
	lossG := NonSaturatingGeneratorLoss(t.d.ForwardLabels(t.g.ForwardLabels(z, yFake), yFake))
	t.optG.ZeroGrad()
	lossG.Backward()
	t.optG.Step()

	return Progress{
		DLoss: lossD.Item(), GLoss: lossG.Item(),
		DReal: tensor.Mean(tensor.Sigmoid(realLogits.Data)),
		DFake: tensor.Mean(tensor.Sigmoid(fakeLogits.Data)),
	}
}

// ANCHOR_END: train

// trainMNIST builds a GAN (conditional when classes > 0) and trains it.
func trainMNIST(cfg MNISTConfig, classes int, train *data.Dataset, progress func(Progress)) (*DCGANResult, error) {
	t, err := newMNISTTrainer(cfg, classes, train)
	if err != nil {
		return nil, err
	}
	return t.run(progress), nil
}

// run takes cfg.Steps steps and the snapshots.
func (t *mnistTrainer) run(progress func(Progress)) *DCGANResult {
	cfg, classes := t.cfg, t.classes
	res := &DCGANResult{G: t.g, D: t.d}
	// The snapshots' noise comes from its own generator, so taking
	// snapshots or not leaves the training run unchanged.
	fixed := tensor.NewRNG(cfg.Seed ^ 0x5eed5eed)
	fixedZ := tensor.RandN(fixed, cfg.SnapshotSize, cfg.ZDim)
	if classes > 0 {
		res.Labels = snapshotLabels(cfg.SnapshotSize, classes)
	}
	snap := func(step int) {
		if cfg.SnapshotSize > 0 {
			res.Snapshots = append(res.Snapshots, Snapshot{Step: step, Images: t.g.sampleFrom(fixedZ, res.Labels)})
		}
	}
	snap(0)
	start := time.Now()
	for s := 1; s <= cfg.Steps; s++ {
		t.applySchedule(s)
		var p Progress
		if t.evo != nil {
			p = t.eganStep()
			res.Winners = append(res.Winners, p.Winner)
		} else {
			p = t.step()
		}
		p.Step, p.Steps, p.Seconds = s, cfg.Steps, time.Since(start).Seconds()
		p.G, p.D = t.g, t.d
		res.DLoss, res.GLoss = append(res.DLoss, p.DLoss), append(res.GLoss, p.GLoss)
		res.DReal, res.DFake = append(res.DReal, p.DReal), append(res.DFake, p.DFake)
		if cfg.Snapshots > 0 && s*cfg.Snapshots/cfg.Steps != (s-1)*cfg.Snapshots/cfg.Steps {
			snap(s)
		}
		if progress != nil {
			progress(p)
		}
	}
	res.Seconds = time.Since(start).Seconds()
	res.MsPerStep = 1000 * res.Seconds / float64(cfg.Steps)
	return res
}

// applySchedule sets every optimizer's learning rate for step s (from 1)
// as cfg.Schedule says; a constant schedule leaves them at LR.
func (t *mnistTrainer) applySchedule(s int) {
	if t.cfg.Schedule != "cosine" {
		return
	}
	lr := optim.ApplySchedule(t.optD, optim.WarmupCosine{Base: t.cfg.LR, Total: t.cfg.Steps}, s)
	t.optG.SetLR(lr)
	if t.evo != nil {
		t.evo.SetLR(lr)
	}
}

// snapshotLabels are n labels cycling through the classes in blocks of
// n/classes: with n = 100 and 10 classes, ten 0s, ten 1s, ..., so that a
// grid of 10 columns shows one digit per row.
func snapshotLabels(n, classes int) []int {
	per := n / classes
	if per < 1 {
		per = 1
	}
	labels := make([]int, n)
	for i := range labels {
		labels[i] = (i / per) % classes
	}
	return labels
}
