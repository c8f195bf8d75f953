package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// evalCGAN is `aigc eval cgan`.
func evalCGAN(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval cgan", "-checkpoint DIR [flags]", "Asks a conditional DCGAN trained by `aigc train cgan` for -n samples\nof each digit and reports how often the evaluation classifier reads the digit\nthat was asked for, per digit and on average.", stderr)
	ckpt := fs.String("checkpoint", "", "the model's folder, e.g. out/gan/cgan")
	n := fs.Int("n", 1000, "samples per digit")
	var seed uint64 = 1
	seedFlag(fs, &seed)
	cache := cacheFlag(fs)
	mnist := mnistFlag(fs)
	jsonOut := fs.String("json", "", "also write the accuracies as JSON to this file")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *ckpt == "" {
		fmt.Fprintln(stderr, "aigc eval cgan: -checkpoint names the conditional GAN's folder")
		fs.Usage()
		return errUsage
	}
	if *n < 1 || *n > maxSamples/10 {
		return fmt.Errorf("-n %d: want 1 to %d samples per digit", *n, maxSamples/10)
	}
	rec, err := readRecord(*ckpt)
	if err != nil {
		return err
	}
	if rec.Model != "cgan" {
		return fmt.Errorf("%s: the model is %q; aigc eval cgan needs a conditional GAN (cgan)", filepath.Join(*ckpt, "model.json"), rec.Model)
	}
	cfg, err := readMNISTConfig(*ckpt, rec)
	if err != nil {
		return err
	}
	g := gan.NewConditionalGenerator(cfg.ZDim, 10, cfg.Width, tensor.NewRNG(1))
	if err := nn.Load(filepath.Join(*ckpt, "generator.params"), g); err != nil {
		return err
	}
	clf, about, err := evalClassifier(*cache, *mnist, stdout, stderr)
	if err != nil {
		return err
	}
	perDigit, mean, err := gan.DigitAccuracy(g, clf, *n, tensor.NewRNG(seed))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s after %d steps: %d samples of each digit (%s)\n", *ckpt, rec.Steps, *n, about)
	fmt.Fprintln(stdout, "digit asked for   read as that digit")
	for k, a := range perDigit {
		fmt.Fprintf(stdout, "%11d       %6.1f%%\n", k, 100*a)
	}
	fmt.Fprintf(stdout, "mean              %6.1f%%\n", 100*mean)
	if *jsonOut != "" {
		return writeJSON(*jsonOut, map[string]any{"steps": rec.Steps, "per_digit": *n, "accuracy": perDigit, "mean": mean})
	}
	return nil
}
