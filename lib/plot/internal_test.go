package plot

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg/draw"

	"github.com/luoxia/aigc/lib/tensor"
)

func TestNiceStep(t *testing.T) {
	tests := []struct {
		raw    float64
		step   float64
		digits int
	}{
		{333, 500, 0}, {100, 100, 0}, {1.1, 2, 0}, {0.7, 1, 0},
		{0.3, 0.5, 1}, {0.2, 0.2, 1}, {0.013, 0.02, 2}, {4e-5, 5e-5, 5},
	}
	for _, tc := range tests {
		step, digits := niceStep(tc.raw)
		if math.Abs(step-tc.step) > 1e-12*tc.step || digits != tc.digits {
			t.Errorf("niceStep(%g) = %g, %d; want %g, %d", tc.raw, step, digits, tc.step, tc.digits)
		}
	}
}

func TestLinearTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		want     string
	}{
		{0, 1999, "0 500 1000 1500"},
		{-0.3, 4.4, "0 1 2 3 4"},
		{-2.3, 2.9, "-2 -1 0 1 2"}, // no "-0"
		{0.01, 0.035, "0.010 0.015 0.020 0.025 0.030 0.035"},
	}
	for _, tc := range tests {
		var labels []string
		for _, tk := range (linearTicks{n: 6}).Ticks(tc.min, tc.max) {
			labels = append(labels, tk.Label)
			if tk.Value < tc.min || tk.Value > tc.max {
				t.Errorf("[%g, %g]: tick %g outside the range", tc.min, tc.max, tk.Value)
			}
		}
		if got := strings.Join(labels, " "); got != tc.want {
			t.Errorf("[%g, %g]: labels %q, want %q", tc.min, tc.max, got, tc.want)
		}
	}
}

func TestLogTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		want     string
	}{
		{0.017, 5.5, "0.02 0.05 0.1 0.2 0.5 1 2 5"}, // three decades: 1-2-5
		{1e-4, 10, "0.0001 0.001 0.01 0.1 1 10"},    // five: powers of ten
		{0.52, 0.58, "0.52 0.54 0.56 0.58"},         // no 1-2-5 value inside: linear
	}
	for _, tc := range tests {
		var labels []string
		minor := 0
		for _, tk := range (logTicks{}).Ticks(tc.min, tc.max) {
			if tk.Label == "" {
				minor++
				continue
			}
			labels = append(labels, tk.Label)
		}
		if got := strings.Join(labels, " "); got != tc.want {
			t.Errorf("[%g, %g]: labels %q, want %q", tc.min, tc.max, got, tc.want)
		}
		if tc.max/tc.min > 10 && minor == 0 {
			t.Errorf("[%g, %g]: no minor ticks", tc.min, tc.max)
		}
	}
}

// After equalAxes, one data unit spans the same length on both axes of the
// data area, and the data is still inside the ranges.
func TestEqualAxes(t *testing.T) {
	for _, size := range [][2]int{{560, 560}, {800, 300}, {300, 700}} {
		// Data 4 wide and 1 high: without equal scaling it would fill the square.
		xy := tensor.FromSlice([]float64{-2, 0, 2, 1, 0, 0.5}, 3, 2)
		p := newPlot("title", "x", "y")
		xys, err := pointsOf(0, Points{XY: xy})
		if err != nil {
			t.Fatal(err)
		}
		scatter := newScatterPlotter(0, xys, 2)
		p.Add(scatter)
		equalAxes(p, size[0], size[1])
		da := p.DataCanvas(draw.New(newCanvas(size[0], size[1])))
		xUnit := float64(da.Max.X-da.Min.X) / (p.X.Max - p.X.Min)
		yUnit := float64(da.Max.Y-da.Min.Y) / (p.Y.Max - p.Y.Min)
		if math.Abs(xUnit-yUnit) > 0.01*xUnit {
			t.Errorf("%v: a unit is %.3f long on x and %.3f on y", size, xUnit, yUnit)
		}
		if p.X.Min > -2 || p.X.Max < 2 || p.Y.Min > 0 || p.Y.Max < 1 {
			t.Errorf("%v: ranges x [%g, %g], y [%g, %g] cut off the data", size, p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
		}
	}
}
