package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

var (
	cacheOnce sync.Once
	cacheDirT string
	cacheErr  error
)

// testCache returns a cache folder holding a classifier stored under the
// default configuration's name, but trained in seconds (4,000 digits, one
// pass): enough to exercise the commands, which never retrain it.
func testCache(t *testing.T) string {
	t.Helper()
	cacheOnce.Do(func() {
		var dir string
		if dir, cacheErr = os.MkdirTemp("", "aigc-cache-*"); cacheErr != nil {
			return
		}
		train, test, err := loadMNIST("")
		if err != nil {
			cacheErr = err
			return
		}
		cfg := evaluation.DefaultClassifierConfig()
		quick := cfg
		quick.TrainSize, quick.Epochs, quick.Warmup, quick.Shift = 4000, 1, 20, 0
		res, err := evaluation.TrainClassifier(quick, train, test.Head(500), nil)
		if err != nil {
			cacheErr = err
			return
		}
		_, cacheErr = evaluation.SaveClassifier(dir, cfg, res)
		cacheDirT = dir
	})
	if cacheErr != nil {
		t.Fatal(cacheErr)
	}
	return cacheDirT
}

func TestMain(m *testing.M) {
	code := m.Run()
	if cacheDirT != "" {
		os.RemoveAll(cacheDirT)
	}
	os.Exit(code)
}

func TestTourEvaluationStop(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"tour", "-stops", "evaluation", "-eval-size", "1000", "-out", out, "-cache", testCache(t)}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit code %d\nstdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
	for _, want := range []string{"1000 training digits vs 1000 test digits: MNIST-FID", "uniform noise", "fid-noise.png", "n=1000:"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the stop did not print %q:\n%s", want, &stdout)
		}
	}
	for _, name := range []string{"fid-noise.png", "fid-samples.png"} {
		if info, err := os.Stat(filepath.Join(out, "evaluation", "classifier", name)); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	if code := run([]string{"tour", "-stops", "nosuchstop"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "nosuchstop") {
		t.Errorf("an unknown stop: exit code %d, stderr %q", code, &stderr)
	}
}

func TestEvalImages(t *testing.T) {
	cache := testCache(t)
	_, test, err := loadMNIST("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	samples := filepath.Join(dir, "samples.idx")
	if err := data.WriteIDXImages(samples, test.Head(600).Images, 28, 28); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "scores.json")
	var stdout, stderr bytes.Buffer
	code := run([]string{"eval", "images", "-cache", cache, "-json", report, samples}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, &stdout, &stderr)
	}
	for _, want := range []string{"600 images against 10000 reference digits", "MNIST-FID", "MNIST-IS", "precision", "classes"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &stdout)
		}
	}
	var s evaluation.ImageScores
	b, _ := os.ReadFile(report)
	if err := json.Unmarshal(b, &s); err != nil || s.N != 600 || !(s.FID > 0) || !(s.IS > 1) {
		t.Errorf("report %s: %+v, %v", b, s, err)
	}

	// Samples against themselves as the reference: FID 0.
	stdout.Reset()
	if code := run([]string{"eval", "images", "-cache", cache, "-ref", samples, "-json", report, samples}, &stdout, &stderr); code != 0 {
		t.Fatalf("-ref: exit code %d\n%s", code, &stderr)
	}
	b, _ = os.ReadFile(report)
	json.Unmarshal(b, &s)
	if s.FID > 1e-6 || s.Precision != 1 || s.Recall != 1 {
		t.Errorf("samples against themselves: %+v", s)
	}

	// Wrong image size, a missing file, a single image: errors that name the file.
	small := filepath.Join(dir, "small.idx")
	data.WriteIDXImages(small, tensor.New(5, 16*16), 16, 16)
	one := filepath.Join(dir, "one.idx")
	data.WriteIDXImages(one, tensor.New(1, 784), 28, 28)
	for _, c := range []struct{ path, want string }{
		{small, "16×16"},
		{filepath.Join(dir, "missing.idx"), "missing.idx"},
		{one, "at least 2"},
	} {
		stderr.Reset()
		if code := run([]string{"eval", "images", "-cache", cache, c.path}, &stdout, &stderr); code != 1 ||
			!strings.Contains(stderr.String(), c.want) || !strings.Contains(stderr.String(), filepath.Base(c.path)) {
			t.Errorf("%s: exit code %d, stderr %q", c.path, code, &stderr)
		}
	}
}

