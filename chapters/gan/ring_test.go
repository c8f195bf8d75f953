package gan

import (
	"math"
	"sync"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestRingModelShapes(t *testing.T) {
	rng := tensor.NewRNG(1)
	g := NewRingGenerator(8, []int{64, 64}, rng)
	d := NewRingDiscriminator([]int{64, 64}, rng)
	z := autograd.Const(tensor.RandN(rng, 5, 8))
	x := g.Forward(z)
	if got := x.Shape(); len(got) != 2 || got[0] != 5 || got[1] != 2 {
		t.Errorf("G(z) has shape %v, want [5 2]", got)
	}
	if got := d.Forward(x).Shape(); len(got) != 2 || got[0] != 5 || got[1] != 1 {
		t.Errorf("D(x) has shape %v, want [5 1]", got)
	}
	// 8·64+64 + 64·64+64 + 64·2+2 and 2·64+64 + 64·64+64 + 64·1+1.
	if n := nn.NumParams(g); n != 4866 {
		t.Errorf("generator has %d parameters, want 4866", n)
	}
	if n := nn.NumParams(d); n != 4417 {
		t.Errorf("discriminator has %d parameters, want 4417", n)
	}
	if p := g.Params(); p[0].Name != "0.W" || p[len(p)-1].Name != "4.b" {
		t.Errorf("generator parameters are named %q ... %q", p[0].Name, p[len(p)-1].Name)
	}
	// Sample is seeded and records no graph.
	a, b, c := g.Sample(100, 7), g.Sample(100, 7), g.Sample(100, 8)
	if a.Dim(0) != 100 || a.Dim(1) != 2 {
		t.Fatalf("Sample(100) has shape %v", a.Shape)
	}
	for i := range a.Data {
		if a.Data[i] != b.Data[i] {
			t.Fatal("Sample with the same seed differs")
		}
	}
	if a.Data[0] == c.Data[0] {
		t.Error("Sample with another seed gives the same first point")
	}
	for _, p := range d.Prob(a).Data {
		if !(p > 0 && p < 1) {
			t.Fatalf("D(x) = %v, want a probability in (0, 1)", p)
		}
	}
}

// tinyRingConfig trains in a fraction of a second.
func tinyRingConfig() RingConfig {
	cfg := DefaultRingConfig()
	cfg.Steps, cfg.BatchSize, cfg.Hidden, cfg.SnapshotEvery, cfg.SnapshotSamples = 25, 16, []int{16}, 10, 50
	return cfg
}

func TestTrainRingRecordsAndRepeats(t *testing.T) {
	cfg := tinyRingConfig()
	var seen []RingProgress
	a, err := TrainRing(cfg, func(p RingProgress) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(a.DLoss) != 25 || len(a.GLoss) != 25 || len(seen) != 25 || seen[24].Step != 25 || seen[24].Steps != 25 {
		t.Fatalf("%d D losses, %d G losses, %d progress reports", len(a.DLoss), len(a.GLoss), len(seen))
	}
	if seen[3].DLoss != a.DLoss[3] || seen[3].GLoss != a.GLoss[3] || seen[3].Winner != "" {
		t.Errorf("progress %+v does not match the result", seen[3])
	}
	// Snapshots at 0, 10, 20 and the last step, 25.
	var steps []int
	for _, s := range a.Snapshots {
		steps = append(steps, s.Step)
		if s.Samples.Dim(0) != 50 || s.Samples.Dim(1) != 2 {
			t.Errorf("snapshot at %d has shape %v", s.Step, s.Samples.Shape)
		}
	}
	if len(steps) != 4 || steps[0] != 0 || steps[1] != 10 || steps[2] != 20 || steps[3] != 25 {
		t.Errorf("snapshots at steps %v, want [0 10 20 25]", steps)
	}
	// The first losses are those of an untrained pair: D(x) ≈ 1/2
	// everywhere gives L_D ≈ 2·log 2 and -log D(G(z)) ≈ log 2 (a little
	// more, as D has taken its first step when G's loss is measured).
	wantNear(t, "first L_D", a.DLoss[0], 2*math.Log(2), 0.15)
	wantNear(t, "first L_G", a.GLoss[0], math.Log(2), 0.3)

	// The same config gives the same run, bit for bit; another seed does not.
	b, _ := TrainRing(cfg, nil)
	for i := range a.DLoss {
		if a.DLoss[i] != b.DLoss[i] || a.GLoss[i] != b.GLoss[i] {
			t.Fatalf("step %d: losses %v, %v then %v, %v with the same seed", i+1, a.DLoss[i], a.GLoss[i], b.DLoss[i], b.GLoss[i])
		}
	}
	cfg.Seed++
	c, _ := TrainRing(cfg, nil)
	if c.DLoss[24] == a.DLoss[24] {
		t.Error("another seed gave the same last loss")
	}
}

func TestTrainRingRejectsBadConfig(t *testing.T) {
	for name, change := range map[string]func(*RingConfig){
		"steps":     func(c *RingConfig) { c.Steps = 0 },
		"batch":     func(c *RingConfig) { c.BatchSize = 0 },
		"lr":        func(c *RingConfig) { c.LR = 0 },
		"zdim":      func(c *RingConfig) { c.ZDim = 0 },
		"hidden":    func(c *RingConfig) { c.Hidden = []int{8, 0} },
		"loss":      func(c *RingConfig) { c.Loss = "wasserstein" },
		"snapshots": func(c *RingConfig) { c.SnapshotEvery = -1 },
		"samples":   func(c *RingConfig) { c.SnapshotSamples = 0 },
	} {
		cfg := tinyRingConfig()
		change(&cfg)
		if _, err := TrainRing(cfg, nil); err == nil {
			t.Errorf("%s: bad config accepted", name)
		}
	}
	for _, loss := range []string{"nonsaturating", "minimax", "least-squares"} {
		cfg := tinyRingConfig()
		cfg.Steps, cfg.Loss = 2, loss
		if _, err := TrainRing(cfg, nil); err != nil {
			t.Errorf("loss %q: %v", loss, err)
		}
	}
}

func TestRingFigures(t *testing.T) {
	res, err := TrainRing(tinyRingConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	img, err := RingSamplesFigure(res, 2)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 2*RingPanelSize || b.Dy() != 2*RingPanelSize {
		t.Errorf("four snapshots in rows of two: %v, want %dx%d", b, 2*RingPanelSize, 2*RingPanelSize)
	}
	curves, err := RingLossFigure(res, "losses")
	if err != nil {
		t.Fatal(err)
	}
	if curves.Bounds().Dx() == 0 {
		t.Error("empty loss figure")
	}
	if _, err := RingSamplesFigure(&RingResult{}, 0); err == nil {
		t.Error("a result without snapshots was drawn")
	}
}

var (
	ringDefaultOnce sync.Once
	ringDefaultRes  *RingResult
	ringDefaultErr  error
)

// ringDefault trains the chapter's default ring GAN once per test binary
// (2,500 steps; about 3 ms a step on two cores).
func ringDefault(t *testing.T) *RingResult {
	t.Helper()
	ringDefaultOnce.Do(func() { ringDefaultRes, ringDefaultErr = TrainRing(DefaultRingConfig(), nil) })
	if ringDefaultErr != nil {
		t.Fatal(ringDefaultErr)
	}
	return ringDefaultRes
}

// ringBand is what a working GAN reaches on the ring with the default
// config: at least 6 of the 8 modes covered, with at least 60% of its
// samples of high quality: the worst of seeds 1 to 10 in the chapter's
// text, with a margin on the share.
func ringBand(c metrics.Coverage) bool { return c.Modes >= 6 && c.HighQuality >= 0.6 }

// TestRingGANCoversModes trains the default ring GAN and measures 2,500 of
// its samples. The untrained generator, a blob near the origin, covers
// nothing: that is the band's floor.
func TestRingGANCoversModes(t *testing.T) {
	res := ringDefault(t)
	c := res.Coverage(2500, 77)
	t.Logf("default ring GAN: %v, counts %v, %.2f ms/step", c, c.Counts, res.MsPerStep)
	if !ringBand(c) {
		t.Errorf("default ring GAN: %v; want at least 6/8 modes and 60%% high quality", c)
	}
	start := metrics.ModeCoverage(res.Snapshots[0].Samples, metrics.RingCentres(RingModes, RingRadius), RingStd)
	if start.Modes != 0 || start.HighQuality > 0.01 {
		t.Errorf("the untrained generator already covers %v", start)
	}
	// Late in training, D can no longer separate the two: L_D near
	// 2·log 2 ≈ 1.39 rather than near 0.
	if d := meanOf(res.DLoss[len(res.DLoss)-200:]); d < 1.0 || d > 1.5 {
		t.Errorf("mean L_D over the last 200 steps %.3f; want about 1.2 to 1.4", d)
	}
}

// TestBrokenRingGANFailsBand trains the same GAN with the generator's loss
// sign flipped, so that G runs from the data instead of toward it. It
// trains as long and must miss the band by far.
func TestBrokenRingGANFailsBand(t *testing.T) {
	flipped := func(l *autograd.Value) *autograd.Value { return autograd.Neg(NonSaturatingGeneratorLoss(l)) }
	res, err := trainRing(DefaultRingConfig(), flipped, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Coverage(2500, 77)
	t.Logf("sign-flipped generator loss: %v", c)
	if ringBand(c) || c.Modes > 1 || c.HighQuality > 0.05 {
		t.Errorf("a GAN whose generator flees the data reached %v", c)
	}
}

// meanOf is the mean of xs.
func meanOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
