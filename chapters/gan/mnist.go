package gan

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// mnistClasses is the number of labels of MNIST's digits, 0 to 9.
const mnistClasses = 10

// ToTanhRange maps pixels from [0, 1], as data.LoadMNIST gives them, to
// [-1, 1], the range of the generator's tanh: x ↦ 2x - 1. It returns a new
// tensor.
func ToTanhRange(x *tensor.Tensor) *tensor.Tensor {
	return tensor.AddScalar(tensor.Scale(x, 2), -1)
}

// FromTanhRange maps the generator's pixels from [-1, 1] back to [0, 1],
// x ↦ (x + 1)/2, the range the evaluation classifier and the image files
// expect. It returns a new tensor.
func FromTanhRange(x *tensor.Tensor) *tensor.Tensor {
	return tensor.Scale(tensor.AddScalar(x, 1), 0.5)
}

// digitFeed hands a digit GAN what each step consumes: batches of real
// digits in [-1, 1], in an order shuffled anew each pass over the data,
// and batches of noise.
type digitFeed struct {
	loader      *data.Loader
	rng         *tensor.RNG // the noise z and a conditional GAN's labels for it
	batch, zDim int
}

// checkDigitRun reports why cfg cannot train a digit GAN on train, if it
// cannot.
func checkDigitRun(cfg MNISTConfig, train *data.Dataset) error {
	if err := cfg.validate(); err != nil {
		return fmt.Errorf("gan: %w", err)
	}
	if train == nil || train.Dim() != data.MNISTPixels {
		return fmt.Errorf("gan: the MNIST GANs train on 28×28 digits")
	}
	if train.Len() < cfg.BatchSize {
		return fmt.Errorf("gan: %d training digits, fewer than one batch of %d", train.Len(), cfg.BatchSize)
	}
	return nil
}

// newDigitFeed feeds train in batches of cfg.BatchSize, drawing the seeds
// of the digits' order and of the noise from rng.
func newDigitFeed(cfg MNISTConfig, train *data.Dataset, rng *tensor.RNG) *digitFeed {
	f := &digitFeed{batch: cfg.BatchSize, zDim: cfg.ZDim}
	f.loader = data.NewLoader(train, cfg.BatchSize, true, rng.Uint64())
	f.rng = tensor.NewRNG(rng.Uint64())
	return f
}

// real returns the next full batch of real digits x as [B, 1, 28, 28] in
// [-1, 1], and their labels y, starting a new pass over the data when the
// current one runs out (a last, smaller batch is skipped).
func (f *digitFeed) real() (x *autograd.Value, y []int) {
	images, y := f.loader.Cycle()
	if images.Shape[0] < f.batch {
		images, y = f.loader.Cycle()
	}
	return autograd.Const(ToTanhRange(images).Reshape(-1, 1, data.MNISTSide, data.MNISTSide)), y
}

// noise draws a batch of z ~ N(0, I), [B, ZDim].
func (f *digitFeed) noise() *tensor.Tensor {
	return tensor.RandN(f.rng, f.batch, f.zDim)
}

// labels draws a batch of labels y uniform over [0, classes), for a
// conditional generator to draw.
func (f *digitFeed) labels(classes int) []int {
	y := make([]int, f.batch)
	for i := range y {
		y[i] = f.rng.Intn(classes)
	}
	return y
}
