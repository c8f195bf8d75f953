package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/lib/data"
)

// Every model trains for a few steps, leaves a checkpoint that aigc sample
// reads, and its pictures.
func TestTrainGANAndSample(t *testing.T) {
	out := t.TempDir()
	for _, c := range []struct {
		model, steps string
		files        []string
		sampleOut    string
	}{
		{"ring", "200", []string{"generator.params", "discriminator.params", "samples.png", "model.json"}, "s.png"},
		{"egan", "20", []string{"generator.params", "samples.png", "model.json"}, "s.png"},
		{"dcgan", "2", []string{"generator.params", "discriminator.params", "samples.png", "samples-over-training.png", "losses.png", "model.json"}, "s.idx"},
		{"cgan", "2", []string{"generator.params", "samples.png", "model.json"}, "s.png"},
		{"egan-mnist", "2", []string{"generator.params", "discriminator.params", "samples.png", "model.json"}, "s.idx"},
		{"cyclegan", "2", []string{"g.params", "f.params", "dx.params", "dy.params", "translations.png", "model.json"}, "s.idx"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"train", c.model, "-steps", c.steps, "-out", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("train %s: exit code %d\n%s\n%s", c.model, code, &stdout, &stderr)
		}
		dir := filepath.Join(out, c.model)
		for _, f := range c.files {
			if info, err := os.Stat(filepath.Join(dir, f)); err != nil || info.Size() == 0 {
				t.Errorf("%s: %s not written: %v", c.model, f, err)
			}
		}
		sample := filepath.Join(dir, c.sampleOut)
		stdout.Reset()
		if code := run([]string{"sample", "-checkpoint", dir, "-n", "20", "-out", sample}, &stdout, &stderr); code != 0 {
			t.Fatalf("sample %s: exit code %d\n%s", c.model, code, &stderr)
		}
		if strings.HasSuffix(sample, ".idx") {
			imgs, rows, cols, err := data.ReadImages(sample)
			if err != nil || imgs.Shape[0] != 20 || rows != 28 || cols != 28 {
				t.Errorf("%s: sampled %v of %d×%d, %v", c.model, imgs.Shape, rows, cols, err)
			}
		} else if _, err := os.Stat(sample); err != nil {
			t.Errorf("%s: %v", c.model, err)
		}
	}
	var stdout, stderr bytes.Buffer
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train", "nope"}, 2, `unknown kind "nope"`},
		{[]string{"sample", "-checkpoint", t.TempDir()}, 1, "model.json"},
		{[]string{"sample", "-checkpoint", filepath.Join(out, "ring"), "-out", "x.txt"}, 1, ".png or an .idx"},
		{[]string{"sample", "-checkpoint", filepath.Join(out, "ring"), "-out", filepath.Join(out, "r.idx")}, 1, "points in the plane"},
		{[]string{"sample", "-checkpoint", filepath.Join(out, "cgan"), "-digits", "1,x"}, 1, `"x" is not a digit`},
		{[]string{"train", "dcgan", "-every", "-1"}, 1, "-every -1: want 0 or more"},
		{[]string{"train", "dcgan", "-steps", "0"}, 1, "-steps 0: want 1 or more"},
		{[]string{"train", "cyclegan", "-lr", "-1"}, 1, "-lr -1: want a number > 0"},
		{[]string{"sample", "-checkpoint", t.TempDir()}, 1, "aigc train KIND, for a KIND of ring, egan, wgan, dcgan"},
		{[]string{"eval", "cgan", "-checkpoint", filepath.Join(out, "dcgan")}, 1, `needs a conditional GAN`},
		{[]string{"eval", "cgan", "-checkpoint", filepath.Join(out, "cgan"), "-n", "0"}, 1, `-n 0`},
	} {
		stderr.Reset()
		if code := run(bad.args, &stdout, &stderr); code != bad.code || !strings.Contains(stderr.String(), bad.want) {
			t.Errorf("%v: exit code %d, stderr %q; want %d and %q", bad.args, code, &stderr, bad.code, bad.want)
		}
	}
}

