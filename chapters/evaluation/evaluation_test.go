package evaluation

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

var (
	quickOnce sync.Once
	quick     *ClassifierResult
	quickErr  error
)

// mnist loads the real digits once per test binary.
func mnist(t *testing.T) (train, test *data.Dataset) {
	t.Helper()
	train, test, err := data.SharedMNIST()
	if err != nil {
		t.Fatal(err)
	}
	return train, test
}

// quickConfig trains in a few seconds: 4,000 digits, one pass, unshifted.
func quickConfig() ClassifierConfig {
	cfg := DefaultClassifierConfig()
	cfg.TrainSize, cfg.Epochs, cfg.Warmup, cfg.Shift = 4000, 1, 20, 0
	return cfg
}

// quickClassifier is a classifier trained once per test binary with
// quickConfig, measured on the first 2,000 test digits.
func quickClassifier(t *testing.T) *ClassifierResult {
	t.Helper()
	train, test := mnist(t)
	quickOnce.Do(func() { quick, quickErr = TrainClassifier(quickConfig(), train, test.Head(2000), nil) })
	if quickErr != nil {
		t.Fatal(quickErr)
	}
	return quick
}

func TestClassifierShapes(t *testing.T) {
	c := NewClassifier(tensor.NewRNG(1))
	x := autograd.Const(tensor.New(3, 784))
	if got := c.Features(x).Shape(); !tensor.EqualShape(got, []int{3, FeatureDim}) {
		t.Errorf("features %v", got)
	}
	if got := c.Forward(x).Shape(); !tensor.EqualShape(got, []int{3, 10}) {
		t.Errorf("logits %v", got)
	}
	var names []string
	for _, p := range c.Params() {
		names = append(names, p.Name)
	}
	want := "conv1.W conv1.b bn1.gamma bn1.beta bn1.running_mean bn1.running_var " +
		"conv2.W conv2.b bn2.gamma bn2.beta bn2.running_mean bn2.running_var fc1.W fc1.b fc2.W fc2.b"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("parameters %s", got)
	}
	f, p := c.Embed(tensor.RandU(tensor.NewRNG(2), 0, 1, 1203, 784)) // more than one chunk
	if !tensor.EqualShape(f.Shape, []int{1203, FeatureDim}) || !tensor.EqualShape(p.Shape, []int{1203, 10}) {
		t.Fatalf("Embed: %v %v", f.Shape, p.Shape)
	}
	for i, s := range tensor.SumAxis(p, 1, false).Data {
		if math.Abs(s-1) > 1e-9 {
			t.Fatalf("row %d of the probabilities sums to %g", i, s)
		}
	}
	// The last chunk must match a direct computation.
	direct := c.Features(autograd.NoGrad(tensor.Slice(tensor.RandU(tensor.NewRNG(2), 0, 1, 1203, 784), 0, 1200, 1203))).Data
	if d := tensor.MaxAbs(tensor.Sub(direct, tensor.Slice(f, 0, 1200, 1203))); d > 1e-12 {
		t.Errorf("Embed's last chunk differs from Features by %g", d)
	}
}

func TestConfigValidation(t *testing.T) {
	train, test := mnist(t)
	for _, bad := range []func(*ClassifierConfig){
		func(c *ClassifierConfig) { c.Epochs = 0 },
		func(c *ClassifierConfig) { c.BatchSize = 0 },
		func(c *ClassifierConfig) { c.LR = math.NaN() },
		func(c *ClassifierConfig) { c.Warmup = -1 },
		func(c *ClassifierConfig) { c.TrainSize = -5 },
	} {
		cfg := DefaultClassifierConfig()
		bad(&cfg)
		if _, err := TrainClassifier(cfg, train, test, nil); err == nil {
			t.Errorf("%+v was accepted", cfg)
		}
	}
}

// A single pass over 4,000 digits already classifies over 90% of test
// digits right (92% measured); an untrained network gets about 10%, and
// one whose gradients were wrong would not get far above that.
func TestClassifierLearns(t *testing.T) {
	res := quickClassifier(t)
	if res.TestAccuracy < 0.9 || res.TestAccuracy > 1 {
		t.Errorf("test accuracy %.4f after one pass over 4,000 digits, want it in [0.9, 1]", res.TestAccuracy)
	}
	first, last := res.Losses[0], res.Losses[len(res.Losses)-1]
	if !(first > 2 && last < 0.6) {
		t.Errorf("loss went from %.3f to %.3f, want from above 2 (chance: ln 10) to below 0.6", first, last)
	}
}

