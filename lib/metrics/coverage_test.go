package metrics_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// The ring of the GAN and diffusion chapters: eight Gaussians of standard
// deviation 0.02 on a circle of radius 2.
const (
	ringModes  = 8
	ringRadius = 2.0
	ringStd    = 0.02
)

// nearOrFail fails t unless got is within tol of want.
func nearOrFail(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.15g, want %.15g (±%g)", what, got, want, tol)
	}
}

func TestRingCentresMatchData(t *testing.T) {
	c := metrics.RingCentres(ringModes, ringRadius)
	if c.Dim(0) != 8 || c.Dim(1) != 2 {
		t.Fatalf("centres %v, want [8 2]", c.Shape)
	}
	nearOrFail(t, "centre 0 x", c.At(0, 0), 2, 0)
	nearOrFail(t, "centre 2 y", c.At(2, 1), 2, 1e-15)
	nearOrFail(t, "centre 5 x", c.At(5, 0), -math.Sqrt2, 1e-15)
	// Every real point lies near the centre of the mode data.Ring says it
	// came from.
	x, modes := data.Ring(1000, ringModes, ringRadius, ringStd, 3)
	for i, k := range modes {
		dx, dy := x.At(i, 0)-c.At(k, 0), x.At(i, 1)-c.At(k, 1)
		if math.Hypot(dx, dy) > 6*ringStd {
			t.Fatalf("point %d is %.3f from the centre of its mode %d", i, math.Hypot(dx, dy), k)
		}
	}
}

func TestCoverageOfRealData(t *testing.T) {
	x, _ := data.Ring(2500, ringModes, ringRadius, ringStd, 11)
	c := metrics.ModeCoverage(x, metrics.RingCentres(ringModes, ringRadius), ringStd)
	t.Logf("real data: %v, counts %v", c, c.Counts)
	// 1 - e^{-9/2} = 98.9% of a 2-D Gaussian lies within 3 std.
	if c.Modes != 8 || c.HighQuality < 0.98 || c.Total != 8 || c.N != 2500 {
		t.Errorf("real data: %v, want 8/8 modes and about 98.9%% high quality", c)
	}
	if c.MinCount != 63 { // ⌈0.2·2500/8⌉
		t.Errorf("MinCount = %d, want 63", c.MinCount)
	}
	sum := 0
	for _, m := range c.Counts {
		sum += m
	}
	nearOrFail(t, "sum of counts / N", float64(sum)/2500, c.HighQuality, 1e-15)
}

func TestCoverageOfACollapsedModel(t *testing.T) {
	// Every sample on mode 3, tightly: one mode, all high quality.
	centres := metrics.RingCentres(ringModes, ringRadius)
	g := tensor.NewRNG(5)
	x := tensor.New(1000, 2)
	for i := 0; i < 1000; i++ {
		x.Set(centres.At(3, 0)+g.Normal(0, 0.01), i, 0)
		x.Set(centres.At(3, 1)+g.Normal(0, 0.01), i, 1)
	}
	c := metrics.ModeCoverage(x, centres, ringStd)
	if c.Modes != 1 || c.Counts[3] != 1000 || c.HighQuality != 1 {
		t.Errorf("collapsed: %v, counts %v; want 1 mode (3) and 100%% high quality", c, c.Counts)
	}
	// Stray samples, 20 on mode 5 and 10 on mode 6, stay below the
	// ⌈0.2·1030/8⌉ = 26 that would make those modes covered.
	extra := tensor.New(30, 2)
	for i := 0; i < 30; i++ {
		k := 5
		if i >= 20 {
			k = 6
		}
		extra.Set(centres.At(k, 0), i, 0)
		extra.Set(centres.At(k, 1), i, 1)
	}
	c = metrics.ModeCoverage(tensor.Concat(0, x, extra), centres, ringStd)
	if c.MinCount != 26 || c.Modes != 1 || c.Counts[5] != 20 || c.Counts[6] != 10 {
		t.Errorf("collapsed plus strays: %v, counts %v, MinCount %d; want 1 mode hit with MinCount 26", c, c.Counts, c.MinCount)
	}
}

func TestCoverageOfNoise(t *testing.T) {
	// Uniform noise over the square [-3, 3]²: the eight disks of radius
	// 0.06 cover 8·π·0.06²/36 = 0.25% of it.
	x := tensor.RandU(tensor.NewRNG(9), -3, 3, 4000, 2)
	c := metrics.ModeCoverage(x, metrics.RingCentres(ringModes, ringRadius), ringStd)
	t.Logf("uniform noise: %v", c)
	if c.HighQuality > 0.01 || c.Modes != 0 {
		t.Errorf("uniform noise: %v, want under 1%% high quality and no mode covered", c)
	}
	// Points on the ring but between the modes are no better.
	y := tensor.New(800, 2)
	for i := 0; i < 800; i++ {
		theta := 2*math.Pi*float64(i%8)/8 + math.Pi/8
		y.Set(2*math.Cos(theta), i, 0)
		y.Set(2*math.Sin(theta), i, 1)
	}
	if c := metrics.ModeCoverage(y, metrics.RingCentres(ringModes, ringRadius), ringStd); c.HighQuality != 0 || c.Modes != 0 {
		t.Errorf("between the modes: %v", c)
	}
	// NaN samples (a diverged model) are never of high quality.
	z := tensor.Full(math.NaN(), 10, 2)
	if c := metrics.ModeCoverage(z, metrics.RingCentres(ringModes, ringRadius), ringStd); c.HighQuality != 0 || c.Modes != 0 {
		t.Errorf("NaN samples: %v", c)
	}
}