// With -every, a run leaves checkpoints along the way that aigc sample
// reads while training goes on, and model.json says how far along each is.
func TestTrainGANCheckpoints(t *testing.T) {
	for _, model := range []string{"dcgan", "cyclegan"} {
		out := t.TempDir()
		dir := filepath.Join(out, model)
		var steps []int
		checkpointed = func(d string) {
			rec, err := readRecord(d)
			if err != nil {
				t.Fatalf("%s: mid-run checkpoint: %v", model, err)
			}
			steps = append(steps, rec.Steps)
			var so, se bytes.Buffer
			if code := run([]string{"sample", "-checkpoint", d, "-n", "3", "-out", filepath.Join(t.TempDir(), "s.idx")}, &so, &se); code != 0 {
				t.Errorf("%s: sampling from the checkpoint after %d steps: exit code %d\n%s", model, rec.Steps, code, &se)
			}
		}
		var stdout, stderr bytes.Buffer
		code := run([]string{"train", model, "-steps", "5", "-every", "2", "-out", out}, &stdout, &stderr)
		checkpointed = nil
		if code != 0 {
			t.Fatalf("%s: exit code %d\n%s", model, code, &stderr)
		}
		if !slices.Equal(steps, []int{2, 4}) {
			t.Errorf("%s: checkpoints during the run at steps %v, want [2 4]", model, steps)
		}
		if rec, err := readRecord(dir); err != nil || rec.Steps != 5 {
			t.Errorf("%s: model.json after the run: %+v, %v; want 5 steps", model, rec, err)
		}
	}
}

// -lr, -batch and -cosine reach the configuration model.json records,
// so that the chapter's learning-rate sweep is a command away.
func TestTrainGANSettings(t *testing.T) {
	out := t.TempDir()
	for _, c := range []struct {
		args []string
		want gan.MNISTConfig
	}{
		{[]string{"dcgan", "-lr", "5e-4", "-batch", "16", "-cosine"}, gan.MNISTConfig{LR: 5e-4, BatchSize: 16, Cosine: true}},
		{[]string{"egan-mnist", "-lr", "1e-3", "-batch", "8"}, gan.MNISTConfig{LR: 1e-3, BatchSize: 8}},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"train"}, append(c.args, "-steps", "2", "-out", out)...), &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit code %d\n%s", c.args, code, &stderr)
		}
		rec, err := readRecord(filepath.Join(out, c.args[0]))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := readMNISTConfig(filepath.Join(out, c.args[0]), rec)
		if err != nil || cfg.LR != c.want.LR || cfg.BatchSize != c.want.BatchSize || cfg.Cosine != c.want.Cosine || cfg.Steps != 2 {
			t.Errorf("%v: recorded %+v, %v; want lr %g, batch %d, cosine %v, 2 steps", c.args, cfg, err, c.want.LR, c.want.BatchSize, c.want.Cosine)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"train", "cyclegan", "-steps", "1", "-lr", "1e-3", "-batch", "8", "-every", "0", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("cyclegan: exit code %d\n%s", code, &stderr)
	}
	var cyc gan.CycleConfig
	rec, err := readRecord(filepath.Join(out, "cyclegan"))
	if err == nil {
		err = decodeConfig(filepath.Join(out, "cyclegan"), rec, "", &cyc)
	}
	if err != nil || cyc.LR != 1e-3 || cyc.BatchSize != 8 {
		t.Errorf("cyclegan recorded %+v, %v; want lr 0.001, batch 8", cyc, err)
	}
	stderr.Reset()
	if code := run([]string{"train", "egan-mnist", "-cosine", "-steps", "1", "-out", out}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "-cosine") {
		t.Errorf("egan-mnist -cosine: exit code %d, stderr %q; the MNIST E-GAN keeps a constant rate", code, &stderr)
	}
}
