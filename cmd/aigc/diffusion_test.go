package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoxia/aigc/chapters/diffusion"
)

// The toy diffusion model trains for a few steps, measures its samplers,
// leaves a checkpoint that aigc sample reads with either sampler, and its
// pictures; bad flags are refused by name.
func TestTrainDiffusionAndSample(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"train", "diffusion", "-model", "toy", "-data", "ring", "-steps", "30", "-T", "25", "-out", out}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("%v: exit code %d\n%s\n%s", args, code, &stdout, &stderr)
	}
	for _, want := range []string{"DDPM σ² = β_t", "DDPM σ² = β̃_t", "DDIM η = 0, 20 steps", "DDIM η = 0, 10 steps", "modes"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the run does not report %q:\n%s", want, &stdout)
		}
	}
	if strings.Contains(stdout.String(), "50 steps") {
		t.Errorf("a model of T = 20 reports DDIM over more steps than it has:\n%s", &stdout)
	}
	dir := filepath.Join(out, "toy-ring")
	for _, f := range []string{toyParams, "model.json", "samples.png", "chain.png", "losses.png"} {
		if info, err := os.Stat(filepath.Join(dir, f)); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	rec, err := readRecord(dir)
	if err != nil || rec.Model != "diffusion" || rec.Steps != 30 || rec.Measured["samplers"] == nil || rec.Measured["loss_per_100_steps"] == nil {
		t.Fatalf("model.json: %+v, %v; want kind diffusion after 30 steps with its samplers and losses", rec, err)
	}
	for _, sampler := range [][]string{{"-sampler", "ddim", "-steps", "5", "-eta", "0.5"}, {"-sampler", "ddpm", "-variance", "beta"}, {"-sampler", "ddpm", "-steps", "10"}} {
		png := filepath.Join(t.TempDir(), "s.png")
		stdout.Reset()
		args := append([]string{"sample", "-checkpoint", dir, "-n", "40", "-out", png}, sampler...)
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit code %d\n%s", args, code, &stderr)
		}
		if _, err := os.Stat(png); err != nil || !strings.Contains(stdout.String(), "40 samples") {
			t.Errorf("%v: %v\n%s", args, err, &stdout)
		}
	}

	gan := filepath.Join(out, "ring")
	if code := run([]string{"train", "ring", "-steps", "2", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("train ring: exit code %d\n%s", code, &stderr)
	}
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train", "diffusion", "-model", "vit"}, 2, `-model must be toy, unet or latent, not "vit"`},
		{[]string{"train", "diffusion", "-data", "moons"}, 1, `-data "moons": want swissroll or ring`},
		{[]string{"train", "diffusion", "-T", "20"}, 1, "-T 20: want 21 or more"},
		{[]string{"train", "diffusion", "-lr", "1e-3", "-min-lr", "1e-2"}, 1, "-min-lr 0.01: want at most -lr 0.001"},
		{[]string{"sample", "-checkpoint", dir, "-sampler", "euler"}, 1, `-sampler "euler": want ddpm or ddim`},
		{[]string{"sample", "-checkpoint", dir, "-sampler", "ddim", "-steps", "50"}, 1, "-steps 50: the model has T = 25 steps"},
		{[]string{"sample", "-checkpoint", dir, "-sampler", "ddim", "-eta", "-1"}, 1, "-eta -1: want η ≥ 0"},
		{[]string{"sample", "-checkpoint", dir, "-sampler", "ddpm", "-steps", "30"}, 1, "-steps 30: the model has T = 25 steps"},
		{[]string{"sample", "-checkpoint", dir, "-variance", "learned"}, 1, "-variance learned: this model does not learn its variance"},
		{[]string{"sample", "-checkpoint", dir, "-variance", "big"}, 1, `-variance "big": want beta`},
		{[]string{"sample", "-checkpoint", dir, "-out", filepath.Join(out, "x.idx")}, 1, "points in the plane; write a .png"},
		{[]string{"sample", "-checkpoint", gan, "-sampler", "ddim", "-out", filepath.Join(out, "g.png")}, 1, "-sampler: only diffusion models take it"},
	} {
		stderr.Reset()
		if code := run(bad.args, &stdout, &stderr); code != bad.code || !strings.Contains(stderr.String(), bad.want) {
			t.Errorf("%v: exit code %d, stderr %q; want %d and %q", bad.args, code, &stderr, bad.code, bad.want)
		}
	}
}

