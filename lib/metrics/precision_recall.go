package metrics

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// DefaultNeighbours is the k of PrecisionRecall that Kynkäänniemi et al.
// (2019) use. A smaller k leaves holes in a manifold estimate between
// samples; a larger one swells every ball, until the gaps between modes,
// which the metric exists to notice, are filled in.
const DefaultNeighbours = 3

// PrecisionRecall returns the improved precision and recall of
// Kynkäänniemi et al. (2019), "Improved precision and recall metric for
// assessing generative models", for feature sets real ([Nr, D]) and fake
// ([Nf, D]).
//
// FID folds two failures into one number: generated samples that look
// wrong (low fidelity) and real variety the generator never produces (low
// diversity). Precision and recall pull them apart by estimating each
// distribution's support, its manifold, from samples: the union of balls
// around every sample x with radius r_k(x), the distance from x to its k-th
// nearest neighbour in the same set (x itself not counted). Then
//
//	precision = fraction of fake samples inside the real manifold
//	recall    = fraction of real samples inside the fake manifold
//
// where a point y is inside a manifold if |y - x| ≤ r_k(x) for at least one
// of its samples x. Precision near 1 means the generator's samples fall
// where real data lives; recall near 1 means the real data is covered.
// DefaultNeighbours (k = 3) is the paper's choice; k must be in [1, N-1]
// for both sets.
//
// All distances come from matrix products, in blocks of rows
// (pairwiseSqDist), and are compared squared; for 2000 points of 64
// dimensions in each set the whole computation takes well under 0.1 s.
func PrecisionRecall(real, fake *tensor.Tensor, k int) (precision, recall float64, err error) {
	if err := checkFeatures("PrecisionRecall", "real", real); err != nil {
		return 0, 0, err
	}
	if err := checkFeatures("PrecisionRecall", "fake", fake); err != nil {
		return 0, 0, err
	}
	if real.Shape[1] != fake.Shape[1] {
		return 0, 0, fmt.Errorf("metrics: PrecisionRecall: real features have dimension %d but fake ones %d", real.Shape[1], fake.Shape[1])
	}
	nr, nf := real.Shape[0], fake.Shape[0]
	if k < 1 || k >= nr || k >= nf {
		return 0, 0, fmt.Errorf("metrics: PrecisionRecall: k = %d with %d real and %d fake samples: want 1 ≤ k < %d", k, nr, nf, min(nr, nf))
	}
	// ANCHOR: precision_recall
	realRadii := knnSqRadii(real, k)
	fakeRadii := knnSqRadii(fake, k)

	// One pass over the fake×real distances answers both questions: fake
	// sample i is inside the real manifold if some d(i, j) ≤ r(real j), and
	// real sample j is inside the fake manifold if some d(i, j) ≤ r(fake i).
	realCovered := make([]bool, nr)
	var fakeInside int
	pairwiseSqDist(fake, real, func(i int, row []float64) {
		inside := false
		for j, d := range row {
			if d <= realRadii[j] {
				inside = true
			}
			if d <= fakeRadii[i] {
				realCovered[j] = true
			}
		}
		if inside {
			fakeInside++
		}
	})
	var realInside int
	for _, c := range realCovered {
		if c {
			realInside++
		}
	}
	return float64(fakeInside) / float64(nf), float64(realInside) / float64(nr), nil
	// ANCHOR_END: precision_recall
}

// KNNRadii returns, for each row of x [N, D], the distance to its k-th
// nearest other row: the radius of its ball in PrecisionRecall's estimate
// of the set's manifold (1 ≤ k < N).
func KNNRadii(x *tensor.Tensor, k int) ([]float64, error) {
	if err := checkFeatures("KNNRadii", "x", x); err != nil {
		return nil, err
	}
	if k < 1 || k >= x.Shape[0] {
		return nil, fmt.Errorf("metrics: KNNRadii: k = %d with %d samples: want 1 ≤ k < %d", k, x.Shape[0], x.Shape[0])
	}
	radii := knnSqRadii(x, k)
	for i, r := range radii {
		radii[i] = math.Sqrt(r)
	}
	return radii, nil
}

// InManifold reports, for each row of points [M, D], whether it lies in
// the manifold PrecisionRecall estimates from set [N, D]: within the
// k-NN ball of some row of set. The share of true values is the
// precision of points against set (points the generated samples, set the
// real ones), or the recall the other way round.
func InManifold(points, set *tensor.Tensor, k int) ([]bool, error) {
	if err := checkFeatures("InManifold", "points", points); err != nil {
		return nil, err
	}
	if err := checkFeatures("InManifold", "set", set); err != nil {
		return nil, err
	}
	if points.Shape[1] != set.Shape[1] {
		return nil, fmt.Errorf("metrics: InManifold: points have dimension %d but the set %d", points.Shape[1], set.Shape[1])
	}
	if k < 1 || k >= set.Shape[0] {
		return nil, fmt.Errorf("metrics: InManifold: k = %d with %d samples in the set: want 1 ≤ k < %d", k, set.Shape[0], set.Shape[0])
	}
	radii := knnSqRadii(set, k)
	inside := make([]bool, points.Shape[0])
	pairwiseSqDist(points, set, func(i int, row []float64) {
		for j, d := range row {
			if d <= radii[j] {
				inside[i] = true
				return
			}
		}
	})
	return inside, nil
}

// knnSqRadii returns, for each row of x, the squared distance to its k-th
// nearest other row (1 ≤ k < N).
func knnSqRadii(x *tensor.Tensor, k int) []float64 {
	radii := make([]float64, x.Shape[0])
	pairwiseSqDist(x, x, func(i int, row []float64) {
		row[i] = math.Inf(1) // a point is not its own neighbour
		radii[i] = kthSmallest(row, k)
	})
	return radii
}
