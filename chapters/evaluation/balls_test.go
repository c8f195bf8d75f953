package evaluation

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// TestKNNRadii: on four points of a line at 0, 1, 3 and 6, the distance
// to the second nearest other point is 3, 2, 3 and 5.
func TestKNNRadii(t *testing.T) {
	pts := tensor.FromSlice([]float64{0, 0, 1, 0, 3, 0, 6, 0}, 4, 2)
	want := []float64{3, 2, 3, 5}
	for i, r := range KNNRadii(pts, 2) {
		if math.Abs(r-want[i]) > 1e-12 {
			t.Fatalf("radii %v, want %v", KNNRadii(pts, 2), want)
		}
	}
}

// TestBallsFigure draws the two panels side by side.
func TestBallsFigure(t *testing.T) {
	img, err := BallsFigure()
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 2*420 || b.Dy() < 420 || b.Dy() > 2*420 {
		t.Errorf("figure of %v, want two 420×420 panels in a row", b)
	}
}
