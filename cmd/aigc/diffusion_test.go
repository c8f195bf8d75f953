package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	for _, sampler := range [][]string{{"-sampler", "ddim", "-steps", "5", "-eta", "0.5"}, {"-sampler", "ddpm", "-variance", "beta"}} {
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
		{[]string{"train", "diffusion", "-model", "unet"}, 2, `-model must be toy, not "unet"`},
		{[]string{"train", "diffusion", "-data", "moons"}, 1, `-data "moons": want swissroll or ring`},
		{[]string{"train", "diffusion", "-T", "20"}, 1, "-T 20: want 21 or more"},
		{[]string{"train", "diffusion", "-lr", "1e-3", "-min-lr", "1e-2"}, 1, "-min-lr 0.01: want at most -lr 0.001"},
		{[]string{"sample", "-checkpoint", dir, "-sampler", "euler"}, 1, `-sampler "euler": want ddpm or ddim`},
		{[]string{"sample", "-checkpoint", dir, "-sampler", "ddim", "-steps", "50"}, 1, "-steps 50: the model has T = 25 steps"},
		{[]string{"sample", "-checkpoint", dir, "-sampler", "ddim", "-eta", "-1"}, 1, "-eta -1: want η ≥ 0"},
		{[]string{"sample", "-checkpoint", dir, "-sampler", "ddpm", "-steps", "10"}, 1, "-steps 10: DDPM visits all T = 25 steps"},
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
