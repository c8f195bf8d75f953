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
//
// See the chapter section "Eight Gaussians on a ring" in
// chapters/gan/README.md.
package modecov

import "github.com/luoxia/aigc/lib/tensor"

// RingCentres returns the centres of a ring of the given number of modes
// (≥ 1) and radius as a tensor [modes, 2]: row k is
// (radius·cos(2πk/modes), radius·sin(2πk/modes)).
func RingCentres(modes int, radius float64) *tensor.Tensor {
	// TODO
	return nil
}

// Assign returns, for each row of samples [N, 2], the index of the row of
// centres [K, 2] nearest to it if that centre is within 3·std, and -1
// otherwise (a low-quality sample). Ties go to the lower index.
func Assign(samples, centres *tensor.Tensor, std float64) []int {
	// TODO: compare squared distances with (3·std)²; no square roots needed.
	return nil
}

// Coverage returns the number of modes to which at least minCount samples
// are assigned (see Assign), and the share of the samples that are of high
// quality. For no samples, modes is 0 and the share is NaN.
func Coverage(samples, centres *tensor.Tensor, std float64, minCount int) (modes int, highQuality float64) {
	// TODO
	return 0, 0
}
