package gan

import (
	"runtime"
	"testing"
)

// TestDCGANSameNumbersAtAnyThreadCount trains the same seeded DCGAN for a
// few steps at GOMAXPROCS 1 and 2: every loss and every pixel of the last
// snapshot must agree bit for bit, as the book promises for a seed.
func TestDCGANSameNumbersAtAnyThreadCount(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	train := dcganDigits(t, 128)
	cfg := tinyMNISTConfig(3)
	cfg.Width, cfg.SnapshotSize = 16, 16
	var runs []*DCGANResult
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		res, err := TrainDCGAN(cfg, train, nil)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, res)
	}
	a, b := runs[0], runs[1]
	for i := range a.DLoss {
		if a.DLoss[i] != b.DLoss[i] || a.GLoss[i] != b.GLoss[i] {
			t.Fatalf("step %d: losses D %.17g G %.17g at one thread, D %.17g G %.17g at two",
				i+1, a.DLoss[i], a.GLoss[i], b.DLoss[i], b.GLoss[i])
		}
	}
	last := len(a.Snapshots) - 1
	for i, v := range a.Snapshots[last].Images.Data {
		if w := b.Snapshots[last].Images.Data[i]; v != w {
			t.Fatalf("last snapshot, pixel %d: %.17g at one thread, %.17g at two", i, v, w)
		}
	}
}
