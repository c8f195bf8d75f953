package metrics

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// InceptionScore returns the Inception Score of Salimans et al. (2016),
// "Improved techniques for training GANs", from a classifier's predictions
// on generated samples: probs is [N, K], row n the class probabilities
// p(y|x_n) (a softmax output; each row nonnegative and summing to 1 within
// 1e-6). The score is
//
//	IS = exp( E_x KL(p(y|x) ‖ p(y)) )    with p(y) = E_x p(y|x)
//
// the expectation being the mean over samples. It is large when each
// prediction is confident (low entropy p(y|x)) and the predictions together
// cover many classes (high entropy p(y)). Barratt & Sharma (2018), "A Note
// on the Inception Score", point out that the exponent is the mutual
// information I(y; x) between sample and label, so 1 ≤ IS ≤ K: 1 when every
// row is the same, K when the rows are one-hot and the classes balanced.
//
// As in the reference implementation, the N rows are cut into splits
// consecutive chunks, rows [i·N/splits, (i+1)·N/splits) (integer division)
// forming chunk i, a score is computed on each chunk with that chunk's own
// marginal p(y), and the mean and standard deviation (population, divided
// by the number of chunks, as numpy.std) of the chunk scores are returned.
// The literature's numbers use splits = 10 on N = 50000. Barratt & Sharma
// note that the score depends on the split: p(y) estimated from fewer rows
// is noisier, so the same samples score differently with other splits.
// splits must lie in [1, N]. Terms with p(y|x) = 0 contribute 0 (0·log 0 = 0).
func InceptionScore(probs *tensor.Tensor, splits int) (mean, std float64, err error) {
	if err := checkProbRows("InceptionScore", probs); err != nil {
		return 0, 0, err
	}
	n, k := probs.Shape[0], probs.Shape[1]
	if splits < 1 || splits > n {
		return 0, 0, fmt.Errorf("metrics: InceptionScore: splits = %d for %d rows: want 1 ≤ splits ≤ %d", splits, n, n)
	}
	// ANCHOR: inception
	scores := make([]float64, splits)
	marginal := make([]float64, k)
	for s := range scores {
		lo, hi := s*n/splits, (s+1)*n/splits
		rows := probs.Data[lo*k : hi*k]
		for j := range marginal {
			marginal[j] = 0
		}
		for i := 0; i < hi-lo; i++ {
			for j, p := range rows[i*k : (i+1)*k] {
				marginal[j] += p
			}
		}
		for j := range marginal {
			marginal[j] /= float64(hi - lo)
		}
		var kl float64
		for i := 0; i < hi-lo; i++ {
			for j, p := range rows[i*k : (i+1)*k] {
				// marginal[j] ≥ p/(hi-lo) > 0 whenever p > 0.
				if p > 0 {
					kl += p * (math.Log(p) - math.Log(marginal[j]))
				}
			}
		}
		scores[s] = math.Exp(kl / float64(hi-lo))
	}
	// ANCHOR_END: inception
	for _, v := range scores {
		mean += v
	}
	mean /= float64(splits)
	for _, v := range scores {
		std += (v - mean) * (v - mean)
	}
	std = math.Sqrt(std / float64(splits))
	return mean, std, nil
}

// checkProbRows reports a tensor that is not an [N, K] matrix (N, K ≥ 1)
// whose rows are probability vectors: entries nonnegative and finite, each
// row summing to 1 within 1e-6.
func checkProbRows(fn string, probs *tensor.Tensor) error {
	if probs == nil {
		return fmt.Errorf("metrics: %s: probabilities are nil", fn)
	}
	if len(probs.Shape) != 2 || probs.Shape[0] < 1 || probs.Shape[1] < 1 {
		return fmt.Errorf("metrics: %s: probabilities of shape %v: want [N, K] with N, K ≥ 1, one row per sample", fn, probs.Shape)
	}
	n, k := probs.Shape[0], probs.Shape[1]
	for i := 0; i < n; i++ {
		var sum float64
		for j, p := range probs.Data[i*k : (i+1)*k] {
			if !(p >= 0) || math.IsInf(p, 1) {
				return fmt.Errorf("metrics: %s: row %d has entry %d = %v, not a probability", fn, i, j, p)
			}
			sum += p
		}
		if math.Abs(sum-1) > 1e-6 {
			return fmt.Errorf("metrics: %s: row %d sums to %v, not 1", fn, i, sum)
		}
	}
	return nil
}