func TestEvalText(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	hyp := write("hyp.txt", "the cat sat on the mat\nhello world\n")
	ref := write("ref.txt", "the cat sat on the mat\nhello world\n")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"eval", "text", "-hyp", hyp, "-ref", ref}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d\n%s", code, &stderr)
	}
	if !strings.Contains(stdout.String(), "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp = 100.00") || !strings.Contains(stdout.String(), "rougeL  P 1.0000  R 1.0000  F 1.0000") {
		t.Errorf("identical text:\n%s", &stdout)
	}
	short := write("short.txt", "the cat sat on the mat\n")
	empty := write("empty.txt", "")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-hyp", hyp, "-ref", short}, "has 2 lines but"},
		{[]string{"-hyp", empty, "-ref", ref}, "empty.txt is empty"},
		{[]string{"-hyp", hyp, "-ref", filepath.Join(dir, "nope.txt")}, "nope.txt"},
		{[]string{"-hyp", hyp, "-ref", ref, "-smooth", "bogus"}, "bogus"},
	} {
		stderr.Reset()
		if code := run(append([]string{"eval", "text"}, c.args...), &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit code %d, stderr %q, want %q", c.args, code, &stderr, c.want)
		}
	}
}

// aigc eval cgan asks a conditional GAN for every digit and reports, per
// digit, the share the classifier reads as asked, and their mean.
func TestEvalCGAN(t *testing.T) {
	cache := testCache(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"train", "cgan", "-steps", "2", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("train cgan: exit code %d\n%s", code, &stderr)
	}
	report := filepath.Join(out, "acc.json")
	stdout.Reset()
	code := run([]string{"eval", "cgan", "-checkpoint", filepath.Join(out, "cgan"), "-n", "20", "-cache", cache, "-json", report}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("eval cgan: exit code %d\n%s\n%s", code, &stdout, &stderr)
	}
	for _, want := range []string{"after 2 steps: 20 samples of each digit", "digit asked for", "mean"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &stdout)
		}
	}
	var got struct {
		Accuracy []float64
		Mean     float64
	}
	b, _ := os.ReadFile(report)
	if err := json.Unmarshal(b, &got); err != nil || len(got.Accuracy) != 10 {
		t.Fatalf("report %s: %v", b, err)
	}
	sum := 0.0
	for _, a := range got.Accuracy {
		if a < 0 || a > 1 || math.Abs(a*20-math.Round(a*20)) > 1e-9 {
			t.Errorf("accuracy %g is not a count out of 20", a)
		}
		sum += a
	}
	if diff := got.Mean - sum/10; diff > 1e-12 || diff < -1e-12 {
		t.Errorf("mean %g, want the mean of %v", got.Mean, got.Accuracy)
	}
}

// aigc eval cyclegan scores a CycleGAN's translations of test digits.
func TestEvalCycleGAN(t *testing.T) {
	cache := testCache(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"train", "cyclegan", "-steps", "1", "-every", "0", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("train cyclegan: exit code %d\n%s", code, &stderr)
	}
	report := filepath.Join(out, "scores.json")
	stdout.Reset()
	code := run([]string{"eval", "cyclegan", "-checkpoint", filepath.Join(out, "cyclegan"), "-n", "50", "-cache", cache, "-json", report}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("eval cyclegan: exit code %d\n%s\n%s", code, &stdout, &stderr)
	}
	for _, want := range []string{"after 1 steps, on the first 50 test digits", "read as the digit they came from", "round trips"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &stdout)
		}
	}
	var got struct {
		Digits int
		Scores struct{ KeptXY, InkX, InkY float64 }
	}
	b, _ := os.ReadFile(report)
	if err := json.Unmarshal(b, &got); err != nil || got.Digits != 50 || got.Scores.KeptXY < 0 || got.Scores.KeptXY > 1 || !(got.Scores.InkY > got.Scores.InkX) {
		t.Errorf("report %s: %+v, %v; want 50 digits, a share in [0, 1], bold digits inkier than written ones", b, got, err)
	}
	stderr.Reset()
	if code := run([]string{"eval", "cyclegan", "-checkpoint", filepath.Join(out, "cyclegan"), "-n", "0"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "-n 0") {
		t.Errorf("-n 0: exit code %d, stderr %q", code, &stderr)
	}
}
