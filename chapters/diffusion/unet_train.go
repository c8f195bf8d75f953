package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// UNetTrainConfig says how TrainUNet trains a UNet on images.
type UNetTrainConfig struct {
	Model UNetConfig
	Training
}

// DefaultUNetTraining is the chapter's MNIST run: the default UNet, T =
// 1000, 2,000 steps of 64 images, Adam at 10⁻³ after 200 steps of
// warm-up, EMA 0.999, labels dropped one time in ten.
func DefaultUNetTraining() UNetTrainConfig {
	return UNetTrainConfig{Model: DefaultUNetConfig(), Training: Training{T: 1000, Steps: 2000, Batch: 64, Warmup: 200, LR: 1e-3, EMA: 0.999, PUncond: 0.1, Seed: 1}}
}

// UNetProgress is what TrainUNet reports after a step.
type UNetProgress struct {
	Step, Steps int
	Loss        float64 // the step's loss (L_simple, or the hybrid loss)
	LR          float64
	Seconds     float64 // since training began
	EMA         *UNet   // the averaged weights, for a checkpoint
}

// UNetResult is a trained UNet: its averaged weights, its schedule and
// its losses.
type UNetResult struct {
	EMA      *UNet // the moving average the chapter samples from
	Model    *UNet // the last weights
	Schedule *Schedule
	Loss     []float64
	Seconds  float64
}

// ToSigned maps pixels in [0, 1] to the data x_0 ∈ [−1, 1] the model
// diffuses, x_0 = 2p − 1, so that the data's scale matches the noise's.
func ToSigned(p *tensor.Tensor) *tensor.Tensor {
	out := tensor.New(p.Shape...)
	for i, v := range p.Data {
		out.Data[i] = 2*v - 1
	}
	return out
}

// ToPixels maps samples back to pixels, p = (x + 1)/2 clipped to [0, 1].
func ToPixels(x *tensor.Tensor) *tensor.Tensor {
	out := tensor.New(x.Shape...)
	for i, v := range x.Data {
		out.Data[i] = min(max((v+1)/2, 0), 1)
	}
	return out
}

// TrainUNet trains a UNet on images [N, Side²] (pixels in [0, 1]) with
// their labels (nil for an unconditional model): each step draws Batch
// images without replacement (a new shuffle every pass), maps them to
// [−1, 1], draws t uniform on 1..T and ε for each, drops labels with
// probability PUncond, and takes one Adam step on L_simple, or on the
// hybrid loss when the variance is learnt. progress, if not nil, is called
// after every step.
func TrainUNet(cfg UNetTrainConfig, images *tensor.Tensor, labels []int, progress func(UNetProgress)) (*UNetResult, error) {
	if err := cfg.validate("UNetTrainConfig"); err != nil {
		return nil, err
	}
	side := cfg.Model.Side
	if len(images.Shape) != 2 || images.Shape[1] != side*side || images.Shape[0] < cfg.Batch {
		return nil, fmt.Errorf("diffusion: TrainUNet: images %v; want [N ≥ %d, %d]", images.Shape, cfg.Batch, side*side)
	}
	if err := checkLabels("TrainUNet", labels, images.Shape[0], cfg.Model.Classes); err != nil {
		return nil, err
	}
	s, err := cfg.Schedule()
	if err != nil {
		return nil, err
	}
	rng := tensor.NewRNG(cfg.Seed)
	m, err := NewUNet(cfg.Model, rng)
	if err != nil {
		return nil, err
	}
	avg, _ := NewUNet(cfg.Model, tensor.NewRNG(cfg.Seed))
	res := &UNetResult{EMA: avg, Model: m, Schedule: s}
	rows := func(idx []int) *tensor.Tensor { return ToSigned(tensor.Rows(images, idx)) }
	res.Loss, res.Seconds = cfg.train(m, avg, s, images.Shape[0], rows, labels, rng, func(step int, loss, lr, seconds float64) {
		if progress != nil {
			progress(UNetProgress{Step: step, Steps: cfg.Steps, Loss: loss, LR: lr, Seconds: seconds, EMA: avg})
		}
	})
	return res, nil
}
