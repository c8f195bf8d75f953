package vae

import (
	"image"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// TestReferenceRun is the chapter's full-length measurement, not part of
// a plain go test: it runs only when AIGC_VAE_REFERENCE names a model,
// "mlp", "conv" or "mlp2d" (the MLP with a 2-D code), optionally with a
// seed after a colon ("mlp:2"). It trains DefaultConfig (or ConvConfig)
// on all of MNIST for 7 epochs and logs every epoch; for the MLP it then
// estimates log p(x) on the 10,000 test digits with the importance-
// weighted bound for K = 1, 10 and 100, and fails if the last test -ELBO
// is above the PyTorch examples' 106.7 nats per digit (seeds 1, 2 and 3
// measured 107.03, 106.91 and 106.74). With AIGC_VAE_SAVE set to a path,
// the trained model is saved there; with AIGC_VAE_FIGURES set to a
// directory, its figures are written there as PNG files. On two shared
// cores: one and a half to three minutes for the MLP and one more for its
// bounds, about fifteen for Conv.
//
//	AIGC_VAE_REFERENCE=mlp:1 go test -run TestReferenceRun -v -timeout 3h ./chapters/vae/
func TestReferenceRun(t *testing.T) {
	spec := os.Getenv("AIGC_VAE_REFERENCE")
	if spec == "" {
		t.Skip("set AIGC_VAE_REFERENCE=mlp or conv (optionally :seed) to run the full-length training")
	}
	name, seedText, _ := strings.Cut(spec, ":")
	cfg := DefaultConfig()
	switch name {
	case "mlp":
	case "conv":
		cfg = ConvConfig()
	case "mlp2d":
		cfg.Latent = 2
	default:
		t.Fatalf("AIGC_VAE_REFERENCE=%q: want mlp, conv or mlp2d", spec)
	}
	if seedText != "" {
		seed, err := strconv.ParseUint(seedText, 10, 64)
		if err != nil {
			t.Fatalf("AIGC_VAE_REFERENCE=%q: bad seed: %v", spec, err)
		}
		cfg.Seed = seed
	}
	train, test := mnist(t)
	res, err := Train(cfg, train, test, func(p Progress) {
		if p.EpochDone {
			t.Log(p)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	last := len(res.TestLoss) - 1
	t.Logf("%s seed %d: test -ELBO %.2f (recon %.2f + KL %.2f) nats/digit after %d epochs, %.0f s, %.1f ms/step",
		name, cfg.Seed, res.TestLoss[last], res.TestRecon[last], res.TestKL[last], cfg.Epochs, res.Seconds, res.MsPerStep)
	if path := os.Getenv("AIGC_VAE_SAVE"); path != "" {
		if err := nn.Save(path, res.Model); err != nil {
			t.Error(err)
		}
	}
	if dir := os.Getenv("AIGC_VAE_FIGURES"); dir != "" {
		writeFigures(t, dir, name, res.Model, test.Images)
	}
	if name == "mlp" {
		for _, k := range []int{1, 10, 100} {
			start := time.Now()
			lk := IWAEEstimate(res.Model, test.Images, k, tensor.NewRNG(uint64(k)))
			t.Logf("K = %3d: -L_K = %.2f nats/digit over %d test digits, %.0f s", k, -lk, test.Len(), time.Since(start).Seconds())
		}
		if res.TestLoss[last] > 106.7 {
			t.Errorf("test -ELBO %.2f, above the PyTorch examples' 106.7", res.TestLoss[last])
		}
	}
}

// writeFigures writes the figures of a trained model into dir: its
// reconstructions, samples and interpolations, and for a 2-D code the
// manifold.
func writeFigures(t *testing.T, dir, name string, m Model, test *tensor.Tensor) {
	t.Helper()
	var figs []figure
	add := func(what string, img image.Image, err error) {
		if err != nil {
			t.Errorf("%s: %v", what, err)
			return
		}
		figs = append(figs, figure{what, img})
	}
	img, err := ReconstructionFigure(m, tensor.Slice(test, 0, 0, 32), 16)
	add("reconstructions", img, err)
	img, err = SamplesFigure(m, 64, 16, tensor.NewRNG(1))
	add("samples", img, err)
	img, err = InterpolationFigure(m, tensor.Slice(test, 0, 0, 4), tensor.Slice(test, 0, 4, 8), 8)
	add("interpolations", img, err)
	if m.Latent() == 2 {
		img, err = ManifoldFigure(m, 20)
		add("manifold", img, err)
	}
	for _, f := range figs {
		path := filepath.Join(dir, "vae-"+name+"-"+f.name+".png")
		if err := plot.WritePNG(path, f.img); err != nil {
			t.Error(err)
		}
		t.Logf("wrote %s", path)
	}
}

type figure struct {
	name string
	img  image.Image
}

// TestSavedModel draws or measures a saved model without training it
// again: AIGC_VAE_LOAD is "mlp", "conv" or "mlp2d", a colon and the file
// that AIGC_VAE_SAVE wrote. With AIGC_VAE_FIGURES set to a directory it
// writes the figures there; with AIGC_VAE_IWAE set to "n:k1,k2,..." it
// logs -ELBO and -L_K on the first n test digits for each K.
func TestSavedModel(t *testing.T) {
	spec := os.Getenv("AIGC_VAE_LOAD")
	if spec == "" {
		t.Skip("set AIGC_VAE_LOAD=kind:path to draw or measure a saved model")
	}
	name, path, _ := strings.Cut(spec, ":")
	cfg := DefaultConfig()
	switch name {
	case "conv":
		cfg = ConvConfig()
	case "mlp2d":
		cfg.Latent = 2
	}
	m, err := cfg.NewModel(data.MNISTPixels, tensor.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := nn.Load(path, m); err != nil {
		t.Fatal(err)
	}
	_, test := mnist(t)
	if dir := os.Getenv("AIGC_VAE_FIGURES"); dir != "" {
		writeFigures(t, dir, name, m, test.Images)
	}
	if iw := os.Getenv("AIGC_VAE_IWAE"); iw != "" {
		nText, ks, _ := strings.Cut(iw, ":")
		n, err := strconv.Atoi(nText)
		if err != nil || n < 1 || n > test.Len() {
			t.Fatalf("AIGC_VAE_IWAE=%q: want n:k1,k2,... with 1 ≤ n ≤ %d", iw, test.Len())
		}
		x := test.Head(n).Images
		negELBO, _, _ := Evaluate(m, x, tensor.NewRNG(evalSeed))
		t.Logf("%s: -ELBO %.2f nats/digit over %d test digits", name, negELBO, n)
		for _, kText := range strings.Split(ks, ",") {
			k, err := strconv.Atoi(kText)
			if err != nil || k < 1 {
				t.Fatalf("AIGC_VAE_IWAE=%q: bad K %q", iw, kText)
			}
			start := time.Now()
			lk := IWAEEstimate(m, x, k, tensor.NewRNG(uint64(k)))
			t.Logf("K = %4d: -L_K = %.2f nats/digit over %d test digits, %.0f s", k, -lk, n, time.Since(start).Seconds())
		}
	}
}
