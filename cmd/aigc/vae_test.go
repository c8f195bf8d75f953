package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/data"
)

// aigc train vae trains, checkpoints after every epoch, writes its
// pictures and model.json, and aigc sample draws from what it wrote.
func TestTrainVAEAndSample(t *testing.T) {
	out := t.TempDir()
	var saved []int
	checkpointed = func(d string) {
		rec, err := readRecord(d)
		if err != nil {
			t.Fatalf("checkpoint: %v", err)
		}
		saved = append(saved, rec.Steps)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"train", "vae", "-epochs", "2", "-train-size", "1000", "-latent", "2", "-iwae", "5", "-out", out}, &stdout, &stderr)
	checkpointed = nil
	if code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, &stdout, &stderr)
	}
	if len(saved) != 2 || saved[0] != 1 || saved[1] != 2 {
		t.Errorf("checkpoints after epochs %v, want [1 2]", saved)
	}
	dir := filepath.Join(out, "mlp")
	for _, f := range []string{"vae.params", "model.json", "reconstructions.png", "samples.png", "manifold.png"} {
		if info, err := os.Stat(filepath.Join(dir, f)); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	for _, want := range []string{"epoch 2/2", "test -ELBO", "-L_5", "10 labelled digits per class"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &stdout)
		}
	}
	sample := filepath.Join(out, "s.idx")
	if code := run([]string{"sample", "-checkpoint", dir, "-n", "12", "-out", sample}, &stdout, &stderr); code != 0 {
		t.Fatalf("sample: exit code %d\n%s", code, &stderr)
	}
	imgs, rows, cols, err := data.ReadImages(sample)
	if err != nil || imgs.Shape[0] != 12 || rows != 28 || cols != 28 {
		t.Errorf("sampled %v of %d×%d, %v", imgs.Shape, rows, cols, err)
	}
	stdout.Reset()
	gap := filepath.Join(out, "gap.json")
	if code := run([]string{"eval", "vae", "-checkpoint", dir, "-n", "20", "-steps", "30", "-draws", "2", "-json", gap}, &stdout, &stderr); code != 0 {
		t.Fatalf("eval vae: exit code %d\n%s", code, &stderr)
	}
	if !strings.Contains(stdout.String(), "amortisation gap") {
		t.Errorf("eval vae printed\n%s", &stdout)
	}
	if info, err := os.Stat(gap); err != nil || info.Size() == 0 {
		t.Errorf("eval vae -json: %v", err)
	}
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", "vae", "-checkpoint", dir, "-n", "0"}, 1, "-n 0: want 1 to 10000"},
		{[]string{"eval", "vae", "-checkpoint", dir, "-lr", "0"}, 1, "-lr 0: want a learning rate > 0"},
		{[]string{"train", "vae", "-model", "gru"}, 2, "-model must be mlp or conv"},
		{[]string{"train", "vae", "-beta", "-1", "-train-size", "200", "-out", out}, 1, "β is -1"},
		{[]string{"train", "vae", "-iwae", "-2"}, 1, "-iwae -2: want 0 to 65536"},
	} {
		stderr.Reset()
		if code := run(bad.args, &stdout, &stderr); code != bad.code || !strings.Contains(stderr.String(), bad.want) {
			t.Errorf("%v: exit code %d, stderr %q; want %d and %q", bad.args, code, &stderr, bad.code, bad.want)
		}
	}
}

// The tour's VAE stop trains for an epoch and draws its pictures.
func TestTourVAEStop(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"tour", "-stops", "vae", "-train-size", "2000", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, &stdout, &stderr)
	}
	if !strings.Contains(stdout.String(), "test -ELBO") || !strings.Contains(stdout.String(), "epoch 1/1") {
		t.Errorf("the stop did not print the test -ELBO:\n%s", &stdout)
	}
	if !strings.Contains(stdout.String(), "most used dimensions") {
		t.Errorf("the stop did not rank the code's dimensions:\n%s", &stdout)
	}
	for _, name := range []string{"reconstructions.png", "samples.png", "traversals.png", "model.json"} {
		if info, err := os.Stat(filepath.Join(out, "vae", "mlp", name)); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
}
