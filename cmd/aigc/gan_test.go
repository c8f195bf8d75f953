package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		{"cyclegan", "2", []string{"g.params", "f.params", "dx.params", "dy.params", "translations.png", "model.json"}, "s.idx"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"train", "gan", "-model", c.model, "-steps", c.steps, "-out", out}, &stdout, &stderr); code != 0 {
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
		{[]string{"train", "gan", "-model", "nope"}, 2, "-model must be one of"},
		{[]string{"sample", "-checkpoint", t.TempDir()}, 1, "model.json"},
		{[]string{"sample", "-checkpoint", filepath.Join(out, "ring"), "-out", "x.txt"}, 1, ".png or an .idx"},
		{[]string{"sample", "-checkpoint", filepath.Join(out, "ring"), "-out", filepath.Join(out, "r.idx")}, 1, "points in the plane"},
		{[]string{"sample", "-checkpoint", filepath.Join(out, "cgan"), "-digits", "1,x"}, 1, `"x" is not a digit`},
	} {
		stderr.Reset()
		if code := run(bad.args, &stdout, &stderr); code != bad.code || !strings.Contains(stderr.String(), bad.want) {
			t.Errorf("%v: exit code %d, stderr %q; want %d and %q", bad.args, code, &stderr, bad.code, bad.want)
		}
	}
}
