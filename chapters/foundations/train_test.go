package foundations

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// mnist loads the real digits once per test binary (the GoMNIST module's
// copy unless AIGC_MNIST_DIR says otherwise).
func mnist(t *testing.T) (train, test *data.Dataset) {
	t.Helper()
	train, test, err := data.SharedMNIST()
	if err != nil {
		t.Fatal(err)
	}
	return train, test
}

// smallConfig trains in a few seconds: one narrow hidden layer, small batches.
func smallConfig() Config {
	cfg := DefaultConfig()
	cfg.Hidden = []int{128}
	cfg.Epochs = 6
	cfg.LR = 3e-3
	cfg.Warmup = 20
	cfg.BatchSize = 32
	return cfg
}

// TestMLPLearnsMNIST trains on 4,000 digits and tests on 2,000 others.
// Chance is 10%, and a network whose backward or update is broken stays
// near it; the working one reaches about 91%.
func TestMLPLearnsMNIST(t *testing.T) {
	train, test := mnist(t)
	res, err := Train(smallConfig(), train.Head(4000), test.Head(2000), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("test accuracy %.2f%%, final loss %.3f, %.1f ms/step", 100*res.TestAccuracy, res.Losses[len(res.Losses)-1], res.MsPerStep)
	if res.TestAccuracy < 0.89 || res.TestAccuracy > 0.99 {
		t.Errorf("test accuracy %.3f outside [0.89, 0.99]", res.TestAccuracy)
	}
	first, last := mean(res.Losses[:10]), mean(res.Losses[len(res.Losses)-10:])
	if last > first/3 {
		t.Errorf("the loss fell only from %.3f to %.3f", first, last)
	}
}

// TestSameSeedSameRun checks reproducibility, bit for bit, and that the
// seed matters.
func TestSameSeedSameRun(t *testing.T) {
	train, test := mnist(t)
	train, test = train.Head(600), test.Head(200)
	cfg := smallConfig()
	cfg.Epochs = 1
	a, err := Train(cfg, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Train(cfg, train, test, nil)
	cfg.Seed++
	c, _ := Train(cfg, train, test, nil)
	for i := range a.Losses {
		if a.Losses[i] != b.Losses[i] {
			t.Fatalf("step %d: loss %v then %v with the same seed", i+1, a.Losses[i], b.Losses[i])
		}
	}
	if a.Losses[len(a.Losses)-1] == c.Losses[len(c.Losses)-1] {
		t.Error("a different seed gave the same final loss")
	}
}

func TestTrainRejectsBadConfig(t *testing.T) {
	train, test := mnist(t)
	cfg := smallConfig()
	cfg.BatchSize = 0
	if _, err := Train(cfg, train.Head(10), test.Head(10), nil); err == nil {
		t.Fatal("batch size 0 was accepted")
	}
}

func TestPicturesAndParameterFile(t *testing.T) {
	train, test := mnist(t)
	cfg := smallConfig()
	cfg.Epochs = 1
	test = test.Head(100)
	res, err := Train(cfg, train.Head(500), test, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	grid, curve := filepath.Join(dir, "grid.png"), filepath.Join(dir, "loss.png")
	if err := WritePictures(res, test, grid, curve); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{grid, curve} {
		if info, err := os.Stat(p); err != nil || info.Size() < 1000 {
			t.Errorf("%s: %v (size %v)", p, err, info)
		}
	}
	// The trained weights survive a save and load into a fresh model.
	path := filepath.Join(dir, "mlp.params")
	if err := nn.Save(path, res.Model); err != nil {
		t.Fatal(err)
	}
	fresh := NewMLP(cfg.Layers(784), tensor.NewRNG(99))
	if err := nn.Load(path, fresh); err != nil {
		t.Fatal(err)
	}
	if got, want := accuracy(fresh.Predict(test.Images), test.Labels), res.TestAccuracy; got != want {
		t.Errorf("the loaded model scores %.4f, the trained one %.4f", got, want)
	}
}

// The digit grid marks exactly the misclassified digits in red.
func TestDigitGridMarksMistakes(t *testing.T) {
	_, test := mnist(t)
	test = test.Head(4)
	pred := append([]int(nil), test.Labels...)
	pred[2] = (pred[2] + 1) % 10
	g := DigitGrid(test, pred, []int{0, 1, 2, 3})
	hw := test.Rows * test.Cols
	for i := 0; i < 4; i++ {
		r, gr := g.Data[(3*i)*hw:][:hw], g.Data[(3*i+1)*hw:][:hw]
		red := r[0] > gr[0] // the background pixel tells
		if red != (i == 2) {
			t.Errorf("digit %d: red %v, misclassified %v", i, red, i == 2)
		}
	}
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func TestShowcaseEndsWithMistakes(t *testing.T) {
	labels := []int{0, 1, 2, 3, 4, 5, 6, 7}
	pred := []int{0, 9, 2, 3, 9, 5, 9, 9}
	got := Showcase(pred, labels, 5, 2)
	want := []int{0, 1, 2, 4, 6} // three first digits, then the mistakes after them
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Showcase = %v, want %v", got, want)
	}
}
