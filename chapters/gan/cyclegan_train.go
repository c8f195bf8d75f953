package gan

import (
	"fmt"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// CycleConfig says how the CycleGAN between written and bold digits is
// trained.
type CycleConfig struct {
	Steps     int     // training steps, each one update of both translators and both discriminators
	BatchSize int     // images of each domain per step
	LR        float64 // Adam's learning rate (β1 = 0.5, as Zhu et al.)
	Lambda    float64 // λ, the weight of the cycle-consistency loss (10 in the paper)
	Width     int     // channels inside the translators and the discriminators
	Domain    int     // training digits in each domain
	Seed      uint64  // initial weights and batches
}

// DefaultCycleConfig is the chapter's CycleGAN.
func DefaultCycleConfig() CycleConfig {
	return CycleConfig{Steps: 1500, BatchSize: 32, LR: 2e-4, Lambda: 10, Width: 16, Domain: 20000, Seed: 1}
}

func (c CycleConfig) validate() error {
	switch {
	case c.Steps < 1:
		return fmt.Errorf("steps is %d, want at least 1", c.Steps)
	case c.BatchSize < 1:
		return fmt.Errorf("batch size is %d, want at least 1", c.BatchSize)
	case !(c.LR > 0):
		return fmt.Errorf("learning rate is %g, want a number > 0", c.LR)
	case c.Lambda < 0:
		return fmt.Errorf("lambda is %g, want 0 or more", c.Lambda)
	case c.Width < 1:
		return fmt.Errorf("width is %d, want at least 1", c.Width)
	case c.Domain < c.BatchSize:
		return fmt.Errorf("%d digits per domain, fewer than a batch of %d", c.Domain, c.BatchSize)
	}
	return nil
}

// CycleProgress is what TrainCycleGAN reports after every step.
type CycleProgress struct {
	Step, Steps int
	DLoss       float64 // the two discriminators' losses, summed
	GLoss       float64 // the two translators' adversarial losses, summed
	Cycle       float64 // the cycle-consistency loss (before λ)
	// Nets holds the networks being trained, as they are after this step
	// (and the losses so far): save them to keep a checkpoint. Training
	// goes on changing them once progress returns.
	Nets *CycleResult
}

// CycleResult is a trained CycleGAN and its losses per step.
type CycleResult struct {
	G, F             *Translator         // G: written → bold, F: bold → written
	DX, DY           *PatchDiscriminator // DX judges written digits, DY bold ones
	DLosses, GLosses []float64
	CycleLosses      []float64
	Seconds          float64
	Config           CycleConfig
}

// TrainCycleGAN learns G: X → Y and F: Y → X between written digits X and
// bold digits Y (UnpairedDomains) from unpaired batches. Each step
// updates both translators on
//
//	L = L_GAN(G, D_Y) + L_GAN(F, D_X) + λ·L_cyc(G, F)
//
// (non-saturating adversarial losses) and then both discriminators on
// real images against the translators' fresh outputs.
func TrainCycleGAN(cfg CycleConfig, train *data.Dataset, progress func(CycleProgress)) (*CycleResult, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("gan: cyclegan: %w", err)
	}
	if train.Dim() != data.MNISTPixels {
		return nil, fmt.Errorf("gan: cyclegan wants 28×28 digits, got %d values per image", train.Dim())
	}
	rng := tensor.NewRNG(cfg.Seed)
	xs, ys := UnpairedDomains(train, cfg.Domain)
	xs, ys = ToTanhRange(xs), ToTanhRange(ys)
	res := &CycleResult{
		G: NewTranslator(cfg.Width, rng), F: NewTranslator(cfg.Width, rng),
		DX: NewPatchDiscriminator(cfg.Width, rng), DY: NewPatchDiscriminator(cfg.Width, rng),
		Config: cfg,
	}
	optG := optim.NewAdam(append(nn.Values(res.G), nn.Values(res.F)...), cfg.LR)
	optD := optim.NewAdam(append(nn.Values(res.DX), nn.Values(res.DY)...), cfg.LR)
	optG.Beta1, optD.Beta1 = 0.5, 0.5
	// Unpaired: each domain is shuffled and batched on its own.
	loadX := data.NewLoader(data.NewDataset(xs, nil), cfg.BatchSize, true, rng.Uint64())
	loadY := data.NewLoader(data.NewDataset(ys, nil), cfg.BatchSize, true, rng.Uint64())

	start := time.Now()
	// ANCHOR: cyclegan_train
	for step := 1; step <= cfg.Steps; step++ {
		xb, _ := loadX.Cycle()
		yb, _ := loadY.Cycle()
		x, y := autograd.Const(xb), autograd.Const(yb)

		// The translators: fool the discriminators, and come back.
		fakeY, fakeX := res.G.Forward(x), res.F.Forward(y)
		adv := autograd.Add(
			NonSaturatingGeneratorLoss(res.DY.Forward(fakeY)),
			NonSaturatingGeneratorLoss(res.DX.Forward(fakeX)))
		cyc := CycleLoss(x, res.F.Forward(fakeY), y, res.G.Forward(fakeX))
		lossG := autograd.Add(adv, autograd.Scale(cyc, cfg.Lambda))
		optG.ZeroGrad()
		lossG.Backward()
		optG.Step()

		// The discriminators: real images against the translations,
		// detached so that no gradient reaches the translators.
		lossD := autograd.Add(
			DiscriminatorLoss(res.DY.Forward(y), res.DY.Forward(fakeY.Detach())),
			DiscriminatorLoss(res.DX.Forward(x), res.DX.Forward(fakeX.Detach())))
		optD.ZeroGrad()
		lossD.Backward()
		optD.Step()
		// ANCHOR_END: cyclegan_train

		res.DLosses = append(res.DLosses, lossD.Item())
		res.GLosses = append(res.GLosses, adv.Item())
		res.CycleLosses = append(res.CycleLosses, cyc.Item())
		if progress != nil {
			progress(CycleProgress{Step: step, Steps: cfg.Steps, DLoss: lossD.Item(), GLoss: adv.Item(), Cycle: cyc.Item(), Nets: res})
		}
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}
