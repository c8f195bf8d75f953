package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// evalCycleGAN is `aigc eval cyclegan`.
func evalCycleGAN(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval cyclegan", "-checkpoint DIR [flags]", "Translates the first -n test digits into bold ones and bold versions of them back,\nwith a CycleGAN trained by `aigc train cyclegan`, and reports how often the\nevaluation classifier reads each translation as the digit it came from, how far\nthe round trips land from where they started, and the ink each side carries.", stderr)
	ckpt := fs.String("checkpoint", "", "the model's folder, e.g. out/gan/cyclegan")
	n := fs.Int("n", 2000, "test digits to translate")
	cache := cacheFlag(fs)
	mnist := mnistFlag(fs)
	jsonOut := fs.String("json", "", "also write the scores as JSON to this file")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *ckpt == "" {
		fmt.Fprintln(stderr, "aigc eval cyclegan: -checkpoint names the CycleGAN's folder")
		fs.Usage()
		return errUsage
	}
	if *n < 1 || *n > 10000 {
		return fmt.Errorf("-n %d: want 1 to 10,000 test digits", *n)
	}
	rec, err := readRecord(*ckpt)
	if err != nil {
		return err
	}
	if rec.Model != "cyclegan" {
		return fmt.Errorf("%s: the model is %q; aigc eval cyclegan needs a CycleGAN (cyclegan)", filepath.Join(*ckpt, "model.json"), rec.Model)
	}
	var cfg gan.CycleConfig
	if err := decodeConfig(*ckpt, rec, "", &cfg); err != nil {
		return err
	}
	res := &gan.CycleResult{G: gan.NewTranslator(cfg.Width, tensor.NewRNG(1)), F: gan.NewTranslator(cfg.Width, tensor.NewRNG(1))}
	if err := nn.Load(filepath.Join(*ckpt, "g.params"), res.G); err != nil {
		return err
	}
	if err := nn.Load(filepath.Join(*ckpt, "f.params"), res.F); err != nil {
		return err
	}
	_, test, err := loadMNIST(*mnist)
	if err != nil {
		return err
	}
	clf, about, err := evalClassifier(*cache, *mnist, stdout, stderr)
	if err != nil {
		return err
	}
	digits := test.Head(*n)
	s := res.Score(digits.Images, digits.Labels, clf)
	fmt.Fprintf(stdout, "%s after %d steps, on the first %d test digits (%s):\n", *ckpt, rec.Steps, *n, about)
	fmt.Fprintf(stdout, "read as the digit they came from: %.1f%% of G(x) (into bold), %.1f%% of F(y) (back to written)\n", 100*s.KeptXY, 100*s.KeptYX)
	fmt.Fprintf(stdout, "round trips off by %.3f per pixel on average\n", s.CycleError)
	fmt.Fprintf(stdout, "mean pixel: written %.3f, bold %.3f, G(x) %.3f, F(y) %.3f\n", s.InkX, s.InkY, s.InkGX, s.InkFY)
	if *jsonOut != "" {
		return writeJSON(*jsonOut, map[string]any{"steps": rec.Steps, "digits": *n, "scores": s})
	}
	return nil
}
