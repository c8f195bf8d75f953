package gan

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// MNISTEGANConfig describes an E-GAN on MNIST with DCGAN's networks.
type MNISTEGANConfig struct {
	// MNIST holds the networks' sizes, Adam's settings, the steps and the
	// seed, as for DCGAN; the same MNIST config and seed start E-GAN from
	// the same networks and feed it the same digits.
	MNIST MNISTConfig
	// Mutations are the ways a child may be bred; all three by default.
	Mutations []Mutation
	// Gamma is γ in the fitness F = F_q + γ·F_d.
	Gamma float64
}

// DefaultMNISTEGANConfig is DefaultDCGANConfig evolved with all three
// mutations for 1,000 steps: a step breeds and scores three children, so
// it costs about four of DCGAN's, and 1,000 steps take about as long as
// DCGAN's default run.
func DefaultMNISTEGANConfig() MNISTEGANConfig {
	cfg := DefaultDCGANConfig()
	cfg.Steps = 1000
	return MNISTEGANConfig{MNIST: cfg, Mutations: Mutations(), Gamma: mnistGamma}
}

// mnistGamma is γ for MNIST. Between the children of one parent, F_q
// differed by 0.034 and F_d by 0.088 (medians over a 1,000-step run,
// measured): γ = 0.2 gives the two terms about equal say.
const mnistGamma = 0.2

// TrainMNISTEGAN trains an E-GAN on the digits of train with DCGAN's
// generator and discriminator. Each step, as on the ring,
//
//  1. evolves G one generation (Evolution.Step) on a real batch x: one
//     child per mutation, the fittest survives;
//  2. updates D on L_D with x against the survivor's samples.
//
// The result's GLoss is the survivor's -E_z[log D(G(z))], comparable with
// DCGAN's, and Winners says which mutation survived each step.
func TrainMNISTEGAN(cfg MNISTEGANConfig, train *data.Dataset, progress func(Progress)) (*DCGANResult, error) {
	if err := checkEvolution(cfg.Mutations, cfg.Gamma); err != nil {
		return nil, err
	}
	t, err := newMNISTTrainer(cfg.MNIST, 0, train)
	if err != nil {
		return nil, err
	}
	t.evo = NewEvolution(t.g, t.d, cfg.Mutations, cfg.MNIST.LR, cfg.Gamma)
	for _, o := range t.evo.opts {
		o.Beta1, o.Beta2 = cfg.MNIST.Beta1, cfg.MNIST.Beta2
	}
	return t.run(progress), nil
}

// ANCHOR: egan_mnist

// eganStep is one E-GAN step: a generation of G, then D's update.
func (t *mnistTrainer) eganStep() Progress {
	b := t.cfg.BatchSize
	x, _ := t.nextReal()
	z, _ := t.noise(b)
	zEval, _ := t.noise(b)
	gen := t.evo.Step(z.Data, zEval.Data, x.Data)

	realLogits := t.d.Forward(x)
	fakeLogits := t.d.Forward(autograd.Const(gen.Samples))
	lossD := DiscriminatorLoss(realLogits, fakeLogits)
	t.optD.ZeroGrad()
	lossD.Backward()
	t.optD.Step()
	return Progress{
		DLoss: lossD.Item(), GLoss: gen.GLoss,
		DReal:  tensor.Mean(tensor.Sigmoid(realLogits.Data)),
		DFake:  tensor.Mean(tensor.Sigmoid(fakeLogits.Data)),
		Winner: gen.Winner, Fitness: gen.Fitness,
	}
}

// ANCHOR_END: egan_mnist
