package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/luoxia/aigc/chapters/diffusion"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// unetParams is the file a UNet's averaged weights are saved in.
const unetParams = "unet.params"

// unetSampler is how the training run draws its figure of samples, and
// aigc sample's default for a U-Net of T steps: deterministic DDIM over 50
// steps (all T if fewer).
func unetSampler(T int) diffusion.Sampler { return diffusion.Sampler{DDIM: true, Steps: min(50, T)} }

// trainUNetDiffusion trains the MNIST U-Net, with a checkpoint every
// `every` steps, saves its averaged weights into dir and draws its figures.
func trainUNetDiffusion(cfg diffusion.UNetTrainConfig, mnistDir string, every int, dir string, stdout, stderr io.Writer) error {
	train, test, err := loadMNIST(mnistDir)
	if err != nil {
		return err
	}
	m := cfg.Model
	variance := "σ_t² fixed (L_simple)"
	if m.LearnVariance {
		variance = "Σ_θ learned (L_simple + λ L_vlb)"
	}
	fmt.Fprintf(stdout, "training the U-Net (width %d, %d classes, %s) on %d MNIST digits: T = %d, %d steps of %d, Adam at %g, labels dropped with p = %g, EMA %g, seed %d\n",
		m.Width, m.Classes, variance, train.Len(), cfg.T, cfg.Steps, cfg.Batch, cfg.LR, cfg.PUncond, cfg.EMA, cfg.Seed)
	rep := newStepReport(stdout, stderr, dir, every)
	res, err := diffusion.TrainUNet(cfg, train.Images, train.Labels, func(p diffusion.UNetProgress) {
		ms := 1000 * p.Seconds / float64(p.Step)
		rep.step(p.Step, p.Steps, nil, fmt.Sprintf("loss %.4f  lr %.2e  %.0f ms/step", p.Loss, p.LR, ms), func() error {
			return saveUNet(dir, cfg, p.Step, p.Seconds, p.EMA, nil)
		})
	})
	if err := rep.finish(err); err != nil {
		return err
	}
	every100 := blockMeans(res.Loss, 100)
	msPerStep := 1000 * res.Seconds / float64(cfg.Steps)
	fmt.Fprintf(stdout, "trained in %.0f s (%.0f ms/step); loss over the last 100 steps %.4f\n", res.Seconds, msPerStep, every100[len(every100)-1])
	measured := map[string]any{"loss_per_100_steps": every100, "ms_per_step": msPerStep, "params": nn.NumParams(res.EMA)}
	if err := saveUNet(dir, cfg, cfg.Steps, res.Seconds, res.EMA, measured); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s and %s\n", filepath.Join(dir, unetParams), filepath.Join(dir, "model.json"))
	return writeUNetFigures(stdout, dir, res, cfg, test.Images)
}

// saveUNet writes the averaged weights and model.json, each atomically,
// the record last.
func saveUNet(dir string, cfg diffusion.UNetTrainConfig, steps int, seconds float64, m *diffusion.UNet, measured map[string]any) error {
	if err := nn.Save(filepath.Join(dir, unetParams), m); err != nil {
		return err
	}
	return writeRecord(dir, "diffusion", steps, cfg.Seed, seconds, diffusionConfig{Model: "unet", UNet: cfg}, measured)
}

// writeUNetFigures draws samples.png (ten of each digit, or a hundred
// unconditional digits), chain.png (the reverse process of ten digits),
// interpolate.png (pairs of test digits inverted to x_T and the arc
// between them decoded) and losses.png.
func writeUNetFigures(stdout io.Writer, dir string, res *diffusion.UNetResult, cfg diffusion.UNetTrainConfig, test *tensor.Tensor) error {
	rng := tensor.NewRNG(cfg.Seed + 1)
	var labels []int
	if cfg.Model.Classes > 0 {
		labels, _ = digitLabels("", 100)
	}
	start := time.Now()
	sampler := unetSampler(res.Schedule.T)
	x, err := diffusion.SampleImages(res.EMA, res.Schedule, sampler, labels, diffusion.DefaultGuidance, 100, rng)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "100 samples by %s (guidance w = %g) in %.1f s\n", sampler, diffusion.DefaultGuidance, time.Since(start).Seconds())
	if err := writeDigitGrid(stdout, dir, "samples.png", x, 10); err != nil {
		return err
	}
	if err := writeDigitGrid(stdout, dir, "chain.png", unetChain(res.EMA, res.Schedule, labels, rng), 10); err != nil {
		return err
	}
	start = time.Now()
	if err := writeDigitGrid(stdout, dir, "interpolate.png", unetInterpolations(res.EMA, res.Schedule, test), interpolationPoints); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "interpolations of %d pairs of test digits in %.1f s\n", len(interpolationPairs), time.Since(start).Seconds())
	curves, err := plot.CurvesWith(plot.CurveOptions{Title: "the U-Net's loss on MNIST", XLabel: "step", YLabel: "loss", Smooth: 100},
		[]plot.Series{{Name: "loss", Y: res.Loss}})
	if err != nil {
		return err
	}
	return writeFigure(stdout, dir, "losses.png", curves)
}

