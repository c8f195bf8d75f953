package transformer

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// The scores q·k of unit-variance entries have variance d_k; divided by
// √d_k, variance 1 whatever d_k. Unscaled, the softmax saturates as d_k
// grows: its largest weight goes to 1 and its Jacobian, through which
// every gradient of the weights passes, to 0. Scaled, both stay where
// they are at d_k = 1. `go test -run TestScaleKeepsScoresUnitVariance -v`
// prints the table the chapter quotes.
func TestScaleKeepsScoresUnitVariance(t *testing.T) {
	const n, tk = 200, 16
	t.Logf("%6s | %10s %10s %10s | %10s %10s %10s", "d_k", "var q·k", "max a", "‖J‖", "var q·k/√d", "max a", "‖J‖")
	var firstJ, lastRawJ, lastJ float64
	for i, dk := range []int{1, 4, 16, 64, 256, 1024} {
		rv, rm, rj := scoreStats(tensor.NewRNG(uint64(dk)), n, tk, dk, false)
		sv, sm, sj := scoreStats(tensor.NewRNG(uint64(dk)), n, tk, dk, true)
		t.Logf("%6d | %10.2f %10.3f %10.4f | %10.3f %10.3f %10.4f", dk, rv, rm, rj, sv, sm, sj)
		if math.Abs(rv/float64(dk)-1) > 0.15 {
			t.Errorf("d_k = %d: unscaled scores have variance %.3g, want about d_k", dk, rv)
		}
		if math.Abs(sv-1) > 0.15 {
			t.Errorf("d_k = %d: scaled scores have variance %.3g, want about 1", dk, sv)
		}
		if i == 0 {
			firstJ = sj
		}
		lastRawJ, lastJ = rj, sj
	}
	if !(lastRawJ < firstJ/5) {
		t.Errorf("unscaled at d_k = 1024 the Jacobian's size is %.3g, not below a fifth of %.3g at d_k = 1", lastRawJ, firstJ)
	}
	if math.Abs(lastJ/firstJ-1) > 0.2 {
		t.Errorf("scaled, the Jacobian's size moved from %.3g at d_k = 1 to %.3g at d_k = 1024", firstJ, lastJ)
	}
}
