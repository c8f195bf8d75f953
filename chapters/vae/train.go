package vae

import (
	"fmt"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// Progress is what Train reports: after every step, and once more at the
// end of each epoch with the epoch's averages.
type Progress struct {
	Epoch, Epochs int     // the current pass (from 1) and how many there are
	Step, Steps   int     // the step within all passes (from 1) and the total
	Loss          float64 // this step's training loss per digit
	// EpochDone marks the report that ends an epoch; TrainLoss and
	// TestLoss are set in it only.
	EpochDone           bool
	TrainLoss, TestLoss float64 // the epoch's training loss and test -ELBO, per digit
	Seconds             float64 // wall time since training started
	// Model is, in the report that ends an epoch, the model being
	// trained, as it is then: save it to keep a checkpoint. Training goes
	// on changing it once progress returns.
	Model Model
}

// String formats p as one line of a training log.
func (p Progress) String() string {
	if p.EpochDone {
		return fmt.Sprintf("epoch %d/%d  train loss %.2f  test -ELBO %.2f nats/digit  %.0fs", p.Epoch, p.Epochs, p.TrainLoss, p.TestLoss, p.Seconds)
	}
	return fmt.Sprintf("epoch %d/%d  step %d/%d  loss %.2f  %.0fs", p.Epoch, p.Epochs, p.Step, p.Steps, p.Loss, p.Seconds)
}

// Result is a trained VAE and its learning curves, one entry per epoch.
type Result struct {
	Model Model // the trained *MLP or *Conv
	// TrainLoss is the epoch's training loss per digit, recon + β·KL,
	// summed over its batches while the model was changing and divided by
	// the number of digits (PyTorch's "Average loss").
	TrainLoss []float64
	// TestLoss is -ELBO per test digit after the epoch, in nats (the β = 1
	// bound, one z per digit; PyTorch's "Test set loss"), and TestRecon
	// and TestKL are its two terms.
	TestLoss, TestRecon, TestKL []float64
	Seconds                     float64 // wall time of training, evaluation included
	MsPerStep                   float64 // mean wall time of one training step, evaluation excluded
}

// evalSeed derives the seed of the test noise from the run's: every
// epoch's test loss uses the same ε, so the curve shows the model's
// change, not the noise's.
const evalSeed = 0x7e57e1b0

// Train fits the VAE that cfg names (the MLP or Conv) to the images of
// train, as the PyTorch examples' VAE does: every epoch, one pass of Adam
// steps on the summed -ELBO of shuffled batches, then the test -ELBO per
// digit. progress, if not nil, is called after every step and at the end
// of every epoch. Pixels must be in [0, 1].
func Train(cfg Config, train, test *data.Dataset, progress func(Progress)) (*Result, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("vae: %w", err)
	}
	if err := checkData(train, test); err != nil {
		return nil, err
	}
	rng := tensor.NewRNG(cfg.Seed)
	model, err := cfg.NewModel(train.Dim(), rng)
	if err != nil {
		return nil, err
	}
	// As the example's DataLoader(shuffle=True): a fresh order every
	// epoch, and the last, smaller batch kept (468 of 128 and one of 96).
	loader := data.NewLoader(train, cfg.BatchSize, true, rng.Uint64())
	noise := tensor.NewRNG(rng.Uint64())
	// As the example's optim.Adam(model.parameters(), lr=1e-3): PyTorch's
	// β₁ = 0.9, β₂ = 0.999, eps = 1e-8, no weight decay.
	opt := optim.NewAdam(nn.Values(model), cfg.LR)
	steps := cfg.Epochs * loader.BatchesPerEpoch()

	res := &Result{Model: model}
	start := time.Now()
	step, stepTime := 0, time.Duration(0)
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		sum := 0.0
		for b := 0; b < loader.BatchesPerEpoch(); b++ {
			xb, _ := loader.Cycle()
			t0 := time.Now()
			// ANCHOR: train
			x := autograd.Const(xb)
			// one fresh ε per digit and step (the example's randn_like)
			eps := autograd.Const(tensor.RandN(noise, xb.Shape[0], cfg.Latent))
			logits, mu, logVar := Forward(model, x, eps)
			// summed over the batch, not averaged (reduction='sum')
			loss, _, _ := NegativeELBO(logits, x, mu, logVar, cfg.BetaAt(step))

			opt.ZeroGrad()
			loss.Backward()
			opt.Step()
			// ANCHOR_END: train
			stepTime += time.Since(t0)

			step++
			sum += loss.Item()
			if progress != nil {
				progress(Progress{Epoch: epoch, Epochs: cfg.Epochs, Step: step, Steps: steps,
					Loss: loss.Item() / float64(xb.Shape[0]), Seconds: time.Since(start).Seconds()})
			}
		}
		res.TrainLoss = append(res.TrainLoss, sum/float64(train.Len()))
		// As the example's test(): a sampled z per digit, the β = 1 loss
		// summed over the 10,000 digits and divided by 10,000.
		negELBO, recon, kl := Evaluate(model, test.Images, tensor.NewRNG(cfg.Seed^evalSeed))
		res.TestLoss = append(res.TestLoss, negELBO)
		res.TestRecon, res.TestKL = append(res.TestRecon, recon), append(res.TestKL, kl)
		if progress != nil {
			progress(Progress{Epoch: epoch, Epochs: cfg.Epochs, Step: step, Steps: steps, EpochDone: true,
				TrainLoss: res.TrainLoss[epoch-1], TestLoss: negELBO, Seconds: time.Since(start).Seconds(), Model: model})
		}
	}
	res.Seconds = time.Since(start).Seconds()
	res.MsPerStep = optim.MsPerStep(stepTime, steps)
	return res, nil
}

// checkData reports data the VAE cannot train on: missing sets, sets of
// different widths, or pixels outside the Bernoulli decoder's [0, 1].
func checkData(train, test *data.Dataset) error {
	if train == nil || test == nil || train.Len() == 0 || test.Len() == 0 {
		return fmt.Errorf("vae: need some training and some test images")
	}
	if train.Dim() != test.Dim() {
		return fmt.Errorf("vae: training images have %d pixels, test images %d", train.Dim(), test.Dim())
	}
	for name, ds := range map[string]*data.Dataset{"training": train, "test": test} {
		for i, v := range ds.Images.Data {
			if !(v >= 0 && v <= 1) {
				return fmt.Errorf("vae: %s image %d has pixel value %g; the Bernoulli decoder needs pixels in [0, 1]", name, i/ds.Dim(), v)
			}
		}
	}
	return nil
}
