package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/luoxia/aigc/chapters/diffusion"
	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// evalDiffusion is `aigc eval diffusion`: a U-Net's or a latent model's
// samplers, its guidance scales and (a U-Net's) bits per dimension,
// measured.
func evalDiffusion(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval diffusion", "-checkpoint DIR [flags]", "Measures a U-Net or a latent model trained by `aigc train diffusion -model unet` or\n-model latent. For each sampler of -samplers it draws -n digits without a label from\nthe same noise and scores them against MNIST's test digits through the evaluation\nclassifier (MNIST-FID, precision, recall) with the time taken; for each guidance scale\nof -guidance it draws -n digits, the digits 0-9 in turn, by -guided-sampler and reports\nhow often the classifier reads the digit asked for (the mean over digits), the FID and\nthe recall. For a latent model it then scores the first -n training digits as they\nare and as the VAE reconstructs them, the decoder's rendering of real codes; for a\nU-Net it estimates the test digits' variational bound in bits per dimension for each\nvariance the model has, from -bpd-n test digits with -strata network passes each (a\nlatent model's bound is on its codes, not on the pixels). A sampler is ddpm-K\n(ancestral, respaced to K steps; with a fixed-variance model, ddpm-K-beta or\nddpm-K-betatilde) or ddim-K (η = 0).", stderr)
	ckpt := fs.String("checkpoint", "", "the model's folder, e.g. out/diffusion/unet or out/diffusion/latent")
	n := fs.Int("n", 500, "digits drawn for each sampler and each guidance scale")
	samplers := fs.String("samplers", "default", "comma-separated samplers (default: ddpm-T, ddpm-50 (fixed variance: both -beta and -betatilde), ddim-50, ddim-20, ddim-10, those no longer than T; none: skip)")
	guidance := fs.String("guidance", "0,1,2,4", "comma-separated guidance scales w (none: skip)")
	guided := fs.String("guided-sampler", "", "the sampler of the guidance table (default ddim-50, or ddim-T if T is shorter)")
	bpdN := fs.Int("bpd-n", 500, "test digits for bits per dimension (0: skip)")
	strata := fs.Int("strata", 50, "network passes per test digit for bits per dimension, one step from each of this many runs of T/strata steps")
	var seed uint64 = 1
	seedFlag(fs, &seed)
	cache := cacheFlag(fs)
	mnist := mnistFlag(fs)
	jsonOut := fs.String("json", "", "also write the measurements as JSON to this file")
	figures := fs.Bool("figures", false, "also draw steps.png (one x_T per digit sampled by DDIM over 1000, 100, 50, 20 and 10 steps, those no longer than T) and guidance.png (the same x_T at each -guidance scale) into the checkpoint's folder")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *ckpt == "" {
		fmt.Fprintln(stderr, "aigc eval diffusion: -checkpoint names the model's folder")
		fs.Usage()
		return errUsage
	}
	if *n < 2 || *n > maxSamples || *bpdN < 0 || *bpdN == 1 || *bpdN > 10000 {
		return fmt.Errorf("-n %d, -bpd-n %d: want 2 to %d digits to draw, and -bpd-n 0 or 2 to 10,000 test digits", *n, *bpdN, maxSamples)
	}
	rec, err := readRecord(*ckpt)
	if err != nil {
		return err
	}
	var cfg diffusionConfig
	if err := decodeConfig(*ckpt, rec, "", &cfg); err != nil {
		return err
	}
	if rec.Model != "diffusion" || (cfg.Model != "unet" && cfg.Model != "latent") {
		return fmt.Errorf("%s: aigc eval diffusion measures a U-Net or a latent model (aigc train diffusion -model unet or latent), not this %s model", filepath.Join(*ckpt, "model.json"), rec.Model)
	}
	var (
		m       *diffusion.UNet
		latent  *latentModel
		s       *diffusion.Schedule
		classes int
		draw    digitDrawer
	)
	if cfg.Model == "latent" {
		if latent, err = loadLatent(*ckpt, cfg.Latent); err != nil {
			return err
		}
		s, classes, draw = latent.s, latent.m.NumClasses(), latent.drawDigits
	} else if s, err = cfg.UNet.Schedule(); err != nil {
		return err
	}
	learned := cfg.UNet.Model.LearnVariance
	list, err := parseSamplers(*samplers, s.T, learned)
	if err != nil {
		return fmt.Errorf("-samplers: %w", err)
	}
	var scales []float64
	if *guidance != "none" {
		if latent == nil {
			classes = cfg.UNet.Model.Classes
		}
		if classes == 0 {
			return fmt.Errorf("-guidance %s: %s was trained without labels (use -guidance none)", *guidance, *ckpt)
		}
		for _, f := range strings.Split(*guidance, ",") {
			w, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil || w < 0 {
				return fmt.Errorf("-guidance %q: %q is not a scale w ≥ 0", *guidance, f)
			}
			scales = append(scales, w)
		}
	}
	if *guided == "" {
		*guided = fmt.Sprintf("ddim-%d", min(50, s.T))
	}
	guidedSampler, err := parseSamplers(*guided, s.T, learned)
	if err != nil || len(guidedSampler) != 1 {
		return fmt.Errorf("-guided-sampler %q: want one sampler (%v)", *guided, err)
	}
	if latent == nil && (*strata < 1 || *strata > s.T) {
		return fmt.Errorf("-strata %d: want 1 to T = %d", *strata, s.T)
	}
	if latent == nil {
		if m, err = diffusion.NewUNet(cfg.UNet.Model, tensor.NewRNG(1)); err != nil {
			return err
		}
		if err := nn.Load(filepath.Join(*ckpt, unetParams), m); err != nil {
			return err
		}
		draw = func(sm diffusion.Sampler, labels []int, w float64, n int, rng *tensor.RNG) (*tensor.Tensor, error) {
			return diffusion.SampleImages(m, s, sm, labels, w, n, rng)
		}
	}
	_, test, err := loadMNIST(*mnist)
	if err != nil {
		return err
	}
	clf, about, err := evalClassifier(*cache, *mnist, stdout, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s after %d steps; %d digits a row, against MNIST's %d test digits (%s)\n", *ckpt, rec.Steps, *n, test.Len(), about)
	measured := map[string]any{"checkpoint": *ckpt, "steps": rec.Steps, "n": *n, "seed": seed}
	var rows []map[string]any
	if len(list) > 0 {
		fmt.Fprintln(stdout, "sampler (no label)                   MNIST-FID  precision  recall   seconds")
	}
	for _, sm := range list {
		start := time.Now()
		x, err := draw(sm, nil, 0, *n, tensor.NewRNG(seed))
		if err != nil {
			return err
		}
		secs := time.Since(start).Seconds()
		sc, err := clf.Score(x, test.Images, evaluation.DefaultScoreOptions())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s %9.2f  %9.3f  %6.3f  %8.1f\n", padRight(sm.String(), 36), sc.FID, sc.Precision, sc.Recall, secs)
		rows = append(rows, map[string]any{"sampler": sm.String(), "fid": sc.FID, "precision": sc.Precision, "recall": sc.Recall, "seconds": secs})
	}
	measured["samplers"] = rows
	var grows []map[string]any
	if len(scales) > 0 {
		fmt.Fprintf(stdout, "guidance w (%s)   read as asked  MNIST-FID  recall   seconds\n", guidedSampler[0])
	}
	for _, w := range scales {
		labels, _ := digitLabels("", *n)
		start := time.Now()
		x, err := draw(guidedSampler[0], labels, w, *n, tensor.NewRNG(seed))
		if err != nil {
			return err
		}
		secs := time.Since(start).Seconds()
		acc := digitAccuracy(clf.Predict(x), labels)
		sc, err := clf.Score(x, test.Images, evaluation.DefaultScoreOptions())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%10g %24.1f%%  %9.2f  %6.3f  %8.1f\n", w, 100*acc, sc.FID, sc.Recall, secs)
		grows = append(grows, map[string]any{"w": w, "accuracy": acc, "fid": sc.FID, "precision": sc.Precision, "recall": sc.Recall, "seconds": secs})
	}
	measured["guidance"] = grows
	if latent != nil {
		if measured["reference"], err = latentReference(latent, *mnist, *n, clf, test.Images, stdout); err != nil {
			return err
		}
	}
	if *bpdN > 0 && latent != nil {
		fmt.Fprintln(stdout, "bits/dim: not for a latent model, whose variational bound is on its standardised codes, not on the test digits' pixels")
	}
	if *bpdN > 0 && latent == nil {
		variances := []diffusion.Variance{diffusion.VarianceBeta, diffusion.VarianceBetaTilde}
		if learned {
			variances = append(variances, diffusion.VarianceLearned)
		}
		x0 := diffusion.ToSigned(test.Head(*bpdN).Images)
		start := time.Now()
		bpd, err := diffusion.BitsPerDim(m, s, x0, variances, *strata, tensor.NewRNG(seed))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "the variational bound of the first %d test digits (%d passes each, %.0f s):\n", x0.Shape[0], *strata, time.Since(start).Seconds())
		var brows []map[string]any
		for _, b := range bpd {
			fmt.Fprintf(stdout, "  σ² = %s  %v\n", padRight(b.Variance.String(), 8), b)
			brows = append(brows, map[string]any{"variance": b.Variance.String(), "bits_per_dim": b.Mean, "stderr": b.StdErr, "n": b.N})
		}
		measured["bits_per_dim"] = brows
		measured["strata"] = *strata
	}
	if *figures {
		var net diffusion.ClassDenoiser = m
		dim, pixels := 0, diffusion.ToPixels
		if latent != nil {
			net, dim, pixels = latent.m, latent.m.Cfg.Dim, latent.decode
		} else {
			dim = m.Cfg.Side * m.Cfg.Side
		}
		if err := writeDiffusionFigures(stdout, *ckpt, net, s, dim, pixels, scales, seed); err != nil {
			return err
		}
	}
	if *jsonOut != "" {
		if err := writeJSON(*jsonOut, measured); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", *jsonOut)
	}
	return nil
}

