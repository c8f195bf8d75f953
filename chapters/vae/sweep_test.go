package vae

import (
	"testing"
)

// TestBetaSweep trains at β = 0.5, 1 and 4 for one pass over 2,000 digits
// (the same seed, so the same start and batches) and checks the
// trade-off: the rate falls as β grows and the distortion rises.
func TestBetaSweep(t *testing.T) {
	all, test := mnist(t)
	betas := []float64{0.5, 1, 4}
	points, err := BetaSweep(shortConfig(1), betas, all.Head(2000), test.Head(500), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(points) != len(betas) {
		t.Fatalf("%d points for %d betas", len(points), len(betas))
	}
	for i, p := range points {
		t.Logf("β = %-3g rate %6.2f  distortion %6.2f nats/digit", p.Beta, p.Rate, p.Distortion)
		if p.Beta != betas[i] {
			t.Errorf("point %d has β = %g, want %g", i, p.Beta, betas[i])
		}
		if i > 0 {
			q := points[i-1]
			if !(p.Rate < q.Rate) || !(p.Distortion > q.Distortion) {
				t.Errorf("β %g → %g: rate %.2f → %.2f, distortion %.2f → %.2f; want the rate down and the distortion up",
					q.Beta, p.Beta, q.Rate, p.Rate, q.Distortion, p.Distortion)
			}
		}
	}
	img, err := RateDistortionFigure(points)
	if err != nil || img.Bounds().Dx() < 100 {
		t.Errorf("figure %v, %v", img.Bounds(), err)
	}
	if _, err := BetaSweep(shortConfig(1), nil, all.Head(10), test.Head(10), nil); err == nil {
		t.Error("a sweep over no β was accepted")
	}
	if _, err := RateDistortionFigure(nil); err == nil {
		t.Error("a figure of no points was drawn")
	}
}
