package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/luoxia/aigc/chapters/foundations"
)

// The foundations chapter's kind.
func init() {
	register(&kind{
		name: "mlp", chapter: "foundations",
		summary: "an MLP classifier on MNIST digits",
		about:   "Trains the foundations chapter's MLP classifier on MNIST, prints its test\naccuracy, and writes digits.png (80 test digits, then 20 misclassified ones in\nred) and loss.png (the training loss per step) into -out/mlp.",
		flags:   mlpFlags,
		tour:    []string{},
	})
}

// mlpFlags are the flags of `aigc train mlp`.
func mlpFlags(f trainFlags) trainRun {
	cfg := foundations.DefaultConfig()
	f.epochs(&cfg.Epochs)
	f.batch(&cfg.BatchSize)
	f.lr(&cfg.LR)
	f.seed(&cfg.Seed)
	var trainSize int
	f.trainSize(&trainSize)
	mnist, out := f.mnist(), f.out()
	return func(stdout, stderr io.Writer) error {
		train, test, err := loadMNIST(*mnist)
		if err != nil {
			return err
		}
		if trainSize > 0 && trainSize < train.Len() {
			train = train.Head(trainSize)
		}
		dir, err := modelDir(*out, "mlp")
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "training an MLP classifier on %d training digits, tested on %d: network %v, %d epochs, seed %d\n",
			train.Len(), test.Len(), cfg.Layers(train.Rows*train.Cols), cfg.Epochs, cfg.Seed)
		start := time.Now()
		bar := newProgress(stderr)
		res, err := foundations.Train(cfg, train, test, func(p foundations.Progress) {
			bar.show(p.Epoch, p.Epochs, p.Step, p.Steps, p.Loss)
		})
		bar.done()
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "test accuracy %.2f%% after %s (%.1f ms per step)\n",
			100*res.TestAccuracy, time.Since(start).Round(time.Second), res.MsPerStep)
		grid, curve := filepath.Join(dir, "digits.png"), filepath.Join(dir, "loss.png")
		if err := foundations.WritePictures(res, test, grid, curve); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s (80 test digits, then 20 misclassified ones in red)\nwrote %s\n", grid, curve)
		return nil
	}
}
