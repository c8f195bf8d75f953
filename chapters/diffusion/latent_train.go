package diffusion

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// CodeScale is the per-dimension mean m_j and standard deviation s_j of a
// set of codes, for diffusing them at unit scale: the model learns the
// standardised codes x_j = (z_j − m_j)/s_j, and its samples are mapped
// back by z_j = m_j + s_j x_j.
//
// The forward process assumes data of roughly unit scale. It mixes x_0
// with noise of unit variance, x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε, and Ho et
// al.'s schedule was chosen for pixels in [−1, 1]: data much larger than
// that is still visible at t = T, where the sampler starts from pure noise,
// and data much smaller is drowned in the first few steps, leaving most of
// the T steps with nothing to do. A VAE's KL term pulls its codes μ(x)
// towards N(0, I), but nothing holds them there: for the VAE chapter's
// convolutional VAE (7 epochs, seed 1) their deviation over the training
// digits runs from 0.77 to 1.09 across the 20 coordinates, near 1, while
// an autoencoder with a weak KL term or none can be far from it (Stable
// Diffusion multiplies its autoencoder's codes by a constant for this
// reason). Standardising each coordinate puts every one at the scale the
// schedule expects, whatever the autoencoder.
type CodeScale struct {
	Mean, Std []float64
}

// minCodeStd is the smallest standard deviation CodeScale divides by, so
// that a coordinate that never varies is left at 0 rather than divided by
// zero.
const minCodeStd = 1e-8

// FitCodeScale returns the per-dimension mean and standard deviation
// (dividing by N) of codes [N, J].
func FitCodeScale(codes *tensor.Tensor) (CodeScale, error) {
	if len(codes.Shape) != 2 || codes.Shape[0] < 2 {
		return CodeScale{}, fmt.Errorf("diffusion: FitCodeScale: codes %v; want [N ≥ 2, J]", codes.Shape)
	}
	n, j := codes.Shape[0], codes.Shape[1]
	c := CodeScale{Mean: make([]float64, j), Std: make([]float64, j)}
	for i := 0; i < n; i++ {
		for k, v := range codes.Data[i*j : (i+1)*j] {
			c.Mean[k] += v
		}
	}
	for k := range c.Mean {
		c.Mean[k] /= float64(n)
	}
	for i := 0; i < n; i++ {
		for k, v := range codes.Data[i*j : (i+1)*j] {
			d := v - c.Mean[k]
			c.Std[k] += d * d
		}
	}
	for k := range c.Std {
		c.Std[k] = max(math.Sqrt(c.Std[k]/float64(n)), minCodeStd)
	}
	return c, nil
}

// check panics unless z's rows have one entry per coordinate of c.
func (c CodeScale) check(who string, z *tensor.Tensor) {
	if len(c.Mean) != len(c.Std) || len(z.Shape) != 2 || z.Shape[1] != len(c.Mean) {
		panic(fmt.Sprintf("diffusion: CodeScale.%s: codes %v for a scale of %d means and %d deviations", who, z.Shape, len(c.Mean), len(c.Std)))
	}
}

// Standardise returns (z − m)/s for codes z [N, J].
func (c CodeScale) Standardise(z *tensor.Tensor) *tensor.Tensor {
	c.check("Standardise", z)
	out := tensor.New(z.Shape...)
	j := z.Shape[1]
	for i, v := range z.Data {
		out.Data[i] = (v - c.Mean[i%j]) / c.Std[i%j]
	}
	return out
}

// Unstandardise returns m + s x for standardised codes x [N, J], the
// codes the decoder reads.
func (c CodeScale) Unstandardise(x *tensor.Tensor) *tensor.Tensor {
	c.check("Unstandardise", x)
	out := tensor.New(x.Shape...)
	j := x.Shape[1]
	for i, v := range x.Data {
		out.Data[i] = c.Mean[i%j] + c.Std[i%j]*v
	}
	return out
}

// LatentTrainConfig says how TrainLatent trains a LatentDenoiser on codes.
type LatentTrainConfig struct {
	Model LatentConfig
	Training
}