// A few steps of a narrow U-Net leave a checkpoint, its figures and a
// record; aigc sample draws digits from it with either sampler, for a
// digit, for none, and to an IDX file; bad requests are refused by name.
func TestTrainUNetAndSample(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"train", "diffusion", "-model", "unet", "-steps", "4", "-batch", "4", "-width", "8", "-T", "25", "-every", "2", "-out", out}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("%v: exit code %d\n%s\n%s", args, code, &stdout, &stderr)
	}
	dir := filepath.Join(out, "unet")
	for _, f := range []string{unetParams, "model.json", "samples.png", "chain.png", "interpolate.png", "losses.png"} {
		if info, err := os.Stat(filepath.Join(dir, f)); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	rec, err := readRecord(dir)
	if err != nil || rec.Model != "diffusion" || rec.Steps != 4 || rec.Measured["ms_per_step"] == nil {
		t.Fatalf("model.json: %+v, %v; want kind diffusion after 4 steps with its time a step", rec, err)
	}
	if !strings.Contains(stdout.String(), "DDIM η = 0, 25 steps") {
		t.Errorf("the run does not say how it sampled its figure:\n%s", &stdout)
	}
	sampleDigitsFourWays(t, dir, diffusion.DefaultGuidance)
	evalArgs := []string{"eval", "diffusion", "-checkpoint", dir, "-n", "10", "-samplers", "ddpm-5,ddpm-4-beta,ddim-3", "-guidance", "0,2",
		"-guided-sampler", "ddim-3", "-bpd-n", "4", "-strata", "5", "-cache", testCache(t), "-json", filepath.Join(out, "eval.json"), "-figures"}
	stdout.Reset()
	if code := run(evalArgs, &stdout, &stderr); code != 0 {
		t.Fatalf("%v: exit code %d\n%s", evalArgs, code, &stderr)
	}
	for _, want := range []string{"DDPM σ² = β̃_t, 5 steps", "DDPM σ² = β_t, 4 steps", "DDIM η = 0, 3 steps", "read as asked", "σ² = β_t", "bits/dim", "eval.json", "steps.png", "rows: DDIM over 20, 10 steps", "guidance.png", "rows: guidance w = 0, 2"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("aigc eval diffusion does not report %q:\n%s", want, &stdout)
		}
	}
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", "diffusion", "-checkpoint", dir, "-samplers", "ddpm-5-learned"}, 1, "this model does not learn its variance"},
		{[]string{"eval", "diffusion", "-checkpoint", dir, "-samplers", "euler-5"}, 1, `-sampler "euler": want ddpm or ddim`},
		{[]string{"eval", "diffusion", "-checkpoint", dir, "-guidance", "1,x"}, 1, `"x" is not a scale`},
		{[]string{"eval", "diffusion", "-checkpoint", dir, "-strata", "26"}, 1, "-strata 26: want 1 to T = 25"},
		{[]string{"sample", "-checkpoint", dir, "-variance", "learned", "-sampler", "ddpm"}, 1, "-variance learned: this model does not learn its variance"},
		{[]string{"sample", "-checkpoint", dir, "-class", "12"}, 1, `-class "12": want a digit 0-9 or none`},
		{[]string{"sample", "-checkpoint", dir, "-class", "3", "-digits", "4"}, 1, "give one of them"},
		{[]string{"train", "diffusion", "-model", "unet", "-width", "12"}, 1, "-width 12: want a multiple of 8"},
		{[]string{"train", "diffusion", "-model", "unet", "-data", "ring"}, 1, "-data: only -model toy takes it"},
		{[]string{"train", "diffusion", "-learn-variance"}, 1, "-learn-variance: only -model unet takes it"},
		{[]string{"train", "diffusion", "-model", "unet", "-p-uncond", "1"}, 1, "-p-uncond 1: want a probability in [0, 1)"},
	} {
		stderr.Reset()
		if code := run(bad.args, &stdout, &stderr); code != bad.code || !strings.Contains(stderr.String(), bad.want) {
			t.Errorf("%v: exit code %d, stderr %q; want %d and %q", bad.args, code, &stderr, bad.code, bad.want)
		}
	}
}

// sampleDigitsFourWays has aigc sample draw three digits from the
// class-conditional diffusion model in dir by its default sampler, by
// respaced DDPM for a digit with guidance, without a label, and by
// stochastic DDIM for a list of digits, each into an IDX file. Without
// -guidance it must use the model's default scale w.
func sampleDigitsFourWays(t *testing.T, dir string, w float64) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	for _, extra := range [][]string{
		{},
		{"-sampler", "ddpm", "-steps", "5", "-class", "3", "-guidance", "2"},
		{"-class", "none", "-steps", "4"},
		{"-digits", "1,7", "-sampler", "ddim", "-steps", "3", "-eta", "1"},
	} {
		idx := filepath.Join(t.TempDir(), "d.idx")
		stdout.Reset()
		args := append([]string{"sample", "-checkpoint", dir, "-n", "3", "-out", idx}, extra...)
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit code %d\n%s", args, code, &stderr)
		}
		if info, err := os.Stat(idx); err != nil || info.Size() != 16+3*784 || !strings.Contains(stdout.String(), "3 samples by") {
			t.Errorf("%v: %v\n%s", args, err, &stdout)
		}
		if want := fmt.Sprintf("guidance w = %g)", w); len(extra) == 0 && !strings.Contains(stdout.String(), want) {
			t.Errorf("%v: no %q in\n%s", args, want, &stdout)
		}
	}
}