// unetChain runs DDPM (σ_t² = β̃_t) on ten digits and returns the chain
// at chainSteps(T), a row of ten per step, as pixels.
func unetChain(m *diffusion.UNet, s *diffusion.Schedule, labels []int, rng *tensor.RNG) *tensor.Tensor {
	var net diffusion.Denoiser = m
	if labels != nil {
		net = diffusion.Guided{M: m, Y: labels[:10], W: diffusion.DefaultGuidance}
	}
	d := m.Cfg.Side * m.Cfg.Side
	at := chainSteps(s.T)
	rows := diffusion.DDPMChain(net, s, tensor.RandN(rng, 10, d), diffusion.VarianceBetaTilde, rng, at)
	return diffusion.ToPixels(tensor.Concat(0, rows...))
}

// sampleUNet draws req.n digits from a U-Net checkpoint with the sampler,
// class and guidance req asks for (by default DDIM over 50 steps, the
// digits 0-9 in turn at the default guidance) and returns their pixels.
func sampleUNet(req *sampleRequest, cfg diffusion.UNetTrainConfig) (*tensor.Tensor, error) {
	r := req.diffusion
	s, err := cfg.Schedule()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(req.dir, "model.json"), err)
	}
	if r.sampler == "" {
		r.sampler = "ddim"
		if r.steps == 0 {
			r.steps = unetSampler(s.T).Steps
		}
	}
	sampler, err := diffusionSampler(r, s.T, cfg.Model.LearnVariance)
	if err != nil {
		return nil, err
	}
	labels, err := unetLabels(req, cfg.Model.Classes)
	if err != nil {
		return nil, err
	}
	m, err := diffusion.NewUNet(cfg.Model, req.rng)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(req.dir, "model.json"), err)
	}
	if err := nn.Load(filepath.Join(req.dir, unetParams), m); err != nil {
		return nil, err
	}
	start := time.Now()
	w := r.guidance.or(diffusion.DefaultGuidance)
	x, err := diffusion.SampleImages(m, s, sampler, labels, w, req.n, req.rng)
	if err != nil {
		return nil, err
	}
	what := "unconditional"
	if labels != nil {
		what = fmt.Sprintf("guidance w = %g", w)
	}
	fmt.Fprintf(req.stdout, "%d samples by %s (%s) in %.1f s\n", req.n, sampler, what, time.Since(start).Seconds())
	return x, nil
}

// unetLabels is the class of each of req.n samples: -class's digit, none
// (nil: unconditional), or -digits's list.
func unetLabels(req *sampleRequest, classes int) ([]int, error) {
	class := req.diffusion.class
	if classes == 0 {
		if (class != "" && class != "none") || req.digits != "" {
			return nil, fmt.Errorf("-class, -digits: %s was trained without labels", req.dir)
		}
		return nil, nil
	}
	switch {
	case class == "none":
		if req.digits != "" {
			return nil, fmt.Errorf("-class none and -digits %q: ask for no class or for digits, not both", req.digits)
		}
		return nil, nil
	case class != "":
		if req.digits != "" {
			return nil, fmt.Errorf("-class %s and -digits %q: give one of them", class, req.digits)
		}
		labels, err := digitLabels(class, req.n)
		if err != nil || strings.Contains(class, ",") {
			return nil, fmt.Errorf("-class %q: want a digit 0-9 or none", class)
		}
		return labels, nil
	}
	return digitLabels(req.digits, req.n)
}

// interpolationPairs are the test digits interpolate.png joins (indices
// into MNIST's test set: 7 to 2, 1 to 0, 4 to 1, 9 to 5), and
// interpolationPoints the points on each arc.
var interpolationPairs = [][2]int{{0, 1}, {2, 3}, {4, 5}, {7, 8}}

const interpolationPoints = 8

// unetInterpolations inverts each pair by DDIM over 50 steps (the
// unconditional network) and decodes the arc between the two, a row per
// pair.
func unetInterpolations(m *diffusion.UNet, s *diffusion.Schedule, test *tensor.Tensor) *tensor.Tensor {
	steps := diffusion.StridedSteps(s.T, min(50, s.T))
	var rows []*tensor.Tensor
	for _, p := range interpolationPairs {
		a, b := tensor.Slice(test, 0, p[0], p[0]+1), tensor.Slice(test, 0, p[1], p[1]+1)
		rows = append(rows, diffusion.Interpolate(m, s, a, b, steps, 3, interpolationPoints))
	}
	return tensor.Concat(0, rows...)
}
