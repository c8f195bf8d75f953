package evaluation

import "testing"

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
