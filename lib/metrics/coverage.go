package metrics

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// HitShare is the share of its fair count N/K that a mode must receive, in
// high-quality samples, to count as covered: 20% as in PacGAN (Lin et al.
// 2018), who call a mode lost when fewer than 20 of 2,500 samples land on
// it for 25 modes.
const HitShare = 0.2

// Coverage is how a set of samples from a model spreads over the modes of
// a Gaussian mixture whose centres are known, such as the ring of eight
// Gaussians of the GAN and diffusion chapters.
type Coverage struct {
	N           int     // samples measured
	Modes       int     // modes covered ("hit")
	Total       int     // modes in the mixture
	HighQuality float64 // share of samples within 3 std of their nearest mode's centre
	Counts      []int   // high-quality samples landing on each mode
	MinCount    int     // high-quality samples a mode needs to be hit: ⌈HitShare·N/Total⌉, at least 1
}

// String prints the coverage the way the chapters' tables do.
func (c Coverage) String() string {
	return fmt.Sprintf("%d/%d modes, %.1f%% high quality", c.Modes, c.Total, 100*c.HighQuality)
}

// ModeCoverage measures samples [N, 2] against the centres [K, 2] of a
// mixture of Gaussians of standard deviation std, with the two numbers of
// Srivastava et al. (2017, VEEGAN), after Metz et al. (2017):
//
//   - a sample is of high quality if it lies within 3·std of the centre
//     nearest to it (a real sample does with probability 1 - e^{-9/2},
//     about 98.9%, in two dimensions);
//   - a mode is covered if at least MinCount = ⌈HitShare·N/K⌉ high-quality
//     samples land on it, a fifth of what a perfect model would put there
//     (PacGAN's rule), so that a few stray samples on their way between
//     modes do not count as covering one.
//
// A model that has collapsed onto one mode scores 1 mode with a high
// quality share that can still be near 100%; one that spreads its samples
// everywhere covers nothing well. Both numbers are needed.
func ModeCoverage(samples, centres *tensor.Tensor, std float64) Coverage {
	if samples.Dims() != 2 || centres.Dims() != 2 || samples.Dim(1) != centres.Dim(1) || centres.Dim(0) == 0 {
		panic(fmt.Sprintf("metrics: ModeCoverage: samples %v and centres %v; want [N, D] and [K, D] with K > 0", samples.Shape, centres.Shape))
	}
	if !(std > 0) {
		panic(fmt.Sprintf("metrics: ModeCoverage: std %g; want > 0", std))
	}
	// ANCHOR: coverage
	n, k, dim := samples.Dim(0), centres.Dim(0), samples.Dim(1)
	c := Coverage{N: n, Total: k, Counts: make([]int, k)}
	c.MinCount = int(math.Ceil(HitShare * float64(n) / float64(k)))
	if c.MinCount < 1 {
		c.MinCount = 1
	}
	limit := (3 * std) * (3 * std)
	good := 0
	for i := 0; i < n; i++ {
		x := samples.Data[i*dim : (i+1)*dim]
		best, bestD2 := -1, math.Inf(1)
		for j := 0; j < k; j++ {
			d2 := 0.0
			for a, m := range centres.Data[j*dim : (j+1)*dim] {
				d2 += (x[a] - m) * (x[a] - m)
			}
			if d2 < bestD2 {
				best, bestD2 = j, d2
			}
		}
		if bestD2 <= limit { // false for NaN too
			good++
			c.Counts[best]++
		}
	}
	if n > 0 {
		c.HighQuality = float64(good) / float64(n)
	}
	for _, m := range c.Counts {
		if m >= c.MinCount {
			c.Modes++
		}
	}
	return c
	// ANCHOR_END: coverage
}

// RingCentres returns the centres [modes, 2] of the ring mixture that
// data.Ring draws from: centre k at angle 2πk/modes on a circle of the
// given radius around the origin.
func RingCentres(modes int, radius float64) *tensor.Tensor {
	if modes < 1 {
		panic(fmt.Sprintf("metrics: RingCentres: %d modes; want at least 1", modes))
	}
	c := tensor.New(modes, 2)
	for k := 0; k < modes; k++ {
		theta := 2 * math.Pi * float64(k) / float64(modes)
		c.Data[2*k], c.Data[2*k+1] = radius*math.Cos(theta), radius*math.Sin(theta)
	}
	return c
}
