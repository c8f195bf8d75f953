package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// runSample is `aigc sample`: it draws from a trained generator.
func runSample(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sample", "-checkpoint DIR [flags]", "Draws samples from a model trained by `aigc train gan` or `aigc train vae` (the\nfolder holding its model.json and parameters). Digits go to a .png grid or, for `aigc eval images`,\nan .idx file; ring samples to a .png scatter plot; the CycleGAN translates test\ndigits to bold and back.", stderr)
	ckpt := fs.String("checkpoint", "", "the model's folder, e.g. out/gan/dcgan")
	n := fs.Int("n", 100, "how many samples")
	out := fs.String("out", "", "file to write: .png (a picture) or .idx (digits, for aigc eval images); default DIR/sampled.png")
	seed := fs.Uint64("seed", 1, "random seed for the noise")
	digits := fs.String("digits", "", "cgan: the digits to ask for, comma-separated (default: 0-9 in turn)")
	mnist := fs.String("mnist", "", "cyclegan: folder with the MNIST IDX files (default: the GoMNIST module's copy)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *ckpt == "" {
		fmt.Fprintln(stderr, "aigc sample: -checkpoint names the model's folder")
		fs.Usage()
		return errUsage
	}
	if *n < 1 {
		return fmt.Errorf("-n %d: want at least 1", *n)
	}
	if *out == "" {
		*out = filepath.Join(*ckpt, "sampled.png")
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if ext != ".png" && ext != ".idx" {
		return fmt.Errorf("-out %s: write a .png or an .idx file", *out)
	}
	rec, err := readRecord(*ckpt)
	if err != nil {
		return err
	}
	rng := tensor.NewRNG(*seed)
	var images *tensor.Tensor // [n, 784] in [0, 1], for digit models
	switch rec.Model {
	case "ring", "egan":
		if ext != ".png" {
			return fmt.Errorf("-out %s: ring samples are points in the plane; write a .png", *out)
		}
		var cfg gan.RingConfig
		inside := ""
		if rec.Model == "egan" {
			inside = "Ring" // EGANConfig.Ring
		}
		if err := decodeConfig(*ckpt, rec, inside, &cfg); err != nil {
			return err
		}
		g := gan.NewRingGenerator(cfg.ZDim, cfg.Hidden, rng)
		if err := nn.Load(filepath.Join(*ckpt, "generator.params"), g); err != nil {
			return err
		}
		pts := g.Sample(*n, *seed)
		cov := gan.ModeCoverage(pts, gan.RingCentres(gan.RingModes, gan.RingRadius), gan.RingStd)
		fmt.Fprintf(stdout, "%d samples: %s\n", *n, cov)
		img, err := plot.Scatter(fmt.Sprintf("%s: %d samples", rec.Model, *n), []plot.Points{{Name: "samples", XY: pts}, {Name: "mode centres", XY: gan.RingCentres(gan.RingModes, gan.RingRadius)}})
		if err != nil {
			return err
		}
		return writeFigure(stdout, filepath.Dir(*out), filepath.Base(*out), img)
	case "dcgan", "cgan", "egan-mnist":
		cfg, err := readMNISTConfig(*ckpt, rec)
		if err != nil {
			return err
		}
		if rec.Model != "cgan" {
			g := gan.NewGenerator(cfg.ZDim, cfg.Width, rng)
			if err := nn.Load(filepath.Join(*ckpt, "generator.params"), g); err != nil {
				return err
			}
			images = g.Sample(*n, rng)
		} else {
			labels, err := digitLabels(*digits, *n)
			if err != nil {
				return err
			}
			g := gan.NewConditionalGenerator(cfg.ZDim, 10, cfg.Width, rng)
			if err := nn.Load(filepath.Join(*ckpt, "generator.params"), g); err != nil {
				return err
			}
			images = g.SampleDigits(labels, rng)
		}
	case "vae":
		if images, err = sampleVAE(*ckpt, rec, *n, rng); err != nil {
			return err
		}
	case "cyclegan":
		var cfg gan.CycleConfig
		if err := json.Unmarshal(rec.Config, &cfg); err != nil {
			return fmt.Errorf("%s: %v", filepath.Join(*ckpt, "model.json"), err)
		}
		g := gan.NewTranslator(cfg.Width, rng)
		if err := nn.Load(filepath.Join(*ckpt, "g.params"), g); err != nil {
			return err
		}
		_, test, err := loadMNIST(*mnist)
		if err != nil {
			return err
		}
		if *n > test.Len() {
			*n = test.Len()
		}
		images = g.Translate(tensor.Slice(test.Images, 0, 0, *n))
		fmt.Fprintf(stdout, "translated the first %d test digits into bold\n", *n)
	default:
		return fmt.Errorf("%s: unknown model %q", filepath.Join(*ckpt, "model.json"), rec.Model)
	}
	if ext == ".idx" {
		if err := data.WriteIDXImages(*out, images, 28, 28); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d digits to %s\n", *n, *out)
		return nil
	}
	cols := 10
	if *n < cols {
		cols = *n
	}
	grid, err := plot.ImageGrid(images.Reshape(*n, 1, 28, 28), cols)
	if err != nil {
		return err
	}
	return writeFigure(stdout, filepath.Dir(*out), filepath.Base(*out), grid)
}

// readMNISTConfig is the MNISTConfig a digit GAN's model.json records
// (inside the E-GAN's own configuration for egan-mnist).
func readMNISTConfig(dir string, rec *modelRecord) (gan.MNISTConfig, error) {
	var cfg gan.MNISTConfig
	inside := ""
	if rec.Model == "egan-mnist" {
		inside = "MNIST" // MNISTEGANConfig.MNIST
	}
	if err := decodeConfig(dir, rec, inside, &cfg); err != nil {
		return cfg, err
	}
	if cfg.ZDim < 1 || cfg.Width < 1 {
		return cfg, fmt.Errorf("%s: the config has no network sizes (zdim %d, width %d)", filepath.Join(dir, "model.json"), cfg.ZDim, cfg.Width)
	}
	return cfg, nil
}

// decodeConfig decodes the configuration model.json records into v, or,
// if inside is not empty, the field of that name in it (an E-GAN's
// configuration holds its plain GAN's).
func decodeConfig(dir string, rec *modelRecord, inside string, v any) error {
	path := filepath.Join(dir, "model.json")
	raw := rec.Config
	if inside != "" {
		var outer map[string]json.RawMessage
		if err := json.Unmarshal(raw, &outer); err != nil {
			return fmt.Errorf("%s: config: %v", path, err)
		}
		if raw = outer[inside]; raw == nil {
			return fmt.Errorf("%s: config has no %s", path, inside)
		}
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%s: config: %v", path, err)
	}
	return nil
}

// readRecord reads DIR/model.json.
func readRecord(dir string) (*modelRecord, error) {
	path := filepath.Join(dir, "model.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%v (is %s a folder written by aigc train gan?)", err, dir)
	}
	var rec modelRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &rec, nil
}

// digitLabels parses -digits ("3" or "0,1,7") into n labels, repeating
// the list; empty means 0, 1, ..., 9 in turn.
func digitLabels(list string, n int) ([]int, error) {
	var want []int
	if list == "" {
		want = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	}
	for _, f := range strings.Split(list, ",") {
		if f == "" {
			continue
		}
		d, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || d < 0 || d > 9 {
			return nil, fmt.Errorf("-digits %q: %q is not a digit 0-9", list, f)
		}
		want = append(want, d)
	}
	if len(want) == 0 {
		return nil, fmt.Errorf("-digits %q: no digits", list)
	}
	labels := make([]int, n)
	for i := range labels {
		labels[i] = want[i%len(want)]
	}
	return labels, nil
}
