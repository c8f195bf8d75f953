package gan

import (
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// dcganDigits returns the first n training digits, loading MNIST once per
// test binary.
func dcganDigits(t *testing.T, n int) *data.Dataset {
	t.Helper()
	train, _, err := data.SharedMNIST()
	if err != nil {
		t.Fatal(err)
	}
	return train.Head(n)
}

// tinyMNISTConfig trains a narrow GAN on small batches: a step takes a
// few tens of milliseconds.
func tinyMNISTConfig(steps int) MNISTConfig {
	return MNISTConfig{
		Steps: steps, BatchSize: 32, LR: 1e-3, Beta1: 0.5, Beta2: 0.999,
		ZDim: 16, Width: 8, Snapshots: 2, SnapshotSize: 200, Seed: 2,
	}
}

// digitStats summarises images [N, 784] in [0, 1] by their mean pixel and
// by the correlation of their mean image with the reference's mean image:
// MNIST digits are bright strokes in the middle of a black field, a
// generator that has learnt nothing is grey everywhere.
func digitStats(images, reference *tensor.Tensor) (meanPixel, corr float64) {
	a, b := tensor.MeanAxis(images, 0, false).Data, tensor.MeanAxis(reference, 0, false).Data
	var ma, mb float64
	for i := range a {
		ma, mb = ma+a[i], mb+b[i]
	}
	ma, mb = ma/float64(len(a)), mb/float64(len(b))
	var sab, saa, sbb float64
	for i := range a {
		sab += (a[i] - ma) * (b[i] - mb)
		saa += (a[i] - ma) * (a[i] - ma)
		sbb += (b[i] - mb) * (b[i] - mb)
	}
	return tensor.Mean(images), sab / math.Sqrt(saa*sbb+1e-300)
}

func meanOfSteps(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// TestDCGANLearnsDigitStatistics trains a tiny DCGAN for 100 steps on
// 3,000 digits. At the start G draws uniform grey (mean pixel 0.5, no
// black pixel) and D is unsure (D ≈ 1/2 on both sides); after training,
// D tells real from fake, and G's samples have a black background and
// their brightness where the digits' strokes are, as five seeds measured:
// mean pixel 0.14 to 0.32 (the data: 0.13), 18% to 54% of pixels black
// (the data: 83%), correlation of the mean images 0.29 to 0.67. A generator
// or discriminator that does not learn stays grey, unsure and uncorrelated.
func TestDCGANLearnsDigitStatistics(t *testing.T) {
	train := dcganDigits(t, 3000)
	cfg := tinyMNISTConfig(100)
	res, err := TrainDCGAN(cfg, train, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.DLoss) != cfg.Steps || len(res.GLoss) != cfg.Steps || len(res.DReal) != cfg.Steps || len(res.DFake) != cfg.Steps {
		t.Fatalf("recorded %d, %d, %d, %d values for %d steps", len(res.DLoss), len(res.GLoss), len(res.DReal), len(res.DFake), cfg.Steps)
	}
	if math.Abs(res.DReal[0]-0.5) > 0.15 || math.Abs(res.DFake[0]-0.5) > 0.15 || math.Abs(res.DLoss[0]-2*math.Ln2) > 0.3 {
		t.Errorf("untrained D: D(x) %.3f, D(G(z)) %.3f, loss %.3f; want both near 1/2, the loss near 2·ln 2", res.DReal[0], res.DFake[0], res.DLoss[0])
	}
	last := cfg.Steps - 20
	dLoss, dReal, dFake := meanOfSteps(res.DLoss[last:]), meanOfSteps(res.DReal[last:]), meanOfSteps(res.DFake[last:])
	t.Logf("last 20 steps: D loss %.3f, G loss %.3f, D(x) %.3f, D(G(z)) %.3f, %.0f ms/step",
		dLoss, meanOfSteps(res.GLoss[last:]), dReal, dFake, res.MsPerStep)
	if !(dReal > dFake+0.3 && dLoss < 1) {
		t.Errorf("D(x) %.3f, D(G(z)) %.3f, D loss %.3f: want D to tell them apart", dReal, dFake, dLoss)
	}
	if len(res.Snapshots) != 3 || res.Snapshots[0].Step != 0 || res.Snapshots[2].Step != cfg.Steps {
		t.Fatalf("snapshots at steps %v", snapshotSteps(res))
	}
	ref := train.Images
	m0, c0 := digitStats(res.Snapshots[0].Images, ref)
	b0 := blackShare(res.Snapshots[0].Images)
	samples := res.G.Sample(500, tensor.NewRNG(9))
	m1, c1 := digitStats(samples, ref)
	b1 := blackShare(samples)
	t.Logf("mean pixel %.3f -> %.3f (data %.3f), black %.3f -> %.3f (data %.3f), correlation of mean images %.3f -> %.3f",
		m0, m1, tensor.Mean(ref), b0, b1, blackShare(ref), c0, c1)
	if math.Abs(m0-0.5) > 0.02 || b0 > 0.01 || math.Abs(c0) > 0.2 {
		t.Errorf("untrained G: mean pixel %.3f, black %.3f, correlation %.3f; want grey and unlike digits", m0, b0, c0)
	}
	if !(m1 > 0.05 && m1 < 0.36 && b1 > 0.12 && c1 > 0.2) {
		t.Errorf("trained G: mean pixel %.3f (want 0.05 to 0.36), black %.3f (want > 0.12), correlation %.3f (want > 0.2)", m1, b1, c1)
	}
}

// blackShare is the fraction of pixels below 0.1.
func blackShare(images *tensor.Tensor) float64 {
	n := 0
	for _, v := range images.Data {
		if v < 0.1 {
			n++
		}
	}
	return float64(n) / float64(len(images.Data))
}

func snapshotSteps(res *DCGANResult) []int {
	var s []int
	for _, sn := range res.Snapshots {
		s = append(s, sn.Step)
	}
	return s
}

// TestSameSeedSameGAN checks that a run is fixed by its seed, bit for bit,
// and that the seed matters.
func TestSameSeedSameGAN(t *testing.T) {
	train := dcganDigits(t, 500)
	cfg := tinyMNISTConfig(4)
	cfg.SnapshotSize = 4
	for _, train1 := range []func(MNISTConfig) (History, error){
		func(cfg MNISTConfig) (History, error) {
			res, err := TrainDCGAN(cfg, train, nil)
			if err != nil {
				return History{}, err
			}
			return res.History, nil
		},
		func(cfg MNISTConfig) (History, error) {
			res, err := TrainCGAN(cfg, train, nil)
			if err != nil {
				return History{}, err
			}
			return res.History, nil
		},
	} {
		a, err := train1(cfg)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := train1(cfg)
		other := cfg
		other.Seed++
		c, _ := train1(other)
		for i := range a.DLoss {
			if a.DLoss[i] != b.DLoss[i] || a.GLoss[i] != b.GLoss[i] || a.DFake[i] != b.DFake[i] {
				t.Fatalf("step %d: losses %v, %v then %v, %v with the same seed", i+1, a.DLoss[i], a.GLoss[i], b.DLoss[i], b.GLoss[i])
			}
		}
		last := len(a.Snapshots) - 1
		if d := tensor.MaxAbs(tensor.Sub(a.Snapshots[last].Images, b.Snapshots[last].Images)); d != 0 {
			t.Errorf("the same seed drew snapshots %g apart", d)
		}
		if a.GLoss[len(a.GLoss)-1] == c.GLoss[len(c.GLoss)-1] {
			t.Error("a different seed gave the same final G loss")
		}
	}
}

func TestTrainReportsProgress(t *testing.T) {
	cfg := tinyMNISTConfig(3)
	cfg.Snapshots, cfg.SnapshotSize = 0, 0
	var got []Progress
	res, err := TrainCGAN(cfg, dcganDigits(t, 200), func(p Progress) { got = append(got, p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[2].Step != 3 || got[2].Steps != 3 || got[2].GLoss != res.GLoss[2] || got[0].DReal != res.DReal[0] {
		t.Fatalf("progress %+v", got)
	}
	if len(res.Snapshots) != 0 {
		t.Errorf("%d snapshots with none asked for", len(res.Snapshots))
	}
	line := got[2].String()
	for _, want := range []string{"step 3/3", "D(x)", "D(G(z))"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q lacks %q", line, want)
		}
	}
}

func TestTrainRejectsBadInput(t *testing.T) {
	train := dcganDigits(t, 100)
	for name, bad := range map[string]func(*MNISTConfig){
		"no steps":   func(c *MNISTConfig) { c.Steps = 0 },
		"batch of 1": func(c *MNISTConfig) { c.BatchSize = 1 },
		"NaN lr":     func(c *MNISTConfig) { c.LR = math.NaN() },
		"beta1 1":    func(c *MNISTConfig) { c.Beta1 = 1 },
		"no noise":   func(c *MNISTConfig) { c.ZDim = 0 },
		"no width":   func(c *MNISTConfig) { c.Width = 0 },
		"big batch":  func(c *MNISTConfig) { c.BatchSize = 101 },
	} {
		cfg := tinyMNISTConfig(1)
		bad(&cfg)
		if _, err := TrainDCGAN(cfg, train, nil); err == nil {
			t.Errorf("%s: %+v was accepted", name, cfg)
		}
	}
	unlabelled := data.NewDataset(train.Images, nil)
	if _, err := TrainCGAN(tinyMNISTConfig(1), unlabelled, nil); err == nil {
		t.Error("a conditional GAN was trained on unlabelled digits")
	}
	if _, err := TrainDCGAN(tinyMNISTConfig(1), data.NewDataset(tensor.New(100, 10), nil), nil); err == nil {
		t.Error("10-pixel images were accepted")
	}
	for _, cfg := range []MNISTConfig{DefaultDCGANConfig(), DefaultCGANConfig()} {
		if err := cfg.validate(); err != nil {
			t.Errorf("default %+v: %v", cfg, err)
		}
	}
}

// With Cosine the learning rate of both networks falls along half a
// cosine from LR, to 0 at the last step; without it, it stays at LR.
func TestCosineDecay(t *testing.T) {
	train := dcganDigits(t, 200)
	for _, cosine := range []bool{false, true} {
		cfg := tinyMNISTConfig(4)
		cfg.Cosine = cosine
		tr, err := newDCGAN(cfg, train)
		if err != nil {
			t.Fatal(err)
		}
		var lrs []float64
		for s := 1; s <= cfg.Steps; s++ {
			tr.step()
			if tr.optG.LR() != tr.optD.LR() {
				t.Fatalf("cosine %v, step %d: G's rate %g, D's %g", cosine, s, tr.optG.LR(), tr.optD.LR())
			}
			lrs = append(lrs, tr.optD.LR())
		}
		want := []float64{cfg.LR, cfg.LR, cfg.LR, cfg.LR}
		if cosine {
			// lr(s) = LR·(1 + cos(π·s/4))/2 for s = 1, 2, 3, then 0.
			c := math.Cos(math.Pi / 4)
			want = []float64{cfg.LR * (1 + c) / 2, cfg.LR / 2, cfg.LR * (1 - c) / 2, 0}
		}
		for s := range want {
			if math.Abs(lrs[s]-want[s]) > 1e-15 {
				t.Errorf("cosine %v: learning rates %v, want %v", cosine, lrs, want)
				break
			}
		}
	}
}
