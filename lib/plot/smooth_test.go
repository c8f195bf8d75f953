package plot_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/plot"
)

func TestMovingAverage(t *testing.T) {
	y := []float64{1, 2, 3, 4, 5}
	tests := []struct {
		window int
		want   []float64
	}{
		{0, []float64{1, 2, 3, 4, 5}},
		{1, []float64{1, 2, 3, 4, 5}},
		{2, []float64{1.5, 2.5, 3.5, 4.5, 5}}, // y[i..i+1]
		{3, []float64{1.5, 2, 3, 4, 4.5}},     // y[i-1..i+1], clipped at the ends
		{4, []float64{2, 2.5, 3.5, 4, 4.5}},   // y[i-1..i+2]
		{5, []float64{2, 2.5, 3, 3.5, 4}},     // y[i-2..i+2]
		{100, []float64{3, 3, 3, 3, 3}},       // the window covers everything
		{-1, []float64{1, 2, 3, 4, 5}},        // no smoothing
	}
	for _, tc := range tests {
		got := plot.MovingAverage(y, tc.window)
		if len(got) != len(tc.want) {
			t.Fatalf("window %d: %d values, want %d", tc.window, len(got), len(tc.want))
		}
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-12 {
				t.Errorf("window %d: %v, want %v", tc.window, got, tc.want)
				break
			}
		}
	}
	if y[0] != 1 || y[4] != 5 {
		t.Errorf("MovingAverage changed its input: %v", y)
	}
	if got := plot.MovingAverage(nil, 3); len(got) != 0 {
		t.Errorf("MovingAverage(nil) = %v", got)
	}
	// The result never aliases the input, even without smoothing.
	out := plot.MovingAverage(y, 1)
	out[0] = 99
	if y[0] != 1 {
		t.Error("MovingAverage(y, 1) returned y itself")
	}
}

// A moving average of a straight line is the same line away from the ends:
// centring adds no lag.
func TestMovingAverageNoLag(t *testing.T) {
	y := make([]float64, 50)
	for i := range y {
		y[i] = 2*float64(i) + 1
	}
	got := plot.MovingAverage(y, 9)
	for i := 4; i < len(y)-4; i++ {
		if math.Abs(got[i]-y[i]) > 1e-9 {
			t.Fatalf("at %d: average %g of a line, want %g", i, got[i], y[i])
		}
	}
}
