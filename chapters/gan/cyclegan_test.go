package gan

import (
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestBoldDilates(t *testing.T) {
	img := tensor.New(2, 784)
	img.Data[5*28+5] = 0.8 // one pixel of image 0
	img.Data[784+0] = 1    // the corner of image 1
	b := Bold(img)
	for r := 0; r < 28; r++ {
		for c := 0; c < 28; c++ {
			want := 0.0
			if r >= 4 && r <= 6 && c >= 4 && c <= 6 {
				want = 0.8
			}
			if got := b.Data[r*28+c]; got != want {
				t.Fatalf("image 0 pixel (%d,%d) = %g, want %g", r, c, got, want)
			}
		}
	}
	if tensor.Sum(tensor.Slice(b, 0, 1, 2)) != 4 { // the corner grows to 2×2 inside the image
		t.Errorf("image 1 has %g ink, want 4", tensor.Sum(tensor.Slice(b, 0, 1, 2)))
	}
}

func TestUnpairedDomains(t *testing.T) {
	imgs := tensor.RandU(tensor.NewRNG(1), 0, 1, 10, 784)
	ds := data.NewDataset(imgs, make([]int, 10))
	x, y := UnpairedDomains(ds, 4)
	if x.Shape[0] != 4 || y.Shape[0] != 4 {
		t.Fatalf("domains of %v and %v images", x.Shape, y.Shape)
	}
	if tensor.MaxAbs(tensor.Sub(y, Bold(tensor.Slice(imgs, 0, 4, 8)))) != 0 || tensor.MaxAbs(tensor.Sub(x, tensor.Slice(imgs, 0, 0, 4))) != 0 {
		t.Error("X is not the first digits, or Y not the next ones made bold")
	}
	if x, _ := UnpairedDomains(ds, 100); x.Shape[0] != 5 {
		t.Errorf("asking for more than half gives %d per domain, want 5", x.Shape[0])
	}
}

func TestCycleShapesAndLoss(t *testing.T) {
	rng := tensor.NewRNG(1)
	g, d := NewTranslator(4, rng), NewPatchDiscriminator(4, rng)
	x := autograd.Const(tensor.RandU(rng, -1, 1, 3, 784))
	if s := g.Forward(x).Shape(); !tensor.EqualShape(s, []int{3, 784}) {
		t.Errorf("translator output %v", s)
	}
	if s := d.Forward(x).Shape(); !tensor.EqualShape(s, []int{3, 49}) {
		t.Errorf("patch discriminator output %v", s)
	}
	for _, v := range g.Forward(x).Data.Data {
		if v < -1 || v > 1 {
			t.Fatalf("translator output %g outside [-1, 1]", v)
		}
	}
	// L_cyc by hand: round trips off by 0.5 everywhere on x and by 0.25 on y.
	a := autograd.Const(tensor.Full(0.2, 2, 4))
	c := CycleLoss(a, autograd.Const(tensor.Full(0.7, 2, 4)), a, autograd.Const(tensor.Full(-0.05, 2, 4)))
	if math.Abs(c.Item()-0.75) > 1e-12 {
		t.Errorf("cycle loss %g, want 0.5 + 0.25", c.Item())
	}
}

// A short seeded run already learns to come back: the cycle loss (two
// mean absolute errors) falls from the untrained translators' ~1.8
// (their outputs sit near 0, the images near ±1) to below 0.7 (0.42
// measured after 120 steps), which translators that never learned (or
// whose gradients were wrong) cannot reach.
func TestCycleGANLearns(t *testing.T) {
	train := cycleMNIST(t)
	cfg := DefaultCycleConfig()
	cfg.Steps, cfg.Domain, cfg.Width, cfg.BatchSize = 100, 2000, 8, 16
	res, err := TrainCycleGAN(cfg, train, nil)
	if err != nil {
		t.Fatal(err)
	}
	first, last := res.CycleLosses[0], cycleMean(res.CycleLosses[len(res.CycleLosses)-10:])
	if !(first > 1.2 && last < 0.7) {
		t.Errorf("cycle loss from %.3f to %.3f, want from above 1.2 to below 0.7", first, last)
	}
	cfg.Steps = 5
	a, _ := TrainCycleGAN(cfg, train, nil)
	b, _ := TrainCycleGAN(cfg, train, nil)
	if a.CycleLosses[4] != b.CycleLosses[4] || a.DLosses[4] != b.DLosses[4] {
		t.Error("the same seed gave a different run")
	}
	cfg.Domain = 4
	if _, err := TrainCycleGAN(cfg, train, nil); err == nil || !strings.Contains(err.Error(), "fewer than a batch") {
		t.Errorf("a domain smaller than a batch: %v", err)
	}
}

func cycleMean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// cycleMNIST loads the training digits once per test binary.
func cycleMNIST(t *testing.T) *data.Dataset {
	t.Helper()
	train, _, err := data.SharedMNIST()
	if err != nil {
		t.Fatal(err)
	}
	return train
}
