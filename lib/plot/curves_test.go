package plot_test

import (
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/plot"
)

// decaying returns n points of a*exp(-i/tau) + c, wobbling by +-w.
func decaying(n int, a, tau, c, w float64) []float64 {
	y := make([]float64, n)
	for i := range y {
		y[i] = a*math.Exp(-float64(i)/tau) + c + w*math.Sin(float64(i)*1.7)
	}
	return y
}

func TestCurvesDrawsEachSeries(t *testing.T) {
	img, err := plot.Curves("losses", "step", "loss", []plot.Series{
		{Name: "discriminator", Y: decaying(300, 1, 80, 0.7, 0.1)},
		{Name: "generator", Y: decaying(300, 3, 120, 0.9, 0.2)},
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := plot.PNG(img)
	if err != nil {
		t.Fatal(err)
	}
	dec := decodePNG(t, b)
	if got := dec.Bounds(); got.Dx() != plot.DefaultWidth || got.Dy() != plot.DefaultHeight {
		t.Fatalf("size %v, want %d x %d", got, plot.DefaultWidth, plot.DefaultHeight)
	}
	// A line 1.5 points wide and hundreds of pixels long leaves well over a
	// hundred pixels of its own colour, whatever the antialiasing does.
	if n := countNear(dec, blue, 12); n < 100 {
		t.Errorf("%d blue pixels: the first series is missing", n)
	}
	if n := countNear(dec, orange, 12); n < 100 {
		t.Errorf("%d orange pixels: the second series is missing", n)
	}
}

func TestCurvesWithOptions(t *testing.T) {
	y := decaying(500, 5, 60, 0.01, 0.002)
	x := make([]float64, len(y))
	for i := range x {
		x[i] = float64(i) * 0.1 // epochs
	}
	img, err := plot.CurvesWith(plot.CurveOptions{
		Title: "smoothed, log y", XLabel: "epoch", YLabel: "loss",
		Smooth: 25, LogY: true, Width: 300, Height: 200,
	}, []plot.Series{{Name: "train", X: x, Y: y}, {Y: decaying(500, 4, 90, 0.02, 0)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds(); got.Dx() != 300 || got.Dy() != 200 {
		t.Fatalf("size %v, want 300 x 200", got)
	}
	if n := countNear(img, blue, 12); n < 50 {
		t.Errorf("%d blue pixels: the smoothed curve is missing", n)
	}
}

func TestCurvesFlatLogSeries(t *testing.T) {
	// A constant curve on a log axis must not collapse the range to zero.
	if _, err := plot.CurvesWith(plot.CurveOptions{LogY: true}, []plot.Series{{Y: []float64{2, 2, 2}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := plot.Curves("", "", "", []plot.Series{{Y: []float64{5}}}); err != nil {
		t.Fatalf("a single point: %v", err)
	}
}

func TestCurvesErrors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name   string
		opt    plot.CurveOptions
		series []plot.Series
		want   string
	}{
		{"no series", plot.CurveOptions{}, nil, "no series"},
		{"no points", plot.CurveOptions{}, []plot.Series{{Name: "d", Y: []float64{1}}, {Name: "g"}}, `series 1 ("g") has no points`},
		{"lengths", plot.CurveOptions{}, []plot.Series{{Name: "d", X: []float64{1, 2}, Y: []float64{1, 2, 3}}}, "2 x values and 3 y values"},
		{"NaN y", plot.CurveOptions{}, []plot.Series{{Name: "d", Y: []float64{1, nan}}}, "y[1] is NaN"},
		{"Inf x", plot.CurveOptions{}, []plot.Series{{Name: "d", X: []float64{0, math.Inf(1)}, Y: []float64{1, 2}}}, "x[1] is +Inf"},
		{"log of zero", plot.CurveOptions{LogY: true}, []plot.Series{{Name: "d", Y: []float64{1, 0}}}, "log axis"},
		{"log x of zero", plot.CurveOptions{LogX: true}, []plot.Series{{Name: "d", X: []float64{0, 1}, Y: []float64{1, 2}}}, "x[0] = 0 cannot be drawn on a log axis"},
		{"log x of steps", plot.CurveOptions{LogX: true}, []plot.Series{{Name: "d", Y: []float64{1, 2}}}, "no x values"},
		{"negative window", plot.CurveOptions{Smooth: -3}, []plot.Series{{Y: []float64{1}}}, "smoothing"},
		{"negative size", plot.CurveOptions{Width: -1}, []plot.Series{{Y: []float64{1}}}, "size"},
		{"huge size", plot.CurveOptions{Height: 1 << 20}, []plot.Series{{Y: []float64{1}}}, "size"},
	}
	for _, tc := range tests {
		_, err := plot.CurvesWith(tc.opt, tc.series)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// A log x axis and a legend moved to the bottom left still draw the curve.
func TestCurvesLogXLegendCorner(t *testing.T) {
	x := []float64{1, 4, 16, 64, 256, 1024}
	img, err := plot.CurvesWith(plot.CurveOptions{LogX: true, LegendLeft: true, LegendBottom: true, Width: 300, Height: 200},
		[]plot.Series{{Name: "rising", X: x, Y: []float64{0.2, 0.4, 0.7, 0.8, 0.9, 0.97}}})
	if err != nil {
		t.Fatal(err)
	}
	if n := countNear(img, blue, 12); n < 50 {
		t.Errorf("%d blue pixels: the curve is missing", n)
	}
}
