package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/luoxia/aigc/chapters/diffusion"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// diffusionConfig is what model.json records of a diffusion model: which
// model, and its training configuration.
type diffusionConfig struct {
	Model  string                    // "toy", "unet" or "latent"
	Toy    diffusion.ToyTrainConfig  // for -model toy
	UNet   diffusion.UNetTrainConfig // for -model unet
	Latent *latentRecord             `json:",omitempty"` // for -model latent
}

// toyParams is the file a toy denoiser's weights are saved in.
const toyParams = "denoiser.params"

// trainToyDiffusion trains the 2-D denoiser, saves it into dir, measures
// its samplers and draws the figures.
func trainToyDiffusion(cfg diffusion.ToyTrainConfig, dir string, stdout, stderr io.Writer) error {
	fmt.Fprintf(stdout, "training the 2-D denoiser on the %s: %d steps of %d points, T = %d, Adam from %g to %g along a cosine, seed %d\n",
		cfg.Data, cfg.Steps, cfg.Batch, cfg.T, cfg.LR, cfg.MinLR, cfg.Seed)
	bar := newProgress(stderr)
	defer bar.done()
	res, err := diffusion.TrainToy(cfg, func(step int, loss float64) {
		bar.line(step, cfg.Steps, fmt.Sprintf("L_simple %.4f", loss))
	})
	bar.done()
	if err != nil {
		return err
	}
	every := blockMeans(res.Loss, 100)
	fmt.Fprintf(stdout, "trained in %.1f s (%.1f ms/step); L_simple over the last 100 steps %.4f\n",
		res.Seconds, 1000*res.Seconds/float64(cfg.Steps), every[len(every)-1])
	if err := nn.Save(filepath.Join(dir, toyParams), res.Model); err != nil {
		return err
	}
	measured, sets, titles, chain, err := measureToy(res, cfg, stdout)
	if err != nil {
		return err
	}
	measured["loss_per_100_steps"] = every
	samples, err := diffusion.ToyPanels(cfg.Data, sets, titles, 3)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "samples.png", samples); err != nil {
		return err
	}
	chainImg, err := diffusion.ToyPanels(cfg.Data, chain.x, chain.titles, 0)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "chain.png", chainImg); err != nil {
		return err
	}
	curves, err := plot.CurvesWith(plot.CurveOptions{Title: "L_simple on the " + cfg.Data, XLabel: "step", YLabel: "L_simple", Smooth: 100},
		[]plot.Series{{Name: "L_simple", Y: res.Loss}})
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "losses.png", curves); err != nil {
		return err
	}
	return writeRecord(dir, "diffusion", cfg.Steps, cfg.Seed, res.Seconds, diffusionConfig{Model: "toy", Toy: cfg}, measured)
}

// toyChain is the reverse process caught at a few steps, with a title each.
type toyChain struct {
	x      []*tensor.Tensor
	titles []string
}

// chainSteps are the steps the chain figure shows for T steps: T, T/2,
// T/4, T/10, T/40 and 0 (200, 100, 50, 20, 5, 0 for T = 200).
func chainSteps(T int) []int {
	var out []int
	for _, d := range []int{1, 2, 4, 10, 40} {
		if t := T / d; t > 0 && (len(out) == 0 || t < out[len(out)-1]) {
			out = append(out, t)
		}
	}
	return append(out, 0)
}