func TestSameSeedSameWeights(t *testing.T) {
	train, test := mnist(t)
	cfg := DefaultClassifierConfig()
	cfg.TrainSize, cfg.Epochs = 256, 1
	a, err := TrainClassifier(cfg, train, test.Head(10), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := TrainClassifier(cfg, train, test.Head(10), nil)
	for i := range a.Losses {
		if a.Losses[i] != b.Losses[i] {
			t.Fatalf("step %d: loss %v then %v with the same seed", i, a.Losses[i], b.Losses[i])
		}
	}
	if cfg.Key() == DefaultClassifierConfig().Key() {
		t.Error("two configurations share a cache key")
	}
}

func TestCacheRoundTrip(t *testing.T) {
	res := quickClassifier(t)
	_, test := mnist(t)
	dir := t.TempDir()
	cfg := quickConfig()
	if _, _, err := LoadClassifier(dir, cfg); !errors.Is(err, ErrNotTrained) || !strings.Contains(err.Error(), "aigc train classifier") {
		t.Fatalf("an empty cache: %v", err)
	}
	path, err := SaveClassifier(dir, cfg, res)
	if err != nil {
		t.Fatal(err)
	}
	if path != ClassifierPath(dir, cfg) {
		t.Errorf("saved to %s, want %s", path, ClassifierPath(dir, cfg))
	}
	got, info, err := LoadClassifier(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if info.TestAccuracy != res.TestAccuracy || info.Config != cfg || info.Architecture != architecture {
		t.Errorf("record %+v", info)
	}
	x := test.Head(300).Images
	if a, b := res.Model.Predict(x), got.Predict(x); !slices.Equal(a, b) {
		t.Error("the loaded classifier predicts differently")
	}
	// A damaged weights file is refused with its name.
	os.WriteFile(path, []byte("not weights"), 0o644)
	if _, _, err := LoadClassifier(dir, cfg); err == nil || !strings.Contains(err.Error(), filepath.Base(path)) {
		t.Errorf("damaged weights: %v", err)
	}
}

// The scores behave as their definitions say on sets whose answers are
// known: real digits against themselves, against other real digits, and
// noise.
func TestScores(t *testing.T) {
	c := quickClassifier(t).Model
	train, test := mnist(t)
	ref := test.Head(2000).Images
	self, err := c.Score(ref, ref, DefaultScoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(self.FID) > 1e-6 || self.Precision != 1 || self.Recall != 1 {
		t.Errorf("a set against itself: FID %g, precision %g, recall %g; want 0, 1, 1", self.FID, self.Precision, self.Recall)
	}
	real, err := c.Score(train.Head(2000).Images, ref, DefaultScoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	noise, err := c.Score(NoiseImages(2000, tensor.NewRNG(3)), ref, DefaultScoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !(real.FID > 0 && noise.FID > 20*real.FID) {
		t.Errorf("MNIST-FID of training digits %g, of noise %g: want noise far worse", real.FID, noise.FID)
	}
	if !(real.IS > 5 && noise.IS < 3) {
		t.Errorf("MNIST-IS of training digits %g, of noise %g: want about 9 and near 1", real.IS, noise.IS)
	}
	// Noise covers none of the digits (recall 0); its precision need not be
	// low, since a few outlying digits have wide k-NN balls (see the chapter).
	if !(real.Precision > 0.6 && real.Recall > 0.6 && noise.Recall < 0.05) {
		t.Errorf("precision/recall: training digits %g/%g, noise %g/%g", real.Precision, real.Recall, noise.Precision, noise.Recall)
	}
	total := 0
	for _, n := range real.Classes {
		total += n
	}
	if total != 2000 || real.N != 2000 {
		t.Errorf("class counts %v sum to %d over %d images", real.Classes, total, real.N)
	}
	// Training digits are spread evenly over the classes (10,000 of them
	// score 0.0023 with the chapter's classifier); noise lands on a few
	// classes, far from a tenth each.
	if !(real.ClassKL >= 0 && real.ClassKL < 0.02 && noise.ClassKL > 0.1) {
		t.Errorf("KL(classes || uniform): training digits %g, noise %g; want below 0.02 and above 0.1", real.ClassKL, noise.ClassKL)
	}
	if _, err := c.Score(tensor.New(5, 100), ref, DefaultScoreOptions()); err == nil || !strings.Contains(err.Error(), "[5 100]") {
		t.Errorf("images of the wrong size: %v", err)
	}
}

func TestNoiseCurveRises(t *testing.T) {
	c := quickClassifier(t).Model
	train, test := mnist(t)
	curve, err := c.NoiseCurve(train.Head(1000).Images, test.Head(1000).Images, []float64{0, 0.2, 0.5, 1}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(curve.FID); i++ {
		if !(curve.FID[i] > curve.FID[i-1]) {
			t.Errorf("MNIST-FID %v does not rise with the noise %v", curve.FID, curve.X)
		}
	}
	sizes, err := c.SampleSizeCurve(train.Head(2000).Images, test.Head(2000).Images, []int{50, 2000})
	if err != nil {
		t.Fatal(err)
	}
	if !(sizes.FID[0] > 2*sizes.FID[1]) {
		t.Errorf("MNIST-FID from 50 images %g, from 2,000 %g: want the small sample biased well above", sizes.FID[0], sizes.FID[1])
	}
	if _, err := c.SampleSizeCurve(train.Head(10).Images, test.Head(10).Images, []int{20}); err == nil {
		t.Error("a sample size above the images available was accepted")
	}
	for _, v := range AddNoise(tensor.Full(0.5, 4, 784), 10, tensor.NewRNG(1)).Data {
		if v < 0 || v > 1 {
			t.Fatalf("AddNoise left %g outside [0, 1]", v)
		}
	}
}
