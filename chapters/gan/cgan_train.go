package gan

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// CGANResult is a trained conditional DCGAN and what was measured along
// the way.
type CGANResult struct {
	G *ConditionalGenerator
	D *ConditionalDiscriminator
	// Labels are the labels of the snapshots' samples: SnapshotSize/10 of
	// each digit in turn, 0, 1, ..., 9, 0, 1, ...
	Labels []int
	History
}

// TrainCGAN trains a conditional DCGAN on the digits of train and their
// labels: D learns to judge (digit, label) pairs, G to draw the digit it is
// asked for. It is TrainDCGAN with the labels passed to both networks.
func TrainCGAN(cfg MNISTConfig, train *data.Dataset, progress func(Progress)) (*CGANResult, error) {
	if train != nil && train.Labels == nil {
		return nil, fmt.Errorf("gan: a conditional GAN needs labelled digits")
	}
	if err := checkDigitRun(cfg, train); err != nil {
		return nil, err
	}
	t := newCGAN(cfg, train)
	res := &CGANResult{G: t.g, D: t.d, Labels: snapshotLabels(cfg.SnapshotSize, mnistClasses)}
	sample := func(z *tensor.Tensor) *tensor.Tensor { return t.g.sampleFrom(z, res.Labels) }
	res.History = trainSteps(cfg, t.g, t.d, t.step, sample, progress)
	return res, nil
}

// cgan is a conditional DCGAN in training, as dcgan is a DCGAN.
type cgan struct {
	g          *ConditionalGenerator
	d          *ConditionalDiscriminator
	optG, optD optim.Optimizer
	feed       *digitFeed
}

// newCGAN builds the networks, their optimizers and the feed, all from
// cfg.Seed, as newDCGAN does.
func newCGAN(cfg MNISTConfig, train *data.Dataset) *cgan {
	rng := tensor.NewRNG(cfg.Seed)
	g := NewConditionalGenerator(cfg.ZDim, mnistClasses, cfg.Width, rng)
	d := NewConditionalDiscriminator(mnistClasses, cfg.Width, rng)
	return &cgan{g: g, d: d, optG: ganAdam(g, cfg), optD: ganAdam(d, cfg), feed: newDigitFeed(cfg, train, rng)}
}

// step is DCGAN's step with labels: real digits x come with their own
// labels y, generated ones with labels drawn uniformly,
//
//	D: descend -[log D(x, y) + log(1 - D(G(z, y'), y'))]
//	G: descend -log D(G(z, y'), y')
func (t *cgan) step() Progress {
	x, y := t.feed.real()
	z := autograd.NoGrad(t.feed.noise())
	yFake := t.feed.labels(t.g.Classes)
	fake := t.g.Forward(z, yFake).Data
	realLogits, fakeLogits := t.d.Forward(x, y), t.d.Forward(autograd.Const(fake), yFake)
	lossD := DiscriminatorLoss(realLogits, fakeLogits)
	t.optD.ZeroGrad()
	lossD.Backward()
	t.optD.Step()

	z = autograd.Const(t.feed.noise())
	yFake = t.feed.labels(t.g.Classes)
	lossG := NonSaturatingGeneratorLoss(t.d.Forward(t.g.Forward(z, yFake), yFake))
	t.optG.ZeroGrad()
	lossG.Backward()
	t.optG.Step()

	return Progress{
		DLoss: lossD.Item(), GLoss: lossG.Item(),
		DReal: meanD(realLogits), DFake: meanD(fakeLogits),
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
