//go:build graded

package modecov

import (
	"fmt"
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// points builds an [N, 2] tensor from x, y pairs.
func points(xy ...float64) *tensor.Tensor { return tensor.FromSlice(xy, len(xy)/2, 2) }

// The four centres of a ring of radius 2, written out exactly.
var square = points(2, 0, 0, 2, -2, 0, 0, -2)

func TestRingCentres(t *testing.T) {
	h := math.Sqrt(2) // radius 2 at 45°: (2/√2, 2/√2)
	cases := []struct {
		modes  int
		radius float64
		want   []float64
	}{
		{4, 2, []float64{2, 0, 0, 2, -2, 0, 0, -2}},
		{8, 2, []float64{2, 0, h, h, 0, 2, -h, h, -2, 0, -h, -h, 0, -2, h, -h}},
		{2, 1, []float64{1, 0, -1, 0}},
		{1, 3, []float64{3, 0}},
	}
	for _, c := range cases {
		got := RingCentres(c.modes, c.radius)
		if got == nil || fmt.Sprint(got.Shape) != fmt.Sprint([]int{c.modes, 2}) {
			t.Errorf("RingCentres(%d, %g) = %v, want shape [%d 2]", c.modes, c.radius, got, c.modes)
			continue
		}
		for i, w := range c.want {
			if math.Abs(got.Data[i]-w) > 1e-12 {
				t.Errorf("RingCentres(%d, %g) = %v, want %v", c.modes, c.radius, got.Data, c.want)
				break
			}
		}
	}
}

func TestAssign(t *testing.T) {
	cases := []struct {
		name    string
		samples *tensor.Tensor
		std     float64
		want    []int
	}{
		// 3σ = 0.3. Distances: 0; √(0.04 + 0.04) ≈ 0.283; 0.25; 0.25; 0.35.
		{"near and far", points(2, 0, 2.2, 0.2, 0, 1.75, -2.25, 0, -2.35, 0), 0.1, []int{0, 0, 1, 2, -1}},
		// (1, 1) is √2 from centres 0 and 1: far from both at σ = 0.1 ...
		{"between two modes, small σ", points(1, 1, 0, -2.1), 0.1, []int{-1, 3}},
		// ... within 3σ = 1.5 of both at σ = 0.5: the tie goes to centre 0.
		// (-1, -1) ties between centres 2 and 3: centre 2.
		{"between two modes, large σ", points(1, 1, -1, -1), 0.5, []int{0, 2}},
		// The origin is 2 from every centre; 3σ = 3.
		{"the centre of the ring", points(0, 0), 1, []int{0}},
		{"NaN", points(math.NaN(), 0, 2, math.NaN()), 1, []int{-1, -1}},
		{"far out", points(100, 0, 0, -1e9), 1, []int{-1, -1}},
		{"no samples", tensor.New(0, 2), 0.1, []int{}},
	}
	for _, c := range cases {
		got := Assign(c.samples, square, c.std)
		if got == nil || fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: Assign(%v, σ %g) = %v, want %v", c.name, c.samples.Data, c.std, got, c.want)
		}
	}
}

func TestCoverage(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name     string
		samples  *tensor.Tensor
		std      float64
		minCount int
		modes    int
		hq       float64
	}{
		// Two samples on mode 0, one on mode 1, one between modes.
		{"minCount 1", points(2, 0, 2.1, 0, 0, 2, 1, 1), 0.1, 1, 2, 0.75},
		{"minCount 2: mode 1 has one sample", points(2, 0, 2.1, 0, 0, 2, 1, 1), 0.1, 2, 1, 0.75},
		{"minCount 3: none", points(2, 0, 2.1, 0, 0, 2, 1, 1), 0.1, 3, 0, 0.75},
		// Collapse: every sample good, one mode.
		{"collapsed", points(0, 2, 0.1, 2, -0.1, 2.1, 0, 1.9), 0.1, 1, 1, 1},
		// One sample on each mode.
		{"all four", points(2, 0, 0, 2, -2, 0, 0, -2), 0.1, 1, 4, 1},
		// Smeared: nothing near a centre.
		{"smeared", points(1, 1, -1, 1, 5, 5, 0, 0), 0.1, 1, 0, 0},
		{"no samples", tensor.New(0, 2), 0.1, 1, 0, nan},
	}
	for _, c := range cases {
		modes, hq := Coverage(c.samples, square, c.std, c.minCount)
		okHQ := math.Abs(hq-c.hq) <= 1e-12
		if math.IsNaN(c.hq) {
			okHQ = math.IsNaN(hq)
		}
		if modes != c.modes || !okHQ {
			t.Errorf("%s: Coverage(%v, σ %g, minCount %d) = %d modes, %g high quality; want %d, %g",
				c.name, c.samples.Data, c.std, c.minCount, modes, hq, c.modes, c.hq)
		}
	}
}
