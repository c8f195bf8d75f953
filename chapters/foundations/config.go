package foundations

import "fmt"

// ANCHOR: config

// Config describes the classifier and how it is trained.
type Config struct {
	// Hidden lists the widths of the hidden layers. Two layers of 512 and
	// 256 ReLU units: wide enough that the network's size is not what
	// limits its test accuracy (the chapter's text gives it), small enough
	// for the tour to train it in well under a minute on two cores.
	Hidden []int
	// Epochs is the number of passes over the training set. Three passes
	// with Adam reach the accuracy the chapter reports; more mostly
	// memorise the training digits.
	Epochs int
	// BatchSize is the number of digits per step: 128 gives gradients quiet
	// enough for Adam's default betas and steps fast enough to count.
	BatchSize int
	// LR is Adam's peak learning rate (1e-3, Kingma & Ba's default), reached
	// after Warmup steps and then decayed by a cosine to zero.
	LR     float64
	Warmup int
	// LabelSmoothing moves that much probability from the true class to the
	// others (Szegedy et al. 2016); 0.05 keeps the logits from growing
	// without bound and costs nothing in accuracy here.
	LabelSmoothing float64
	// Seed fixes the initial weights and the order of the batches.
	Seed uint64
}

// DefaultConfig is the tour's configuration.
func DefaultConfig() Config {
	return Config{Hidden: []int{512, 256}, Epochs: 3, BatchSize: 128, LR: 1e-3, Warmup: 100, LabelSmoothing: 0.05, Seed: 1}
}

// ANCHOR_END: config

// Layers lists the widths of every layer for inputs of the given size,
// ending with the 10 classes.
func (c Config) Layers(in int) []int {
	return append(append([]int{in}, c.Hidden...), 10)
}

// validate reports the first setting that cannot train.
func (c Config) validate() error {
	switch {
	case c.Epochs < 1:
		return fmt.Errorf("epochs is %d, want at least 1", c.Epochs)
	case c.BatchSize < 1:
		return fmt.Errorf("batch size is %d, want at least 1", c.BatchSize)
	case !(c.LR > 0):
		return fmt.Errorf("learning rate is %g, want a number > 0", c.LR)
	case c.LabelSmoothing < 0 || c.LabelSmoothing >= 1:
		return fmt.Errorf("label smoothing is %g, want a number in [0, 1)", c.LabelSmoothing)
	}
	for i, h := range c.Hidden {
		if h < 1 {
			return fmt.Errorf("hidden layer %d has width %d, want at least 1", i, h)
		}
	}
	return nil
}