// DefaultLatentTraining is the chapter's run on the VAE's codes of the
// 60,000 MNIST training digits: the default LatentDenoiser, T = 1000,
// 12,000 steps of 256 codes, Adam at 2·10⁻³ after 200 steps of warm-up,
// EMA 0.999, labels dropped one time in ten.
//
// Measured on the project's 2-core machine while two other training runs
// kept both cores busy (load average about 5): a step takes about 15 ms,
// the 12,000 steps about 3 minutes, and 100 digits by DDIM over 50 steps
// with guidance 0.25 s, 0.02 s of it the VAE's decoding. Scored by aigc
// eval diffusion (500 digits, seed 1), the runs that chose the settings
// gave, at guidance w = 1, MNIST-FID and the share of digits read as the
// one asked for, and without a label DDIM's MNIST-FID: 35.15, 96.4% and
// 178.91 after 4,000 steps at 10⁻³; 26.34, 99.0% and 141.83 after 12,000
// at 10⁻³; 24.90, 99.6% and 126.97 at 2·10⁻³; 26.41, 99.6% and 117.71 at
// 3·10⁻³.
func DefaultLatentTraining() LatentTrainConfig {
	return LatentTrainConfig{Model: DefaultLatentConfig(), Training: Training{T: 1000, Steps: 12000, Batch: 256, Warmup: 200, LR: 2e-3, EMA: 0.999, PUncond: 0.1, Seed: 1}}
}

// LatentProgress is what TrainLatent reports after a step.
type LatentProgress struct {
	Step, Steps int
	Loss        float64 // the step's L_simple
	LR          float64
	Seconds     float64 // since training began
}

// LatentResult is a trained LatentDenoiser: its averaged weights, the
// scale of the codes it was trained on, its schedule and its losses.
type LatentResult struct {
	EMA      *LatentDenoiser // the moving average the chapter samples from
	Model    *LatentDenoiser // the last weights
	Scale    CodeScale       // the training codes' mean and deviation
	Schedule *Schedule
	Loss     []float64
	Seconds  float64
}

// TrainLatent trains a LatentDenoiser on codes [N, Dim] with their labels
// (nil for an unconditional model). It first standardises the codes by
// their own per-dimension mean and deviation (CodeScale, returned in the
// result for sampling), then each step draws Batch codes without
// replacement (a new shuffle every pass), a step t uniform on 1..T and ε
// for each, drops labels with probability PUncond, and takes one Adam step
// on L_simple. progress, if not nil, is called after every step.
func TrainLatent(cfg LatentTrainConfig, codes *tensor.Tensor, labels []int, progress func(LatentProgress)) (*LatentResult, error) {
	if err := cfg.validate("LatentTrainConfig"); err != nil {
		return nil, err
	}
	if len(codes.Shape) != 2 || codes.Shape[1] != cfg.Model.Dim || codes.Shape[0] < max(cfg.Batch, 2) {
		return nil, fmt.Errorf("diffusion: TrainLatent: codes %v; want [N ≥ %d, %d]", codes.Shape, max(cfg.Batch, 2), cfg.Model.Dim)
	}
	n := codes.Shape[0]
	if err := checkLabels("TrainLatent", labels, n, cfg.Model.Classes); err != nil {
		return nil, err
	}
	s, err := cfg.Schedule()
	if err != nil {
		return nil, err
	}
	scale, err := FitCodeScale(codes)
	if err != nil {
		return nil, err
	}
	x := scale.Standardise(codes)
	rng := tensor.NewRNG(cfg.Seed)
	m, err := NewLatentDenoiser(cfg.Model, rng)
	if err != nil {
		return nil, err
	}
	avg, _ := NewLatentDenoiser(cfg.Model, tensor.NewRNG(cfg.Seed))
	res := &LatentResult{EMA: avg, Model: m, Scale: scale, Schedule: s}
	rows := func(idx []int) *tensor.Tensor { return tensor.Rows(x, idx) }
	res.Loss, res.Seconds = cfg.train(m, avg, s, n, rows, labels, rng, func(step int, loss, lr, seconds float64) {
		if progress != nil {
			progress(LatentProgress{Step: step, Steps: cfg.Steps, Loss: loss, LR: lr, Seconds: seconds})
		}
	})
	return res, nil
}

// SampleLatent draws n codes [n, Dim] from a LatentDenoiser trained on
// codes of the given scale: SampleClasses in the standardised space, then
// z = m + s x. labels and w are SampleClasses's; a decoder turns the codes
// into images.
func SampleLatent(m *LatentDenoiser, scale CodeScale, s *Schedule, sampler Sampler, labels []int, w float64, n int, rng *tensor.RNG) (*tensor.Tensor, error) {
	if len(scale.Mean) != m.Cfg.Dim || len(scale.Std) != m.Cfg.Dim {
		return nil, fmt.Errorf("diffusion: SampleLatent: a scale of %d means and %d deviations for codes of %d", len(scale.Mean), len(scale.Std), m.Cfg.Dim)
	}
	x, err := sampleClasses("SampleLatent", m, s, sampler, labels, w, n, m.Cfg.Dim, false, rng)
	if err != nil {
		return nil, err
	}
	return scale.Unstandardise(x), nil
}
