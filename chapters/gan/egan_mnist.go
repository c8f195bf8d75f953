package gan

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
)

// MNISTEGANConfig describes an E-GAN on MNIST with DCGAN's networks.
type MNISTEGANConfig struct {
	// MNIST holds the networks' sizes, Adam's settings, the steps and the
	// seed, as for DCGAN; the same MNIST config and seed start E-GAN from
	// the same networks and feed it the same digits.
	MNIST MNISTConfig
	// Mutations are the ways a child may be bred; all three by default.
	Mutations []Mutation
	// Gamma is γ in the fitness F = F_q + γ·F_d. On digits the two terms
	// differ between the children of a parent on other scales than on the
	// ring (FitnessSpread measures them, and the chapter quotes it);
	// γ = 0.2 gives them about equal say.
	Gamma float64
}

// DefaultMNISTEGANConfig is DefaultDCGANConfig evolved with all three
// mutations for 1,000 steps: a step breeds and scores three children, so
// it costs several of DCGAN's, and 1,000 steps take about as long as
// DCGAN's default run.
func DefaultMNISTEGANConfig() MNISTEGANConfig {
	cfg := DefaultDCGANConfig()
	cfg.Steps = 1000
	return MNISTEGANConfig{MNIST: cfg, Mutations: Mutations(), Gamma: 0.2}
}

// MNISTEGANResult is a trained E-GAN on MNIST: a DCGAN's result, which
// mutation survived each step, and every child's fitness at each step.
type MNISTEGANResult struct {
	DCGANResult
	Winners []Mutation
	Fitness [][]Fitness
}

// TrainMNISTEGAN trains an E-GAN on the digits of train: DCGAN's
// networks, optimizers and data, with the generator's step replaced by a
// generation of evolution. Each step, as on the ring,
//
//  1. evolves G one generation (Evolution.Step) on a real batch x: one
//     child per mutation, the fittest survives;
//  2. updates D on L_D with x against the survivor's samples.
//
// The result's GLoss is the survivor's -E_z[log D(G(z))], comparable with
// DCGAN's, and Winners says which mutation survived each step.
func TrainMNISTEGAN(cfg MNISTEGANConfig, train *data.Dataset, progress func(Progress)) (*MNISTEGANResult, error) {
	if err := checkEvolution(cfg.Mutations, cfg.Gamma); err != nil {
		return nil, err
	}
	if cfg.MNIST.Cosine {
		return nil, fmt.Errorf("gan: the MNIST E-GAN keeps a constant learning rate; unset Cosine")
	}
	t, err := newDCGAN(cfg.MNIST, train)
	if err != nil {
		return nil, err
	}
	evo := NewEvolution(t.g, t.d, cfg.Mutations, cfg.MNIST.LR, cfg.Gamma)
	for _, o := range evo.opts {
		o.Beta1, o.Beta2 = cfg.MNIST.Beta1, cfg.MNIST.Beta2
	}
	res := &MNISTEGANResult{DCGANResult: DCGANResult{G: t.g, D: t.d}}
	step := func() Progress {
		p := t.evolutionStep(evo)
		res.Winners = append(res.Winners, p.Winner)
		res.Fitness = append(res.Fitness, p.Fitness)
		return p
	}
	res.History = trainSteps(cfg.MNIST, t.g, t.d, step, t.g.sampleFrom, progress)
	return res, nil
}

// ANCHOR: egan_mnist

// evolutionStep is one E-GAN step: a generation of G, then D's update.
func (t *dcgan) evolutionStep(evo *Evolution) Progress {
	x, _ := t.feed.real()
	z, zEval := t.feed.noise(), t.feed.noise()
	gen := evo.Step(z, zEval, x.Data)

	realLogits, fakeLogits := t.d.Forward(x), t.d.Forward(autograd.Const(gen.Samples))
	lossD := DiscriminatorLoss(realLogits, fakeLogits)
	t.optD.ZeroGrad()
	lossD.Backward()
	t.optD.Step()
	return Progress{
		DLoss: lossD.Item(), GLoss: gen.GLoss,
		DReal: meanD(realLogits), DFake: meanD(fakeLogits),
		Winner: gen.Winner, Fitness: gen.Fitness,
	}
}

// ANCHOR_END: egan_mnist
