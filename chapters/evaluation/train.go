package evaluation

import (
	"fmt"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: config

// ClassifierConfig says how the evaluation classifier is trained. The same
// configuration gives the same weights, bit for bit, on the same machine.
type ClassifierConfig struct {
	// Epochs is the number of passes over the training digits; three
	// passes of Adam bring this network past 99% on the test digits.
	Epochs int
	// BatchSize is the number of digits per step.
	BatchSize int
	// LR is Adam's peak learning rate, reached after Warmup steps and
	// decayed by a cosine to LR/20 at the end.
	LR     float64
	Warmup int
	// Shift moves each training digit by up to Shift pixels in x and y,
	// at random, every time it is seen: a digit moved by a pixel or two is
	// still the same digit, and the network learns not to care where it sits.
	Shift int
	// TrainSize uses only the first TrainSize training digits (0: all).
	TrainSize int
	// Seed fixes the initial weights and the order of the batches.
	Seed uint64
}

// DefaultClassifierConfig is the configuration of the classifier every
// chapter's MNIST-FID and MNIST-IS use.
func DefaultClassifierConfig() ClassifierConfig {
	return ClassifierConfig{Epochs: 3, BatchSize: 64, LR: 2e-3, Warmup: 200, Shift: 2, Seed: 1}
}

// ANCHOR_END: config

// validate reports the first setting that cannot train.
func (c ClassifierConfig) validate() error {
	switch {
	case c.Epochs < 1:
		return fmt.Errorf("epochs is %d, want at least 1", c.Epochs)
	case c.BatchSize < 1:
		return fmt.Errorf("batch size is %d, want at least 1", c.BatchSize)
	case !(c.LR > 0):
		return fmt.Errorf("learning rate is %g, want a number > 0", c.LR)
	case c.Warmup < 0:
		return fmt.Errorf("warmup is %d steps, want 0 or more", c.Warmup)
	case c.Shift < 0 || c.Shift > 8:
		return fmt.Errorf("shift is %d pixels, want 0 to 8", c.Shift)
	case c.TrainSize < 0:
		return fmt.Errorf("train size is %d, want 0 (all) or more", c.TrainSize)
	}
	return nil
}

// Progress is what TrainClassifier reports after every step.
type Progress struct {
	Epoch, Epochs int
	Step, Steps   int
	Loss          float64
}

// ClassifierResult is a trained classifier and what was measured.
type ClassifierResult struct {
	Model        *Classifier
	Losses       []float64 // training loss per step
	TestAccuracy float64   // fraction of test digits classified right
	Seconds      float64   // wall time of the training loop
}

// ANCHOR: train

// TrainClassifier fits the classifier to train and measures it on test.
// progress, if not nil, is called after every step.
func TrainClassifier(cfg ClassifierConfig, train, test *data.Dataset, progress func(Progress)) (*ClassifierResult, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("evaluation: classifier: %w", err)
	}
	if cfg.TrainSize > 0 && cfg.TrainSize < train.Len() {
		train = train.Head(cfg.TrainSize)
	}
	if train.Dim() != data.MNISTPixels || test.Dim() != data.MNISTPixels {
		return nil, fmt.Errorf("evaluation: classifier: training and test images have %d and %d pixels, want %d (28×28 digits)",
			train.Dim(), test.Dim(), data.MNISTPixels)
	}
	rng := tensor.NewRNG(cfg.Seed)
	model := NewClassifier(rng)
	loader := data.NewLoader(train, cfg.BatchSize, true, rng.Uint64())
	steps := cfg.Epochs * loader.BatchesPerEpoch()
	opt := optim.NewAdam(nn.Values(model), cfg.LR)
	schedule := optim.WarmupCosine{Base: cfg.LR, Min: cfg.LR / 20, Warmup: cfg.Warmup, Total: steps}

	res := &ClassifierResult{Model: model}
	nn.SetTraining(model, true) // BatchNorm uses batch statistics
	start := time.Now()
	for step := 1; step <= steps; step++ {
		x, labels := loader.Cycle()
		if cfg.Shift > 0 {
			x = Shift(x, cfg.Shift, rng)
		}
		loss := nn.CrossEntropy(model.Forward(autograd.Const(x)), labels, 0)
		opt.ZeroGrad()
		loss.Backward()
		optim.ApplySchedule(opt, schedule, step)
		opt.Step()
		res.Losses = append(res.Losses, loss.Item())
		if progress != nil {
			progress(Progress{Epoch: loader.Epoch() + 1, Epochs: cfg.Epochs, Step: step, Steps: steps, Loss: loss.Item()})
		}
	}
	res.Seconds = time.Since(start).Seconds()
	res.TestAccuracy = Accuracy(model.Predict(test.Images), test.Labels)
	return res, nil
}

// ANCHOR_END: train

// Accuracy is the fraction of predictions equal to their labels.
func Accuracy(pred, labels []int) float64 {
	if len(labels) == 0 {
		return 0
	}
	right := 0
	for i, p := range pred {
		if p == labels[i] {
			right++
		}
	}
	return float64(right) / float64(len(labels))
}

// Shift returns a copy of the 28×28 images x [N, 784], each moved by its
// own random offset of at most max pixels along each axis (pixels moved in
// from outside are 0, the background).
func Shift(x *tensor.Tensor, max int, rng *tensor.RNG) *tensor.Tensor {
	const side, pixels = data.MNISTSide, data.MNISTPixels
	out := tensor.New(x.Shape...)
	for i := 0; i < x.Shape[0]; i++ {
		dx, dy := rng.Intn(2*max+1)-max, rng.Intn(2*max+1)-max
		src, dst := x.Data[i*pixels:(i+1)*pixels], out.Data[i*pixels:(i+1)*pixels]
		for r := 0; r < side; r++ {
			sr := r - dy
			if sr < 0 || sr >= side {
				continue
			}
			for c := 0; c < side; c++ {
				if sc := c - dx; sc >= 0 && sc < side {
					dst[r*side+c] = src[sr*side+sc]
				}
			}
		}
	}
	return out
}
