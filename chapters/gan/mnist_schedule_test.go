package gan

import (
	"slices"
	"testing"

	"github.com/luoxia/aigc/lib/nn"
)

// weights copies the trainable parameters of m.
func weights(m nn.Module) []float64 {
	var w []float64
	for _, v := range nn.Values(m) {
		w = append(w, v.Data.Data...)
	}
	return w
}

// A cosine schedule brings the learning rate to 0 at the last step, so
// that step leaves the generator's weights where they were; a constant
// rate moves them.
func TestCosineScheduleEndsAtZero(t *testing.T) {
	train := dcganDigits(t, 200)
	for _, c := range []struct {
		schedule string
		still    bool
	}{{"cosine", true}, {"constant", false}, {"", false}} {
		cfg := tinyMNISTConfig(4)
		cfg.Schedule, cfg.Snapshots = c.schedule, 0
		var before, after []float64
		_, err := TrainDCGAN(cfg, train, func(p Progress) {
			switch p.Step {
			case p.Steps - 1:
				before = weights(p.G)
			case p.Steps:
				after = weights(p.G)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if still := slices.Equal(before, after); still != c.still {
			t.Errorf("schedule %q: the last step left G's weights unchanged: %v, want %v", c.schedule, still, c.still)
		}
	}
	cfg := tinyMNISTConfig(1)
	cfg.Schedule = "linear"
	if _, err := TrainDCGAN(cfg, train, nil); err == nil {
		t.Error("an unknown schedule was accepted")
	}
}
