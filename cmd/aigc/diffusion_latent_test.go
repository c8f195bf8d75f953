package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoxia/aigc/chapters/diffusion"
	"github.com/luoxia/aigc/chapters/vae"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// -model latent, pointed at an empty folder, trains a (here tiny) conv
// VAE there first, then a few steps of a narrow denoiser on the codes of
// a few hundred digits; it leaves its weights, figures and a record that
// names the VAE, and a second run reuses the VAE. aigc sample decodes
// digits from it, for a digit, for none and to an IDX file, and aigc eval
// diffusion measures it; a changed VAE and bad flags are refused by name.
func TestTrainLatentAndSample(t *testing.T) {
	old := latentVAERun
	latentVAERun = func() vaeRun {
		c := vae.ConvConfig()
		c.Width, c.Epochs = 4, 1
		return vaeRun{cfg: c, trainSize: 300}
	}
	defer func() { latentVAERun = old }()
	out := t.TempDir()
	vaeDir := filepath.Join(out, "vae", "conv")
	var stdout, stderr bytes.Buffer
	args := []string{"train", "diffusion", "-model", "latent", "-vae", vaeDir, "-train-size", "200", "-steps", "6", "-batch", "16", "-hidden", "16", "-T", "25", "-out", out}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("%v: exit code %d\n%s\n%s", args, code, &stdout, &stderr)
	}
	for _, want := range []string{"no trained convolutional VAE there; training one first", "encoded 200 digits", "DDIM η = 0, 25 steps", "decoding"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the run does not say %q:\n%s", want, &stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(vaeDir, "vae.params")); err != nil {
		t.Fatalf("no VAE trained into -vae: %v", err)
	}
	dir := filepath.Join(out, "latent")
	for _, f := range []string{latentParams, "model.json", "samples.png", "losses.png"} {
		if info, err := os.Stat(filepath.Join(dir, f)); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	rec, err := readRecord(dir)
	if err != nil || rec.Model != "diffusion" || rec.Steps != 6 || rec.Measured["train_seconds"] == nil || rec.Measured["sample_100"] == nil {
		t.Fatalf("model.json: %+v, %v; want kind diffusion after 6 steps with its training and sampling times", rec, err)
	}
	var cfg diffusionConfig
	if err := decodeConfig(dir, rec, "", &cfg); err != nil || cfg.Model != "latent" || cfg.Latent == nil ||
		cfg.Latent.VAE != filepath.Join("..", "vae", "conv") || cfg.Latent.TrainSize != 200 || len(cfg.Latent.Scale.Std) != 20 || cfg.Latent.Train.Model.Dim != 20 {
		t.Fatalf("model.json's config: %+v, %v; want a latent model of 20-number codes from ../vae/conv, 200 digits, with their scale", cfg.Latent, err)
	}

	stdout.Reset()
	args = []string{"train", "diffusion", "-model", "latent", "-vae", vaeDir, "-train-size", "100", "-steps", "2", "-batch", "8", "-hidden", "8", "-T", "25", "-out", filepath.Join(out, "again")}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("%v: exit code %d\n%s", args, code, &stderr)
	}
	if strings.Contains(stdout.String(), "training one first") || !strings.Contains(stdout.String(), "the convolutional VAE of "+vaeDir) {
		t.Errorf("a second run does not reuse the VAE:\n%s", &stdout)
	}

	sampleDigitsFourWays(t, dir, diffusion.DefaultLatentGuidance)

	evalArgs := []string{"eval", "diffusion", "-checkpoint", dir, "-n", "10", "-samplers", "ddpm-5,ddim-3", "-guidance", "0,2",
		"-guided-sampler", "ddim-3", "-figures", "-cache", testCache(t), "-json", filepath.Join(out, "eval.json")}
	stdout.Reset()
	if code := run(evalArgs, &stdout, &stderr); code != 0 {
		t.Fatalf("%v: exit code %d\n%s", evalArgs, code, &stderr)
	}
	for _, want := range []string{"DDPM σ² = β̃_t, 5 steps", "DDIM η = 0, 3 steps", "read as asked", "through the VAE, D(μ(x))", "bits/dim: not for a latent model", "steps.png", "guidance.png", "eval.json"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("aigc eval diffusion does not report %q:\n%s", want, &stdout)
		}
	}

	mlp := filepath.Join(out, "mlp")
	if err := os.MkdirAll(mlp, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeRecord(mlp, "vae", 1, 1, 0, vae.DefaultConfig(), nil); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train", "diffusion", "-model", "unet", "-vae", vaeDir}, 1, "-vae: only -model latent takes it"},
		{[]string{"train", "diffusion", "-model", "toy", "-hidden", "64"}, 1, "-hidden: only -model latent takes it"},
		{[]string{"train", "diffusion", "-model", "toy", "-ema", "0.9"}, 1, "-ema: only -model unet or latent takes it"},
		{[]string{"train", "diffusion", "-model", "latent", "-width", "16"}, 1, "-width: only -model unet takes it"},
		{[]string{"train", "diffusion", "-model", "latent", "-hidden", "0"}, 1, "-hidden 0: want 1 to 16384"},
		{[]string{"train", "diffusion", "-model", "latent", "-p-uncond", "1"}, 1, "-p-uncond 1: want a probability in [0, 1)"},
		{[]string{"train", "diffusion", "-model", "latent", "-vae", mlp, "-out", out}, 1, `records a VAE of arch "mlp", not a convolutional VAE`},
		{[]string{"train", "diffusion", "-model", "latent", "-vae", dir, "-out", out}, 1, "records a diffusion model"},
		{[]string{"sample", "-checkpoint", dir, "-variance", "learned", "-sampler", "ddpm"}, 1, "-variance learned: this model does not learn its variance"},
		{[]string{"sample", "-checkpoint", dir, "-class", "12"}, 1, `-class "12": want a digit 0-9 or none`},
		{[]string{"sample", "-checkpoint", dir, "-steps", "30"}, 1, "-steps 30: the model has T = 25 steps"},
	} {
		stderr.Reset()
		if code := run(bad.args, &stdout, &stderr); code != bad.code || !strings.Contains(stderr.String(), bad.want) {
			t.Errorf("%v: exit code %d, stderr %q; want %d and %q", bad.args, code, &stderr, bad.code, bad.want)
		}
	}

	// the folder now holds another VAE of the same shape
	other, err := latentVAERun().cfg.NewModel(data.MNISTPixels, tensor.NewRNG(9))
	if err != nil {
		t.Fatal(err)
	}
	if err := nn.Save(filepath.Join(vaeDir, "vae.params"), other); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"sample", "-checkpoint", dir, "-n", "2"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "is not the one whose codes the denoiser learnt") {
		t.Errorf("sampling through a changed VAE: exit code %d, stderr %q", code, &stderr)
	}
}
