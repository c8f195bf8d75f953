package vae

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// The two architectures a Config can ask for.
const (
	ArchMLP  = "mlp"  // the PyTorch examples' fully connected VAE (MLP)
	ArchConv = "conv" // the convolutional VAE (Conv)
)

// Config says how a VAE is trained on MNIST. Its defaults are the PyTorch
// examples' VAE (pytorch/examples, vae/main.py), setting for setting; the
// same Config and data give the same run, bit for bit, on the same
// machine.
type Config struct {
	// Arch is the model: ArchMLP (also the empty string) or ArchConv.
	Arch string
	// Hidden is the width of the MLP's encoder and decoder hidden ReLU
	// layer (400, the example's fc1 and fc3), Latent the size J of z (20,
	// its fc21 and fc22). How many of the dimensions a trained model uses,
	// rather than leaving them at the prior (KL ≈ 0), depends on β: the
	// chapter measures it (ActiveDims).
	Hidden, Latent int
	// Width is the channels of Conv's first convolution (32; the second
	// has twice as many). The MLP ignores it.
	Width int
	// Epochs is the number of passes over the training set: 7, so that
	// the chapter compares its test loss (-ELBO per digit) with the
	// epoch-7 line of a log published with the PyTorch example (whose own
	// default is 10 epochs).
	Epochs int
	// BatchSize is the number of digits per step (128, the example's
	// --batch-size). The digits are reshuffled every epoch and the last
	// batch keeps the remainder, 60,000 = 468·128 + 96, as the example's
	// DataLoader(shuffle=True) does (drop_last is False by default). The
	// loss is the batch's sum, not its mean, as in the example; Adam
	// divides its steps by the gradient's running scale, so this hardly
	// changes the updates.
	BatchSize int
	// LR is Adam's learning rate, 1e-3, constant, as the example's
	// optim.Adam(lr=1e-3), with PyTorch's defaults β₁ = 0.9, β₂ = 0.999,
	// eps = 1e-8 and no weight decay (optim.NewAdam's).
	LR float64
	// Beta weighs the KL term: 1 is the VAE, β > 1 a β-VAE (Higgins et al.
	// 2017). The test loss is always the β = 1 bound.
	Beta float64
	// Warmup is the number of steps over which the KL term's weight rises
	// linearly from 0 to Beta (KL annealing: Bowman et al. 2016, Sønderby
	// et al. 2016), so that the decoder learns to use the code before the
	// KL term can pull each dimension back to the prior; 0 starts at Beta.
	Warmup int
	// Seed fixes the initial weights, the order of the digits and the
	// noise ε.
	Seed uint64
}

// DefaultConfig is the PyTorch examples' VAE: 784-400-20 encoder,
// 20-400-784 decoder, batches of 128, Adam at 1e-3, β = 1, 7 epochs,
// seed 1. Every setting is the example's, so that its test loss compares
// with the example's and with bench/vae_train.py, the same network and
// settings in PyTorch; the chapter's results show what each side
// measures, beside the commands that measure it.
//
// What still differs from the example is not configuration: this code
// computes in float64, not float32; its cross-entropy is computed from
// the logits, exactly, where the example's binary_cross_entropy takes
// σ's rounded output and clamps each log at -100; and its random numbers
// are its own. The chapter measures which of these shows in the result.
func DefaultConfig() Config {
	return Config{Arch: ArchMLP, Hidden: 400, Latent: 20, Width: 32, Epochs: 7, BatchSize: 128, LR: 1e-3, Beta: 1, Seed: 1}
}

// ConvConfig is DefaultConfig with the convolutional VAE (Conv, base width
// 32, latent 20) in place of the MLP: the same data, loss, optimiser,
// batches and epochs, so that any difference in the two test losses is
// the networks'.
func ConvConfig() Config {
	c := DefaultConfig()
	c.Arch = ArchConv
	return c
}

// validate reports the first setting that cannot train.
func (c Config) validate() error {
	switch {
	case c.Arch != "" && c.Arch != ArchMLP && c.Arch != ArchConv:
		return fmt.Errorf("architecture is %q, want %q or %q", c.Arch, ArchMLP, ArchConv)
	case c.Latent < 1:
		return fmt.Errorf("latent size is %d, want at least 1", c.Latent)
	case c.Arch == ArchConv && c.Width < 1:
		return fmt.Errorf("convolution width is %d, want at least 1", c.Width)
	case c.Arch != ArchConv && c.Hidden < 1:
		return fmt.Errorf("hidden width is %d, want at least 1", c.Hidden)
	case c.Epochs < 1:
		return fmt.Errorf("epochs is %d, want at least 1", c.Epochs)
	case c.BatchSize < 1:
		return fmt.Errorf("batch size is %d, want at least 1", c.BatchSize)
	case !(c.LR > 0) || math.IsInf(c.LR, 1):
		return fmt.Errorf("learning rate is %g, want a number > 0", c.LR)
	case !(c.Beta >= 0) || math.IsInf(c.Beta, 1):
		return fmt.Errorf("β is %g, want a number ≥ 0", c.Beta)
	case c.Warmup < 0:
		return fmt.Errorf("KL warm-up is %d steps, want 0 or more", c.Warmup)
	}
	return nil
}

// BetaAt is the KL term's weight at a step (counted from 0): Beta, or
// during the first Warmup steps Beta·step/Warmup.
func (c Config) BetaAt(step int) float64 {
	if step >= c.Warmup {
		return c.Beta
	}
	return c.Beta * float64(step) / float64(c.Warmup)
}

// NewModel builds the model cfg asks for, for images of dim pixels, its
// weights drawn from rng. The convolutional VAE needs 28×28 images.
func (c Config) NewModel(dim int, rng *tensor.RNG) (Model, error) {
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("vae: %w", err)
	}
	if c.Arch == ArchConv {
		if dim != data.MNISTPixels {
			return nil, fmt.Errorf("vae: images have %d pixels, want %d: the convolutional VAE reads %d×%d digits",
				dim, data.MNISTPixels, data.MNISTSide, data.MNISTSide)
		}
		return NewConv(c.Width, c.Latent, rng), nil
	}
	return NewMLP(dim, c.Hidden, c.Latent, rng), nil
}
