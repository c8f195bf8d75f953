package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/chapters/foundations"
	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/chapters/vae"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// tourStops are the tour's stops, one per chapter, in the book's order.
var tourStops = []string{"foundations", "evaluation", "gan", "vae"}

// tourRun is what every stop of the tour shares.
type tourRun struct {
	train, test    *data.Dataset
	out, cache     string
	mnist          string
	stdout, stderr io.Writer
}

// runTour is `aigc tour`: each chapter adds a stop.
func runTour(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("tour", "[flags]", "Trains the tour's models on the default data, prints what they reach, and\nwrites their pictures as PNG files.", stderr)
	cfg := foundations.DefaultConfig()
	out := fs.String("out", filepath.Join("out", "tour"), "folder for the tour's pictures (created if missing)")
	mnist := fs.String("mnist", "", "folder with the MNIST IDX files (default: $"+data.MNISTEnv+", else the GoMNIST module's copy)")
	stops := fs.String("stops", strings.Join(tourStops, ","), "the stops to make, comma-separated")
	cache := fs.String("cache", "", "folder trained weights are kept in (default: $"+evaluation.CacheEnv+", else the user cache folder's luoxia/)")
	trainSize := fs.Int("train-size", 0, "foundations, vae: use only the first N training digits (0: all 60,000)")
	evalSize := fs.Int("eval-size", 10000, "evaluation: images on each side of every comparison (the book uses 10,000)")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "foundations: random seed; the same seed gives the same run")
	fs.IntVar(&cfg.Epochs, "epochs", cfg.Epochs, "foundations: passes over the training digits")
	fs.IntVar(&cfg.BatchSize, "batch", cfg.BatchSize, "foundations: digits per training step")
	fs.Float64Var(&cfg.LR, "lr", cfg.LR, "foundations: Adam's peak learning rate")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	want := map[string]bool{}
	for _, s := range strings.Split(*stops, ",") {
		if !contains(tourStops, s) {
			return fmt.Errorf("-stops: no stop %q (the stops are %s)", s, strings.Join(tourStops, ", "))
		}
		want[s] = true
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("-out: %w", err)
	}
	dir := *mnist
	if dir == "" {
		var err error
		if dir, err = data.MNISTDir(); err != nil {
			return err
		}
	}
	train, test, err := data.LoadMNIST(dir)
	if err != nil {
		return err
	}
	cacheFolder, err := cacheDir(*cache)
	if err != nil {
		return err
	}
	r := &tourRun{train: train, test: test, out: *out, cache: cacheFolder, mnist: dir, stdout: stdout, stderr: stderr}
	fmt.Fprintf(stdout, "luoxia tour · matrix products by %s · MNIST from %s\n", tensor.BLAS(), dir)
	n := 0
	if want["foundations"] {
		n++
		if err := r.foundations(n, cfg, *trainSize); err != nil {
			return err
		}
	}
	if want["evaluation"] {
		n++
		if *evalSize < 100 || *evalSize > 10000 {
			return fmt.Errorf("-eval-size %d: want 100 to 10,000 (the test digits)", *evalSize)
		}
		if err := r.evaluation(n, *evalSize); err != nil {
			return err
		}
	}
	if want["gan"] {
		n++
		if err := r.gan(n); err != nil {
			return err
		}
	}
	if want["vae"] {
		n++
		if err := r.vae(n, *trainSize); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// foundations trains the foundations chapter's MLP classifier.
func (r *tourRun) foundations(n int, cfg foundations.Config, trainSize int) error {
	train := r.train
	if trainSize > 0 && trainSize < train.Len() {
		train = train.Head(trainSize)
	}
	fmt.Fprintf(r.stdout, "\n[%d] foundations: an MLP classifier on MNIST\n", n)
	fmt.Fprintf(r.stdout, "    %d training and %d test digits, network %v, %d epochs, seed %d\n",
		train.Len(), r.test.Len(), cfg.Layers(train.Rows*train.Cols), cfg.Epochs, cfg.Seed)
	start := time.Now()
	bar := newProgress(r.stderr)
	res, err := foundations.Train(cfg, train, r.test, func(p foundations.Progress) {
		bar.show(p.Epoch, p.Epochs, p.Step, p.Steps, p.Loss)
	})
	bar.done()
	if err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    test accuracy %.2f%% after %s (%.1f ms per step)\n",
		100*res.TestAccuracy, time.Since(start).Round(time.Second), res.MsPerStep)
	grid := filepath.Join(r.out, "foundations-digits.png")
	curve := filepath.Join(r.out, "foundations-loss.png")
	if err := foundations.WritePictures(res, r.test, grid, curve); err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    wrote %s (80 test digits, then 20 misclassified ones in red)\n    wrote %s\n", grid, curve)
	return nil
}

