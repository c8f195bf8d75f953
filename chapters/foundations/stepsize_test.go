package foundations

import (
	"math"
	"testing"
)

// TestStepSizeErrors checks the two regimes the chapter describes: for
// large h the one-sided error shrinks tenfold per tenfold h and the
// central one a hundredfold; the central difference's error is smallest
// near h = 10⁻⁵ and grows again below it, as rounding takes over, until
// at h = 10⁻¹³ it is worse than at 10⁻².
func TestStepSizeErrors(t *testing.T) {
	hs := []float64{1e-2, 1e-3, 1e-5, 1e-6, 1e-13}
	fwd, cen := StepSizeErrors(hs)
	if r := fwd[0] / fwd[1]; r < 8 || r > 12 {
		t.Errorf("one-sided error fell %.2f-fold from h = 1e-2 to 1e-3, want about 10", r)
	}
	if r := cen[0] / cen[1]; r < 80 || r > 120 {
		t.Errorf("central error fell %.2f-fold from h = 1e-2 to 1e-3, want about 100", r)
	}
	if !(cen[2] < 1e-9 && cen[3] < 1e-8) {
		t.Errorf("central errors %.3g at h = 1e-5 and %.3g at 1e-6, want below 1e-9 and 1e-8", cen[2], cen[3])
	}
	if !(cen[4] > cen[0]) {
		t.Errorf("central error %.3g at h = 1e-13, want rounding to make it worse than %.3g at 1e-2", cen[4], cen[0])
	}
	if math.IsNaN(fwd[4]) {
		t.Error("NaN error")
	}
}
