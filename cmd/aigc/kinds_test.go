package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// fakeConfig is the fake kind's configuration, as model.json records it.
type fakeConfig struct {
	Steps int
	Grey  float64 // the grey level of every pixel it draws
}

// registerFake registers two kinds that train in no time: each writes
// model.json, and its sampler draws digits of one grey level; the tour
// passes its -seed on to "fake" but not to "held". The registry is
// restored when the test ends.
func registerFake(t *testing.T) {
	t.Helper()
	saved := kinds
	t.Cleanup(func() { kinds = saved })
	kinds = append([]*kind(nil), kinds...)
	for _, name := range []string{"fake", "held"} {
		name := name
		var holds []string
		if name == "held" {
			holds = []string{"seed"}
		}
		register(&kind{
			name: name, chapter: "fakes",
			summary: "a stand-in that draws grey squares",
			flags: func(f trainFlags) trainRun {
				cfg := fakeConfig{Steps: 3, Grey: 0.5}
				var seed uint64
				f.steps(&cfg.Steps)
				f.seed(&seed)
				f.Float64Var(&cfg.Grey, "grey", cfg.Grey, "grey level of the samples")
				out := f.out()
				return func(stdout, stderr io.Writer) error {
					dir, err := modelDir(*out, name)
					if err != nil {
						return err
					}
					fmt.Fprintf(stdout, "%s: %d steps\n", name, cfg.Steps)
					return writeRecord(dir, name, cfg.Steps, seed, 0, cfg, nil)
				}
			},
			sample: func(req *sampleRequest) (*tensor.Tensor, error) {
				var cfg fakeConfig
				if err := decodeConfig(req.dir, req.rec, "", &cfg); err != nil {
					return nil, err
				}
				x := tensor.New(req.n, 28*28)
				for i := range x.Data {
					x.Data[i] = cfg.Grey
				}
				return x, nil
			},
			tour:      []string{"-steps", "2"},
			tourHolds: holds,
		})
	}
}

// A kind registered in one place is trained by aigc train, sampled by
// aigc sample, visited by the tour, and listed by the help of both.
func TestRegisteredKindRunsEverywhere(t *testing.T) {
	registerFake(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"train", "fake", "-steps", "7", "-grey", "0.25", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("train fake: exit code %d\n%s", code, &stderr)
	}
	dir := filepath.Join(out, "fake")
	rec, err := readRecord(dir)
	if err != nil || rec.Model != "fake" || rec.Steps != 7 {
		t.Fatalf("model.json: %+v, %v; want kind fake after 7 steps", rec, err)
	}

	samples := filepath.Join(t.TempDir(), "s.idx")
	if code := run([]string{"sample", "-checkpoint", dir, "-n", "3", "-out", samples}, &stdout, &stderr); code != 0 {
		t.Fatalf("sample: exit code %d\n%s", code, &stderr)
	}
	imgs, rows, cols, err := data.ReadImages(samples)
	if err != nil || imgs.Shape[0] != 3 || rows != 28 || cols != 28 {
		t.Fatalf("sampled %v of %d×%d, %v; want 3 of 28×28", imgs.Shape, rows, cols, err)
	}
	if g := imgs.Data[100]; g < 0.24 || g > 0.26 {
		t.Errorf("a sampled pixel is %g; the checkpoint says 0.25", g)
	}

	tour := t.TempDir()
	stdout.Reset()
	if code := run([]string{"tour", "-stops", "fakes", "-out", tour, "-seed", "9"}, &stdout, &stderr); code != 0 {
		t.Fatalf("tour: exit code %d\n%s", code, &stderr)
	}
	if rec, err := readRecord(filepath.Join(tour, "fakes", "fake")); err != nil || rec.Steps != 2 || rec.Seed != 9 {
		t.Errorf("the tour's run of fake: %+v, %v; want the tour's 2 steps and its seed 9", rec, err)
	}
	if rec, err := readRecord(filepath.Join(tour, "fakes", "held")); err != nil || rec.Steps != 2 || rec.Seed != 0 {
		t.Errorf("the tour's run of held: %+v, %v; want 2 steps and its own seed 0, not the tour's", rec, err)
	}
	for _, want := range []string{"aigc train fake -steps 2 -out " + filepath.Join(tour, "fakes") + " -seed 9\n",
		"aigc train held -steps 2 -out " + filepath.Join(tour, "fakes") + "\n"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the tour did not show the command %q:\n%s", want, &stdout)
		}
	}

	for _, c := range []struct {
		args  []string
		kinds []*kind
	}{{[]string{"train", "-h"}, allKinds()}, {[]string{"sample", "-h"}, sampledKinds()}} {
		stdout.Reset()
		stderr.Reset()
		if code := run(c.args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit code %d", c.args, code)
		}
		help := stdout.String() + stderr.String()
		if len(c.kinds) < 3 {
			t.Fatalf("%v: only %d kinds registered", c.args, len(c.kinds))
		}
		for _, k := range c.kinds {
			if !strings.Contains(help, "\t"+k.name+" ") {
				t.Errorf("%v does not list %s:\n%s", c.args, k.name, help)
			}
		}
		if !strings.Contains(help, "\tfake ") {
			t.Errorf("%v does not list the fake kind:\n%s", c.args, help)
		}
	}
}

// Every real kind has a chapter of the book, and the kinds that can be
// sampled are the generative ones: images, and the transformer's text,
// which alone is sampled as text.
func TestRealKinds(t *testing.T) {
	want := map[string]string{"mlp": "foundations", "classifier": "evaluation", "ring": "gan", "egan": "gan", "wgan": "gan", "dcgan": "gan",
		"cgan": "gan", "egan-mnist": "gan", "cyclegan": "gan", "vae": "vae", "transformer": "transformer", "diffusion": "diffusion"}
	for name, chapter := range want {
		k := findKind(name)
		if k == nil || k.chapter != chapter {
			t.Errorf("kind %s: %+v, want one in chapter %s", name, k, chapter)
			continue
		}
		if generates := name != "mlp" && name != "classifier"; (k.sample != nil) != generates {
			t.Errorf("kind %s: can be sampled %v, want %v", name, k.sample != nil, generates)
		}
		if k.text != (name == "transformer") {
			t.Errorf("kind %s: samples text %v", name, k.text)
		}
		if _, err := os.Stat(filepath.Join("..", "..", "chapters", chapter)); err != nil {
			t.Errorf("kind %s: %v", name, err)
		}
	}
	if len(kinds) != len(want) {
		t.Errorf("%d kinds registered, want %d", len(kinds), len(want))
	}
	if got := strings.Join(tourStops(), ","); got != "foundations,evaluation,gan,vae,transformer,diffusion" {
		t.Errorf("the tour stops at %s", got)
	}
}
