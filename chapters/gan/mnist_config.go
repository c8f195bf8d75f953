package gan

import (
	"fmt"
	"math"
)

// MNISTConfig says how a DCGAN or a conditional DCGAN is trained on MNIST.
// The same configuration and data give the same run, bit for bit, on the
// same machine.
type MNISTConfig struct {
	// Steps is the number of training steps; each updates D once, on a
	// batch of real digits and a batch of G's samples, then G once.
	Steps int
	// BatchSize is the number of real digits, and of generated ones, per
	// step. The DCGAN paper used 128; on a CPU a step costs in proportion
	// to the batch, and more, smaller steps do better in the same time.
	BatchSize int
	// LR, Beta1 and Beta2 are Adam's settings for both networks.
	// Radford et al. found Adam's default β1 = 0.9 made training oscillate
	// and unstable, and used β1 = 0.5 with lr = 2e-4. Their lr is for runs
	// of tens of thousands of steps; in the few thousand a CPU affords, a
	// larger one gets much further (see DefaultDCGANConfig).
	LR, Beta1, Beta2 float64
	// Cosine, if set, decays the learning rate from LR to 0 along half a
	// cosine over the Steps (optim.WarmupCosine without warmup), as the
	// ring's GAN does. The chapter's runs keep it off: on digits the
	// decay did worse than the constant rate it started from.
	Cosine bool
	// ZDim is the dimension of the noise z ~ N(0, I).
	ZDim int
	// Width is the base number of channels w: the generator has 2w
	// channels at 7×7 and w at 14×14, the discriminator w at 14×14 and 2w
	// at 7×7. It sets both the quality and the cost of a step.
	Width int
	// Snapshots is how many times, evenly spaced over training, the
	// generator draws SnapshotSize samples from the same fixed noise (and
	// labels), so that one can watch the same z become a digit. One more
	// snapshot is taken before the first step.
	Snapshots, SnapshotSize int
	// Seed fixes the initial weights, the order of the digits and the noise.
	Seed uint64
}

// ANCHOR: config
// DefaultDCGANConfig is the chapter's DCGAN run: 4,000 steps of 32 digits
// (about 2.1 passes over the 60,000 training digits) with lr = 2e-3 and
// β1 = 0.5. The learning rate is ten times the paper's because a CPU run
// stops after a few thousand steps, where a larger rate had got much
// further and decaying it had not helped; the batch is a quarter of the
// paper's because twice as many steps of half the batch, at the same
// cost, had done better. The chapter's text gives the measurements and
// the commands that repeat them.
func DefaultDCGANConfig() MNISTConfig {
	return MNISTConfig{
		Steps: 4000, BatchSize: 32, LR: 2e-3, Beta1: 0.5, Beta2: 0.999,
		ZDim: 64, Width: 32, Snapshots: 10, SnapshotSize: 64, Seed: 1,
	}
}

// ANCHOR_END: config

// DefaultCGANConfig is the chapter's conditional DCGAN run: the DCGAN
// settings, with snapshots of ten samples of each digit.
func DefaultCGANConfig() MNISTConfig {
	cfg := DefaultDCGANConfig()
	cfg.SnapshotSize = 100
	return cfg
}

// validate reports the first setting that cannot train.
func (c MNISTConfig) validate() error {
	switch {
	case c.Steps < 1:
		return fmt.Errorf("steps is %d, want at least 1", c.Steps)
	case c.BatchSize < 2:
		return fmt.Errorf("batch size is %d, want at least 2 (BatchNorm needs a batch)", c.BatchSize)
	case !(c.LR > 0) || math.IsInf(c.LR, 1):
		return fmt.Errorf("learning rate is %g, want a number > 0", c.LR)
	case !(c.Beta1 >= 0 && c.Beta1 < 1) || !(c.Beta2 >= 0 && c.Beta2 < 1):
		return fmt.Errorf("Adam's betas are %g and %g, want numbers in [0, 1)", c.Beta1, c.Beta2)
	case c.ZDim < 1:
		return fmt.Errorf("noise dimension is %d, want at least 1", c.ZDim)
	case c.Width < 1:
		return fmt.Errorf("width is %d, want at least 1", c.Width)
	case c.Snapshots < 0 || c.SnapshotSize < 0:
		return fmt.Errorf("snapshots %d of %d samples, want 0 or more of each", c.Snapshots, c.SnapshotSize)
	}
	return nil
}
