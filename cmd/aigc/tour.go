package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/luoxia/aigc/chapters/foundations"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// runTour is `aigc tour`: each chapter adds a stop. The first stop trains
// the foundations chapter's MNIST classifier.
func runTour(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("tour", "[flags]", "Trains the tour's models on the default data, prints what they reach, and\nwrites their pictures as PNG files.", stderr)
	cfg := foundations.DefaultConfig()
	out := fs.String("out", filepath.Join("out", "tour"), "folder for the tour's pictures (created if missing)")
	mnist := fs.String("mnist", "", "folder with the MNIST IDX files (default: $"+data.MNISTEnv+", else the GoMNIST module's copy)")
	trainSize := fs.Int("train-size", 0, "use only the first N training digits (0: all 60,000)")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed: the same seed gives the same run")
	fs.IntVar(&cfg.Epochs, "epochs", cfg.Epochs, "passes over the training digits")
	fs.IntVar(&cfg.BatchSize, "batch", cfg.BatchSize, "digits per training step")
	fs.Float64Var(&cfg.LR, "lr", cfg.LR, "Adam's peak learning rate")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
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
	fmt.Fprintf(stdout, "luoxia tour · matrix products by %s\n", tensor.BLAS())
	fmt.Fprintf(stdout, "\n[1] foundations: an MLP classifier on MNIST (%s)\n", dir)
	train, test, err := data.LoadMNIST(dir)
	if err != nil {
		return err
	}
	if *trainSize > 0 && *trainSize < train.Len() {
		train = train.Head(*trainSize)
	}
	fmt.Fprintf(stdout, "    %d training and %d test digits, network %v, %d epochs, seed %d\n",
		train.Len(), test.Len(), cfg.Layers(train.Rows*train.Cols), cfg.Epochs, cfg.Seed)
	start := time.Now()
	res, err := foundations.Train(cfg, train, test, progressLine(stderr, start))
	if isTerminal(stderr) {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "    test accuracy %.2f%% after %s (%.1f ms per step)\n",
		100*res.TestAccuracy, time.Since(start).Round(time.Second), res.MsPerStep)

	grid := filepath.Join(*out, "foundations-digits.png")
	curve := filepath.Join(*out, "foundations-loss.png")
	if err := foundations.WritePictures(res, test, grid, curve); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "    wrote %s (80 test digits, then 20 misclassified ones in red)\n    wrote %s\n", grid, curve)
	return nil
}

// progressLine returns a callback that shows training progress on w: one
// line rewritten in place about once a second on a terminal, and a new line
// every ten seconds (and at the end) when w is a file or a pipe.
func progressLine(w io.Writer, start time.Time) func(foundations.Progress) {
	every, end := 10*time.Second, "\n"
	if isTerminal(w) {
		every, end = time.Second/2, ""
	}
	var last time.Time
	return func(p foundations.Progress) {
		if time.Since(last) < every && p.Step != p.Steps {
			return
		}
		last = time.Now()
		prefix := ""
		if end == "" {
			prefix = "\r"
		}
		fmt.Fprintf(w, "%s    epoch %d/%d  step %5d/%d  loss %.4f  %5.1fs %s",
			prefix, p.Epoch, p.Epochs, p.Step, p.Steps, p.Loss, time.Since(start).Seconds(), end)
	}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
