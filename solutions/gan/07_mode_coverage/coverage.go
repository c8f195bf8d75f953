// Package modecov is an exercise: measuring mode collapse on the ring of
// Gaussians, the toy data on which GANs are seen to collapse.
//
// Metz et al. (2017, "Unrolled Generative Adversarial Networks") train
// GANs on a mixture of K = 8 two-dimensional Gaussians whose centres sit
// evenly on a circle,
//
//	centre k = (r·cos(2πk/K), r·sin(2πk/K)),   k = 0, ..., K-1
//
// each of standard deviation σ (small next to the gaps between centres).
// A collapsed generator puts all its samples on one or a few of them. Two
// numbers, after Srivastava et al. (2017, "VEEGAN"), tell:
//
//   - a sample is of high quality if it lies within 3σ of the centre
//     nearest to it (Euclidean distance ≤ 3σ; a real sample does with
//     probability 1 - e^{-9/2} ≈ 98.9% in two dimensions), and it is then
//     assigned to that centre;
//   - a mode is covered if at least minCount high-quality samples are
//     assigned to it. minCount = 1 counts any hit; a share of the fair
//     count N/K keeps a few stray samples between modes from counting.
//
// A collapsed model covers 1 mode with nearly all its samples of high
// quality; one that smears its samples over the plane covers few modes
// with few good samples. Neither number alone tells.
//
// Conventions: a sample equally near two centres goes to the one listed
// first; a sample with a NaN coordinate is never of high quality.
package modecov

import (
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// RingCentres returns the centres of a ring of the given number of modes
// (≥ 1) and radius as a tensor [modes, 2]: row k is
// (radius·cos(2πk/modes), radius·sin(2πk/modes)).
func RingCentres(modes int, radius float64) *tensor.Tensor {
	c := tensor.New(modes, 2)
	for k := 0; k < modes; k++ {
		theta := 2 * math.Pi * float64(k) / float64(modes)
		c.Data[2*k] = radius * math.Cos(theta)
		c.Data[2*k+1] = radius * math.Sin(theta)
	}
	return c
}

// Assign returns, for each row of samples [N, 2], the index of the row of
// centres [K, 2] nearest to it if that centre is within 3·std, and -1
// otherwise (a low-quality sample). Ties go to the lower index.
func Assign(samples, centres *tensor.Tensor, std float64) []int {
	n, k := samples.Shape[0], centres.Shape[0]
	limit := (3 * std) * (3 * std)
	out := make([]int, n)
	for i := 0; i < n; i++ {
		x, y := samples.Data[2*i], samples.Data[2*i+1]
		best, bestD2 := -1, math.Inf(1)
		for j := 0; j < k; j++ {
			dx, dy := x-centres.Data[2*j], y-centres.Data[2*j+1]
			if d2 := dx*dx + dy*dy; d2 < bestD2 { // strictly: a tie keeps the first
				best, bestD2 = j, d2
			}
		}
		if bestD2 <= limit { // false for NaN (and then best is still -1)
			out[i] = best
		} else {
			out[i] = -1
		}
	}
	return out
}

// Coverage returns the number of modes to which at least minCount samples
// are assigned (see Assign), and the share of the samples that are of high
// quality. For no samples, modes is 0 and the share is NaN.
func Coverage(samples, centres *tensor.Tensor, std float64, minCount int) (modes int, highQuality float64) {
	n := samples.Shape[0]
	if n == 0 {
		return 0, math.NaN()
	}
	counts := make([]int, centres.Shape[0])
	good := 0
	for _, m := range Assign(samples, centres, std) {
		if m >= 0 {
			counts[m]++
			good++
		}
	}
	for _, c := range counts {
		if c >= minCount {
			modes++
		}
	}
	return modes, float64(good) / float64(n)
}