// digitDrawer draws n digits [n, 784] in [0, 1] from a diffusion model
// with the sampler, for the labels (nil: none) at guidance w.
type digitDrawer func(sm diffusion.Sampler, labels []int, w float64, n int, rng *tensor.RNG) (*tensor.Tensor, error)

// digitAccuracy is how often pred reads the label asked for, the mean
// over the digits asked for.
func digitAccuracy(pred, labels []int) float64 {
	var right, count [10]float64
	for i, y := range labels {
		count[y]++
		if pred[i] == y {
			right[y]++
		}
	}
	sum, k := 0.0, 0
	for y := range count {
		if count[y] > 0 {
			sum += right[y] / count[y]
			k++
		}
	}
	return sum / float64(k)
}

// parseSamplers reads a list of samplers (see evalDiffusion) for a model
// of T steps that learns its variance or not.
func parseSamplers(list string, T int, learned bool) ([]diffusion.Sampler, error) {
	if list == "none" {
		return nil, nil
	}
	if list == "default" {
		fields := []string{fmt.Sprintf("ddpm-%d", T)}
		if 50 < T {
			if learned {
				fields = append(fields, "ddpm-50")
			} else {
				fields = append(fields, "ddpm-50-beta", "ddpm-50-betatilde")
			}
		}
		for _, k := range []int{50, 20, 10} {
			if k <= T {
				fields = append(fields, fmt.Sprintf("ddim-%d", k))
			}
		}
		list = strings.Join(fields, ",")
	}
	var out []diffusion.Sampler
	for _, f := range strings.Split(list, ",") {
		parts := strings.Split(strings.TrimSpace(f), "-")
		if len(parts) < 2 || len(parts) > 3 {
			return nil, fmt.Errorf("%q: want ddpm-K, ddpm-K-VARIANCE or ddim-K", f)
		}
		k, err := strconv.Atoi(parts[1])
		if err != nil || k < 1 || k > T {
			return nil, fmt.Errorf("%q: K must be 1 to T = %d", f, T)
		}
		r := diffusionRequest{sampler: parts[0], steps: k}
		if len(parts) == 3 {
			r.variance = parts[2]
		}
		sm, err := diffusionSampler(r, T, learned)
		if err != nil {
			return nil, fmt.Errorf("%q: %v", f, err)
		}
		out = append(out, sm)
	}
	return out, nil
}