// evaluation measures real digits and noise with the evaluation
// classifier (training it first if it is not cached) and draws how
// MNIST-FID grows with noise.
func (r *tourRun) evaluation(n, size int) error {
	fmt.Fprintf(r.stdout, "\n[%d] evaluation: MNIST-FID and MNIST-IS through the book's own classifier\n", n)
	cfg := evaluation.DefaultClassifierConfig()
	clf, info, err := evaluation.LoadClassifier(r.cache, cfg)
	if errors.Is(err, evaluation.ErrNotTrained) {
		if _, err = trainAndCache(cfg, r.cache, r.mnist, r.stdout, r.stderr); err != nil {
			return err
		}
		clf, info, err = evaluation.LoadClassifier(r.cache, cfg)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    classifier %s: test accuracy %.2f%%\n", evaluation.ClassifierPath(r.cache, cfg), 100*info.TestAccuracy)
	real, ref := r.train.Head(size).Images, r.test.Head(size).Images
	s, err := clf.Score(real, ref, evaluation.DefaultScoreOptions())
	if err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    %d training digits vs %d test digits: MNIST-FID %.2f, MNIST-IS %.2f, precision %.3f, recall %.3f\n",
		size, size, s.FID, s.IS, s.Precision, s.Recall)
	noise, err := clf.Score(evaluation.NoiseImages(size, tensor.NewRNG(1)), ref, evaluation.DefaultScoreOptions())
	if err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    %d uniform noise images vs %d test digits: MNIST-FID %.2f, MNIST-IS %.2f, precision %.3f, recall %.3f\n",
		size, size, noise.FID, noise.IS, noise.Precision, noise.Recall)
	curve, err := clf.NoiseCurve(real, ref, []float64{0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1}, 1)
	if err != nil {
		return err
	}
	img, err := evaluation.NoiseFigure(curve, noise.FID)
	if err != nil {
		return err
	}
	path := filepath.Join(r.out, "evaluation-fid-noise.png")
	if err := plot.WritePNG(path, img); err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    wrote %s (MNIST-FID against added noise)\n", path)

	var ns []int
	for _, m := range []int{100, 200, 500, 1000, 2000, 5000, 10000} {
		if m <= size {
			ns = append(ns, m)
		}
	}
	sizes, err := clf.SampleSizeCurve(real, ref, ns)
	if err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    MNIST-FID of n training digits vs the test digits (the excess over large n is bias):")
	for i, n := range sizes.X {
		fmt.Fprintf(r.stdout, " n=%.0f: %.2f", n, sizes.FID[i])
	}
	fmt.Fprintln(r.stdout)
	if img, err = evaluation.SampleSizeFigure(sizes); err != nil {
		return err
	}
	path = filepath.Join(r.out, "evaluation-fid-samples.png")
	if err := plot.WritePNG(path, img); err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    wrote %s (MNIST-FID against the number of images)\n", path)
	return nil
}

// gan trains the GAN chapter's plain GAN and E-GAN on the ring of eight
// Gaussians and compares the modes they cover.
func (r *tourRun) gan(n int) error {
	fmt.Fprintf(r.stdout, "\n[%d] gan: a GAN and an evolutionary GAN on eight Gaussians in a ring\n", n)
	cfg := gan.DefaultEGANConfig()
	for _, model := range []string{"ring", "egan"} {
		bar := newProgress(r.stderr)
		show := func(p gan.RingProgress) {
			bar.line(p.Step, p.Steps, fmt.Sprintf("loss D %.3f G %.3f", p.DLoss, p.GLoss))
		}
		var res *gan.RingResult
		var err error
		name := "GAN"
		if model == "egan" {
			name = "E-GAN"
			res, err = gan.TrainRingEGAN(cfg, show)
		} else {
			res, err = gan.TrainRing(cfg.Ring, show)
		}
		bar.done()
		if err != nil {
			return err
		}
		fmt.Fprintf(r.stdout, "    %-5s after %d steps (%.1f ms/step): %s\n", name, cfg.Ring.Steps, res.MsPerStep, res.Coverage(10000, 2))
		img, err := gan.RingSamplesFigure(res, 4)
		if err != nil {
			return err
		}
		path := filepath.Join(r.out, "gan-"+model+".png")
		if err := plot.WritePNG(path, img); err != nil {
			return err
		}
		fmt.Fprintf(r.stdout, "    wrote %s (samples over training)\n", path)
	}
	return nil
}

// vae trains the VAE chapter's MLP VAE for one epoch and draws its
// reconstructions and samples.
func (r *tourRun) vae(n, trainSize int) error {
	train := r.train
	if trainSize > 0 && trainSize < train.Len() {
		train = train.Head(trainSize)
	}
	cfg := vae.DefaultConfig()
	cfg.Epochs = 1
	fmt.Fprintf(r.stdout, "\n[%d] vae: the PyTorch examples' VAE (784-400-20, Bernoulli decoder) for one epoch on %d digits\n", n, train.Len())
	bar := newProgress(r.stderr)
	res, err := vae.Train(cfg, train, r.test, func(p vae.Progress) {
		bar.line(p.Step, p.Steps, fmt.Sprintf("loss %.2f", p.Loss))
	})
	bar.done()
	if err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    test -ELBO %.2f nats per digit (reconstruction %.2f + KL %.2f) after %.0f s; seven epochs reach about 107\n",
		res.TestLoss[0], res.TestRecon[0], res.TestKL[0], res.Seconds)
	img, err := vae.ReconstructionFigure(res.Model, tensor.Slice(r.test.Images, 0, 0, 20), 10)
	if err != nil {
		return err
	}
	path := filepath.Join(r.out, "vae-reconstructions.png")
	if err := plot.WritePNG(path, img); err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    wrote %s (test digits above their reconstructions)\n", path)
	if img, err = vae.SamplesFigure(res.Model, 50, 10, tensor.NewRNG(cfg.Seed+2)); err != nil {
		return err
	}
	path = filepath.Join(r.out, "vae-samples.png")
	if err := plot.WritePNG(path, img); err != nil {
		return err
	}
	fmt.Fprintf(r.stdout, "    wrote %s (codes from the prior, decoded)\n", path)
	return nil
}
