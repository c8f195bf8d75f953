package foundations

import (
	"fmt"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// Progress is what Train reports after every step.
type Progress struct {
	Epoch, Epochs int     // the current pass (from 1) and how many there are
	Step, Steps   int     // the step within all passes (from 1) and the total
	Loss          float64 // this step's training loss
}

// Result is a trained classifier and what was measured along the way.
type Result struct {
	Model        *MLP
	Losses       []float64 // the training loss of every step
	Predictions  []int     // the model's class for every test digit
	TestAccuracy float64   // the fraction of test digits classified right
	MsPerStep    float64   // mean wall time of one training step
}

// ANCHOR: train

// Train fits an MLP to train and measures it on test. progress, if not
// nil, is called after every step. The same Config (Seed included) gives
// the same Result, bit for bit, on the same machine.
func Train(cfg Config, train, test *data.Dataset, progress func(Progress)) (*Result, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("foundations: %w", err)
	}
	if train.Len() == 0 || test.Len() == 0 {
		return nil, fmt.Errorf("foundations: %d training and %d test examples; need some of each", train.Len(), test.Len())
	}
	rng := tensor.NewRNG(cfg.Seed)
	model := NewMLP(cfg.Layers(train.Dim()), rng)
	loader := data.NewLoader(train, cfg.BatchSize, true, rng.Uint64())
	steps := cfg.Epochs * loader.BatchesPerEpoch()
	opt := optim.NewAdam(nn.Values(model), cfg.LR)
	schedule := optim.WarmupCosine{Base: cfg.LR, Warmup: cfg.Warmup, Total: steps}

	res := &Result{Model: model}
	start := time.Now()
	for step := 1; step <= steps; step++ {
		x, labels := loader.Cycle() // a new epoch starts when one ends
		logits := model.Forward(autograd.Const(x))
		loss := nn.CrossEntropy(logits, labels, cfg.LabelSmoothing)

		opt.ZeroGrad()
		loss.Backward()
		optim.ApplySchedule(opt, schedule, step)
		opt.Step()

		res.Losses = append(res.Losses, loss.Item())
		if progress != nil {
			progress(Progress{Epoch: loader.Epoch() + 1, Epochs: cfg.Epochs, Step: step, Steps: steps, Loss: loss.Item()})
		}
	}
	res.MsPerStep = optim.MsPerStep(time.Since(start), steps)

	res.Predictions = model.Predict(test.Images)
	res.TestAccuracy = accuracy(res.Predictions, test.Labels)
	return res, nil
}

// ANCHOR_END: train

// accuracy is the fraction of predictions equal to their labels.
func accuracy(pred, labels []int) float64 {
	right := 0
	for i, p := range pred {
		if p == labels[i] {
			right++
		}
	}
	return float64(right) / float64(len(labels))
}
