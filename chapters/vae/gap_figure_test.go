package vae

import (
	"math"
	"testing"
)

// TestGapCurves: every ELBO is below log p(x); the curve with the
// posterior's width touches it (to 1e-9) at its best mean; the wider q's
// best stays below by KL(N(m, 4s²) ‖ N(m, s²)) = (4 − 1 − log 4)/2.
func TestGapCurves(t *testing.T) {
	means, exact, wide, logp := GapCurves()
	best, bestWide := math.Inf(-1), math.Inf(-1)
	for i := range means {
		if exact[i] > logp+1e-9 || wide[i] > logp+1e-9 {
			t.Fatalf("at mean %g an ELBO (%g, %g) exceeds log p(x) = %g", means[i], exact[i], wide[i], logp)
		}
		best, bestWide = math.Max(best, exact[i]), math.Max(bestWide, wide[i])
	}
	if math.Abs(best-logp) > 1e-9 {
		t.Errorf("the best ELBO with the posterior's width is %.12g, log p(x) %.12g", best, logp)
	}
	wantGap := (4 - 1 - math.Log(4)) / 2
	if math.Abs(logp-bestWide-wantGap) > 1e-9 {
		t.Errorf("the wide q's best gap is %.12g, want %.12g", logp-bestWide, wantGap)
	}
	if _, err := ELBOGapFigure(); err != nil {
		t.Fatal(err)
	}
}
