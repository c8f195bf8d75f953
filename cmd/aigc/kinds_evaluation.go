package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/lib/tensor"
)

// The evaluation chapter's kind.
func init() {
	register(&kind{
		name: "classifier", chapter: "evaluation",
		summary: "the MNIST classifier whose features give MNIST-FID and MNIST-IS",
		about: "Trains the MNIST classifier whose penultimate features and class probabilities\n" +
			"give MNIST-FID and MNIST-IS, and keeps it in the cache folder, so that every\n" +
			"later evaluation uses the same weights. The same flags give the same weights.\n" +
			"It does nothing when that classifier is already there (unless -force); the\n" +
			"project ships the default one, which an empty cache receives on first use.\n" +
			"With -eval-size it then scores real digits and noise through it and writes\n" +
			"how MNIST-FID grows with noise and falls with the number of images into\n" +
			"-out/classifier.",
		flags:     classifierFlags,
		tour:      []string{"-eval-size", "5000"},
		tourHolds: []string{"seed", "train-size"},
	})
}

// classifierFlags are the flags of `aigc train classifier`.
func classifierFlags(f trainFlags) trainRun {
	cfg := evaluation.DefaultClassifierConfig()
	f.seed(&cfg.Seed)
	f.epochs(&cfg.Epochs)
	f.trainSize(&cfg.TrainSize)
	cache, mnist := f.cache(), f.mnist()
	force := f.Bool("force", false, "train again even if these weights are cached")
	minAcc := f.Float64("min-accuracy", 0, "fail unless the test accuracy is at least this (checks use 0.99)")
	compare := f.Bool("compare-shipped", false, "fail unless the weights are the ones the project ships, bit for bit (check.sh trains them with -force and this)")
	ship := f.Bool("ship", false, "write the weights into "+evaluation.ShippedDir+" (run from the repository's root), to ship them")
	var size int
	f.atLeast(&size, "eval-size", 0, "then score this many real digits and noise images against as many test digits, 100 to 10,000 (0: train only; the book uses 10,000)")
	out := f.out()
	return func(stdout, stderr io.Writer) error {
		if size != 0 && (size < 100 || size > 10000) {
			return fmt.Errorf("-eval-size %d: want 100 to 10,000 (the test digits), or 0", size)
		}
		dir, err := cacheDir(*cache)
		if err != nil {
			return err
		}
		var info *evaluation.ClassifierInfo
		if !*force {
			_, cached := os.Stat(evaluation.ClassifierPath(dir, cfg))
			_, info, err = evaluation.LoadClassifier(dir, cfg)
			if err != nil && !errors.Is(err, evaluation.ErrNotTrained) {
				return err
			}
			switch {
			case info != nil && cached != nil:
				fmt.Fprintf(stdout, "using the classifier that ships with luoxia (test accuracy %.2f%%), now in %s; -force trains it again\n",
					100*info.TestAccuracy, evaluation.ClassifierPath(dir, cfg))
			case info != nil:
				fmt.Fprintf(stdout, "classifier already trained: %s (test accuracy %.2f%%); -force trains it again\n",
					evaluation.ClassifierPath(dir, cfg), 100*info.TestAccuracy)
			}
		}
		if info == nil {
			if info, err = trainAndCache(cfg, dir, *mnist, stdout, stderr); err != nil {
				return err
			}
		}
		if info.TestAccuracy < *minAcc {
			return fmt.Errorf("test accuracy %.2f%% is below -min-accuracy %.2f%%", 100*info.TestAccuracy, 100**minAcc)
		}
		if *compare {
			msg, err := evaluation.CompareShipped(dir, cfg)
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, msg)
		}
		if *ship {
			to, err := evaluation.Ship(".", dir, cfg)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "shipped the weights as %s\n", to)
		}
		if size == 0 {
			return nil
		}
		clf, _, err := evaluation.LoadClassifier(dir, cfg)
		if err != nil {
			return err
		}
		figures, err := modelDir(*out, "classifier")
		if err != nil {
			return err
		}
		return classifierReport(clf, size, *mnist, figures, stdout)
	}
}

// classifierReport scores size training digits and size uniform noise
// images against size test digits through clf, and draws how MNIST-FID
// grows with added noise and how it depends on the number of images.
func classifierReport(clf *evaluation.Classifier, size int, mnist, dir string, stdout io.Writer) error {
	train, test, err := loadMNIST(mnist)
	if err != nil {
		return err
	}
	real, ref := train.Head(size).Images, test.Head(size).Images
	s, err := clf.Score(real, ref, evaluation.DefaultScoreOptions())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d training digits vs %d test digits: MNIST-FID %.2f, MNIST-IS %.2f, precision %.3f, recall %.3f, class KL %.4f\n",
		size, size, s.FID, s.IS, s.Precision, s.Recall, s.ClassKL)
	noise, err := clf.Score(evaluation.NoiseImages(size, tensor.NewRNG(1)), ref, evaluation.DefaultScoreOptions())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d uniform noise images vs %d test digits: MNIST-FID %.2f, MNIST-IS %.2f, precision %.3f, recall %.3f\n",
		size, size, noise.FID, noise.IS, noise.Precision, noise.Recall)
	curve, err := clf.NoiseCurve(real, ref, []float64{0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1}, 1)
	if err != nil {
		return err
	}
	img, err := evaluation.NoiseFigure(curve, noise.FID)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "fid-noise.png", img); err != nil {
		return err
	}
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
	fmt.Fprintf(stdout, "MNIST-FID of n training digits vs the test digits (the excess over large n is bias):")
	for i, n := range sizes.X {
		fmt.Fprintf(stdout, " n=%.0f: %.2f", n, sizes.FID[i])
	}
	fmt.Fprintln(stdout)
	if img, err = evaluation.SampleSizeFigure(sizes); err != nil {
		return err
	}
	return writeFigure(stdout, dir, "fid-samples.png", img)
}
