package metrics

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// MeanNearestDistance returns the mean, over the rows x of from [N, D], of
// the Euclidean distance from x to the nearest row of to [M, D]:
//
//	(1/N) Σ_x min_y |x − y|.
//
// With a model's samples as from and many fresh data points as to, it
// says how far the samples stray from the data (a one-sided chamfer
// distance); the other way round, how much of the data the samples reach.
// Either way it is compared with the same number for fresh data in place
// of the samples, which is not 0 since two finite draws never coincide.
func MeanNearestDistance(from, to *tensor.Tensor) (float64, error) {
	if err := checkFeatures("MeanNearestDistance", "from", from); err != nil {
		return 0, err
	}
	if err := checkFeatures("MeanNearestDistance", "to", to); err != nil {
		return 0, err
	}
	if from.Shape[1] != to.Shape[1] {
		return 0, fmt.Errorf("metrics: MeanNearestDistance: from has dimension %d but to %d", from.Shape[1], to.Shape[1])
	}
	if from.Shape[0] == 0 || to.Shape[0] == 0 {
		return 0, fmt.Errorf("metrics: MeanNearestDistance: %d rows from and %d to; want at least one of each", from.Shape[0], to.Shape[0])
	}
	sum := 0.0
	pairwiseSqDist(from, to, func(i int, row []float64) {
		best := math.Inf(1)
		for _, d := range row {
			best = math.Min(best, d)
		}
		sum += math.Sqrt(best)
	})
	return sum / float64(from.Shape[0]), nil
}
