package optim

import (
	"testing"
	"time"
)

func TestMsPerStep(t *testing.T) {
	for _, c := range []struct {
		elapsed time.Duration
		steps   int
		want    float64
	}{
		{3 * time.Second, 1000, 3},
		{1500 * time.Microsecond, 2, 0.75}, // below a millisecond a step, not rounded away
		{time.Second, 0, 0},
	} {
		if got := MsPerStep(c.elapsed, c.steps); got != c.want {
			t.Errorf("MsPerStep(%v, %d) = %g, want %g", c.elapsed, c.steps, got, c.want)
		}
	}
}
