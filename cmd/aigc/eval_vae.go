package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/luoxia/aigc/chapters/vae"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// maxRefined bounds aigc eval vae's -n: every digit's code is fitted
// with its own graph over the whole batch, so 10,000 digits already take
// the memory of a large training batch.
const maxRefined = 10000

// evalVAE is `aigc eval vae`: the amortisation gap.
func evalVAE(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval vae", "-checkpoint DIR [flags]", "Measures the amortisation gap of a VAE trained by `aigc train vae`: the test\ndigits' negative ELBO with the encoder's q(z|x), and with each digit's q fitted\non its own by Adam on the same bound, the decoder held fixed.", stderr)
	ckpt := fs.String("checkpoint", "", "the model's folder, e.g. out/vae/mlp or out/vae/conv")
	n := fs.Int("n", 500, fmt.Sprintf("test digits, the first n (at most %d)", maxRefined))
	cfg := vae.DefaultRefine()
	fs.IntVar(&cfg.Steps, "steps", cfg.Steps, "Adam steps fitting each digit's q")
	fs.Float64Var(&cfg.LR, "lr", cfg.LR, "Adam's learning rate for the fit")
	draws := fs.Int("draws", 10, "noise draws per digit estimating each bound")
	var seed uint64 = 1
	seedFlag(fs, &seed)
	mnist := mnistFlag(fs)
	jsonOut := fs.String("json", "", "also write the measurements as JSON to this file")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	switch {
	case *ckpt == "":
		fmt.Fprintln(stderr, "aigc eval vae: -checkpoint names the VAE's folder")
		fs.Usage()
		return errUsage
	case *n < 1 || *n > maxRefined:
		return fmt.Errorf("-n %d: want 1 to %d test digits", *n, maxRefined)
	case *draws < 1 || *draws > 1000:
		return fmt.Errorf("-draws %d: want 1 to 1000 noise draws per digit", *draws)
	case cfg.Steps < 0 || cfg.Steps > 100000:
		return fmt.Errorf("-steps %d: want 0 to 100000", cfg.Steps)
	case !(cfg.LR > 0):
		return fmt.Errorf("-lr %g: want a learning rate > 0", cfg.LR)
	}
	cfg.Seed = seed
	rec, err := readRecord(*ckpt)
	if err != nil {
		return err
	}
	if rec.Model != "vae" {
		return fmt.Errorf("%s: the model is %q; aigc eval vae needs a VAE", filepath.Join(*ckpt, "model.json"), rec.Model)
	}
	m, err := loadVAE(*ckpt, rec)
	if err != nil {
		return err
	}
	_, test, err := loadMNIST(*mnist)
	if err != nil {
		return err
	}
	if *n > test.Len() {
		return fmt.Errorf("-n %d: there are %d test digits", *n, test.Len())
	}
	start := time.Now()
	enc, refined, err := vae.AmortisationGap(m, test.Head(*n).Images, cfg, *draws, seed+1)
	if err != nil {
		return err
	}
	seconds := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "%s: negative ELBO of the first %d test digits (%d noise draws each), nats a digit\n", *ckpt, *n, *draws)
	fmt.Fprintf(stdout, "  the encoder's q(z|x)          %8.2f\n", enc)
	fmt.Fprintf(stdout, "  each digit's q, fitted alone  %8.2f   (%d Adam steps at %g, %.0f s)\n", refined, cfg.Steps, cfg.LR, seconds)
	fmt.Fprintf(stdout, "  amortisation gap              %8.2f\n", enc-refined)
	if *jsonOut != "" {
		return writeJSON(*jsonOut, map[string]any{"n": *n, "draws": *draws, "steps": cfg.Steps, "lr": cfg.LR,
			"encoder": enc, "refined": refined, "gap": enc - refined, "seconds": seconds})
	}
	return nil
}

// loadVAE builds the VAE a checkpoint's model.json describes and loads
// its parameters.
func loadVAE(dir string, rec *modelRecord) (vae.Model, error) {
	var cfg vae.Config
	if err := decodeConfig(dir, rec, "", &cfg); err != nil {
		return nil, err
	}
	m, err := cfg.NewModel(data.MNISTPixels, tensor.NewRNG(1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "model.json"), err)
	}
	if err := nn.Load(filepath.Join(dir, "vae.params"), m); err != nil {
		return nil, err
	}
	return m, nil
}
