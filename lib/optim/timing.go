package optim

import "time"

// MsPerStep is the mean wall time of one training step in milliseconds:
// elapsed, the time the steps took, over their number. It is 0 when no
// step was taken. Every chapter reports its speed this way, so that the
// numbers compare.
func MsPerStep(elapsed time.Duration, steps int) float64 {
	if steps <= 0 {
		return 0
	}
	return elapsed.Seconds() * 1000 / float64(steps)
}