// writeDiffusionFigures draws steps.png and guidance.png into dir: ten
// digits, 0 to 9, from one x_T [10, dim] each, sampled by deterministic
// DDIM over fewer and fewer steps (a row each) at the default guidance,
// and over 50 steps at each guidance scale (a row each; none for an
// unconditional model), turned into pixels by pixels.
func writeDiffusionFigures(stdout io.Writer, dir string, m diffusion.ClassDenoiser, s *diffusion.Schedule, dim int, pixels func(*tensor.Tensor) *tensor.Tensor, scales []float64, seed uint64) error {
	xT := tensor.RandN(tensor.NewRNG(seed+5), 10, dim)
	var net diffusion.Denoiser = m
	labels, _ := digitLabels("", 10)
	if m.NumClasses() > 0 {
		net = diffusion.Guided{M: m, Y: labels, W: diffusion.DefaultGuidance}
	}
	var rows []*tensor.Tensor
	var names []string
	for _, k := range []int{1000, 100, 50, 20, 10} {
		if k <= s.T {
			rows = append(rows, diffusion.SampleDDIM(net, s, xT, diffusion.StridedSteps(s.T, k), 0, nil))
			names = append(names, strconv.Itoa(k))
		}
	}
	if err := writeDigitGrid(stdout, dir, "steps.png", pixels(tensor.Concat(0, rows...)), 10); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "  rows: DDIM over %s steps\n", strings.Join(names, ", "))
	if m.NumClasses() == 0 || len(scales) == 0 {
		return nil
	}
	rows, names = nil, nil
	steps := diffusion.StridedSteps(s.T, min(50, s.T))
	for _, w := range scales {
		g := diffusion.Guided{M: m, Y: labels, W: w}
		rows = append(rows, diffusion.SampleDDIM(g, s, xT, steps, 0, nil))
		names = append(names, strconv.FormatFloat(w, 'g', -1, 64))
	}
	if err := writeDigitGrid(stdout, dir, "guidance.png", pixels(tensor.Concat(0, rows...)), 10); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "  rows: guidance w = %s\n", strings.Join(names, ", "))
	return nil
}