// measureToy draws diffusion.ToyEvalSamples points with each of the
// chapter's samplers from the same x_T, prints and returns what each
// scores and how long it took, and keeps the DDPM (β̃_t) run's chain.
func measureToy(res *diffusion.ToyResult, cfg diffusion.ToyTrainConfig, stdout io.Writer) (map[string]any, []*tensor.Tensor, []string, toyChain, error) {
	var (
		sets   []*tensor.Tensor
		titles []string
		chain  toyChain
		rows   []map[string]any
	)
	measured := map[string]any{"samples": diffusion.ToyEvalSamples}
	xT := tensor.RandN(tensor.NewRNG(cfg.Seed+1), diffusion.ToyEvalSamples, 2)
	if cfg.Data == diffusion.SwissRoll {
		floor, err := diffusion.SwissRollFloor(diffusion.ToyEvalSamples, cfg.Seed+3)
		if err != nil {
			return nil, nil, nil, chain, err
		}
		measured["floor_to_data"], measured["floor_from_data"] = floor.ToData, floor.FromData
		fmt.Fprintf(stdout, "mean distance to the nearest point (%d fresh points of the roll: %s)\n", diffusion.ToyEvalSamples, floor)
	}
	for _, s := range diffusion.ToySamplers(cfg.T) {
		start := time.Now()
		var x *tensor.Tensor
		if !s.DDIM && s.Variance == diffusion.VarianceBetaTilde {
			at := chainSteps(cfg.T)
			chain.x = diffusion.DDPMChain(res.Model, res.Schedule, xT, s.Variance, tensor.NewRNG(cfg.Seed+2), at)
			for _, t := range at {
				chain.titles = append(chain.titles, fmt.Sprintf("t = %d", t))
			}
			x = chain.x[len(chain.x)-1]
		} else {
			x = s.Sample(res.Model, res.Schedule, xT, tensor.NewRNG(cfg.Seed+2))
		}
		seconds := time.Since(start).Seconds()
		row := map[string]any{"sampler": s.String(), "seconds": seconds}
		score, title, err := scoreToy(cfg.Data, x, cfg.Seed+3, row)
		if err != nil {
			return nil, nil, nil, chain, err
		}
		fmt.Fprintf(stdout, "  %s  %s  %5.2f s\n", padRight(s.String(), 22), score, seconds)
		rows = append(rows, row)
		sets, titles = append(sets, x), append(titles, s.Label()+": "+title)
	}
	measured["samplers"] = rows
	return measured, sets, titles, chain, nil
}

// scoreToy measures points of the named data set, records the numbers in
// row and returns them as a line and as a short panel title.
func scoreToy(data string, x *tensor.Tensor, seed uint64, row map[string]any) (line, title string, err error) {
	if data == diffusion.Ring {
		c := diffusion.RingCoverage(x)
		row["modes"], row["high_quality"] = c.Modes, c.HighQuality
		return c.String(), fmt.Sprintf("%d/%d, %.0f%% HQ", c.Modes, c.Total, 100*c.HighQuality), nil
	}
	d, err := diffusion.SwissRollDistance(x, seed)
	if err != nil {
		return "", "", err
	}
	row["to_data"], row["from_data"] = d.ToData, d.FromData
	return d.String(), fmt.Sprintf("%.3f / %.3f", d.ToData, d.FromData), nil
}

// padRight pads s with spaces to n characters as a terminal shows them,
// not counting combining marks such as β̃'s tilde.
func padRight(s string, n int) string {
	w := 0
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) {
			w++
		}
	}
	return s + strings.Repeat(" ", max(n-w, 0))
}

// blockMeans is the mean of each block of n values of v (the last block
// may be shorter).
func blockMeans(v []float64, n int) []float64 {
	var out []float64
	for lo := 0; lo < len(v); lo += n {
		hi := min(lo+n, len(v))
		s := 0.0
		for _, x := range v[lo:hi] {
			s += x
		}
		out = append(out, s/float64(hi-lo))
	}
	return out
}

// sampleDiffusion draws points from a toy diffusion model with the
// sampler -sampler, -steps, -eta and -variance ask for, prints how they
// score and plots them over the data.
func sampleDiffusion(req *sampleRequest) (*tensor.Tensor, error) {
	var cfg diffusionConfig
	if err := decodeConfig(req.dir, req.rec, "", &cfg); err != nil {
		return nil, err
	}
	if cfg.Model == "unet" {
		return sampleUNet(req, cfg.UNet)
	}
	if cfg.Model == "latent" {
		return sampleLatentDiffusion(req, cfg.Latent)
	}
	if cfg.Model != "toy" {
		return nil, fmt.Errorf("%s: model %q; this aigc samples -model %s", filepath.Join(req.dir, "model.json"), cfg.Model, diffusionModels)
	}
	if req.diffusion.class != "" || req.diffusion.guidance.set {
		return nil, fmt.Errorf("-class, -guidance: %s is a 2-D model, which takes no class", req.dir)
	}
	if strings.ToLower(filepath.Ext(req.out)) != ".png" {
		return nil, fmt.Errorf("-out %s: a toy diffusion model's samples are points in the plane; write a .png", req.out)
	}
	s, err := cfg.Toy.Schedule()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(req.dir, "model.json"), err)
	}
	sampler, err := diffusionSampler(req.diffusion, s.T, cfg.Toy.Model.LearnVariance)
	if err != nil {
		return nil, err
	}
	m, err := diffusion.NewToyDenoiser(cfg.Toy.Model, req.rng)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(req.dir, "model.json"), err)
	}
	if err := nn.Load(filepath.Join(req.dir, toyParams), m); err != nil {
		return nil, err
	}
	start := time.Now()
	x := sampler.Sample(m, s, tensor.RandN(req.rng, req.n, 2), req.rng)
	seconds := time.Since(start).Seconds()
	score, title, err := scoreToy(cfg.Toy.Data, x, req.seed+3, map[string]any{})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(req.stdout, "%d samples, %s, in %.2f s: %s\n", req.n, sampler, seconds, score)
	img, err := diffusion.ToyPanels(cfg.Toy.Data, []*tensor.Tensor{x}, []string{sampler.Label() + ": " + title}, 1)
	if err != nil {
		return nil, err
	}
	return nil, writeFigure(req.stdout, filepath.Dir(req.out), filepath.Base(req.out), img)
}

// diffusionRequest is what `aigc sample` asks of a diffusion model.
type diffusionRequest struct {
	sampler  string        // -sampler: ddpm or ddim
	steps    int           // -steps: the steps visited (0: all T)
	eta      float64       // -eta: DDIM's η
	variance string        // -variance: DDPM's σ_t², beta, betatilde or learned
	class    string        // -class: a digit, or none
	guidance optionalFloat // -guidance: w, if given
}

// optionalFloat is a float flag that knows whether it was given, for a
// default that depends on the model the flag is applied to.
type optionalFloat struct {
	v   float64
	set bool
}

// String is the flag's value as -h shows it: nothing when not given.
func (f *optionalFloat) String() string {
	if f == nil || !f.set {
		return ""
	}
	return strconv.FormatFloat(f.v, 'g', -1, 64)
}

// Set parses the flag's value.
func (f *optionalFloat) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%q is not a number", s)
	}
	f.v, f.set = v, true
	return nil
}

// or is the flag's value if it was given, else def.
func (f optionalFloat) or(def float64) float64 {
	if f.set {
		return f.v
	}
	return def
}

// diffusionSampler is the sampler r asks for, for a model of T steps
// that learns its variance or not.
func diffusionSampler(r diffusionRequest, T int, learned bool) (diffusion.Sampler, error) {
	if r.steps < 0 || r.steps > T {
		return diffusion.Sampler{}, fmt.Errorf("-steps %d: the model has T = %d steps; want 1 to %d (0: all)", r.steps, T, T)
	}
	if !(r.eta >= 0) {
		return diffusion.Sampler{}, fmt.Errorf("-eta %g: want η ≥ 0 (0: deterministic, 1: DDPM's variance)", r.eta)
	}
	switch r.sampler {
	case "ddim":
		if r.variance != "" {
			return diffusion.Sampler{}, fmt.Errorf("-variance %s: only -sampler ddpm takes a variance; DDIM's is η's", r.variance)
		}
		steps := r.steps
		if steps == 0 {
			steps = T
		}
		return diffusion.Sampler{DDIM: true, Steps: steps, Eta: r.eta}, nil
	case "ddpm", "":
		if r.eta != 0 {
			return diffusion.Sampler{}, fmt.Errorf("-eta %g: only -sampler ddim takes η", r.eta)
		}
		steps := r.steps
		if steps == T {
			steps = 0
		}
		switch r.variance {
		case "beta":
			return diffusion.Sampler{Variance: diffusion.VarianceBeta, Steps: steps}, nil
		case "betatilde":
			return diffusion.Sampler{Variance: diffusion.VarianceBetaTilde, Steps: steps}, nil
		case "learned":
			if !learned {
				return diffusion.Sampler{}, fmt.Errorf("-variance learned: this model does not learn its variance (train it with -learn-variance)")
			}
			return diffusion.Sampler{Variance: diffusion.VarianceLearned, Steps: steps}, nil
		case "":
			if learned {
				return diffusion.Sampler{Variance: diffusion.VarianceLearned, Steps: steps}, nil
			}
			return diffusion.Sampler{Variance: diffusion.VarianceBetaTilde, Steps: steps}, nil
		}
		return diffusion.Sampler{}, fmt.Errorf("-variance %q: want beta (σ_t² = β_t), betatilde (σ_t² = β̃_t) or, for a model trained with -learn-variance, learned", r.variance)
	}
	return diffusion.Sampler{}, fmt.Errorf("-sampler %q: want ddpm or ddim", r.sampler)
}
