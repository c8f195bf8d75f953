package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// ToySampler is one way to draw from a trained 2-D model: the ancestral
// DDPM sampler over all T steps with the variance Variance, or, if DDIM,
// DDIM over Steps of the T steps (StridedSteps) with η = Eta.
type ToySampler struct {
	DDIM     bool
	Variance Variance // DDPM's σ_t²
	Steps    int      // DDIM's steps
	Eta      float64  // DDIM's η
}

// String names the sampler as the chapter's tables do.
func (c ToySampler) String() string {
	if c.DDIM {
		return fmt.Sprintf("DDIM η = %g, %d steps", c.Eta, c.Steps)
	}
	return fmt.Sprintf("DDPM σ² = %v", c.Variance)
}

// Label names the sampler in a figure's title, whose font cannot put the
// tilde on β̃_t: "tilde β_t" stands for it.
func (c ToySampler) Label() string {
	if !c.DDIM && c.Variance == VarianceBetaTilde {
		return "DDPM σ² = tilde β_t"
	}
	return c.String()
}

// Sample draws from x_T [N, D] with the sampler; rng is the fresh noise of
// the stochastic samplers.
func (c ToySampler) Sample(m Denoiser, s *Schedule, xT *tensor.Tensor, rng *tensor.RNG) *tensor.Tensor {
	if c.DDIM {
		return SampleDDIM(m, s, xT, StridedSteps(s.T, c.Steps), c.Eta, rng)
	}
	return SampleDDPM(m, s, xT, c.Variance, rng)
}

// ToySamplers are the samplers the chapter measures a 2-D model of T
// steps with: DDPM with σ_t² = β_t and with β̃_t, then deterministic DDIM
// (η = 0) over 200, 50, 20 and 10 steps (those no more than T).
func ToySamplers(T int) []ToySampler {
	out := []ToySampler{{Variance: VarianceBeta}, {Variance: VarianceBetaTilde}}
	for _, n := range []int{200, 50, 20, 10} {
		if n <= T {
			out = append(out, ToySampler{DDIM: true, Steps: n})
		}
	}
	return out
}

// ToyEvalSamples is how many points the chapter draws to measure a 2-D
// model.
const ToyEvalSamples = 2000

// RingCoverage measures samples [N, 2] against the ring's eight modes with
// the GAN chapter's metric (metrics.ModeCoverage): the share of samples
// within 3·RingStd = 0.06 of a mode's centre, and the modes that at least a
// fifth of their fair share of those land on.
func RingCoverage(samples *tensor.Tensor) metrics.Coverage {
	return metrics.ModeCoverage(samples, metrics.RingCentres(RingModes, RingRadius), RingStd)
}

// RollDistance is how close a set of points lies to the swiss roll, both
// ways, measured against fresh points of the roll.
type RollDistance struct {
	// ToData is the mean distance from each point to the nearest of
	// RollReference fresh data points: how far the points stray.
	ToData float64
	// FromData is the mean distance from each of RollProbe fresh data
	// points to the nearest point: how much of the roll the points reach.
	FromData float64
}

// String prints both distances.
func (d RollDistance) String() string {
	return fmt.Sprintf("to the data %.4f, from the data %.4f", d.ToData, d.FromData)
}

// The numbers of fresh data points SwissRollDistance measures against.
const (
	RollReference = 10000
	RollProbe     = 2000
)

// SwissRollDistance measures points [N, 2] against fresh swiss-roll data
// drawn from seed (see RollDistance). Its floor is the same measure of
// N fresh data points, SwissRollFloor: finite draws of the data itself
// are not at distance 0.
func SwissRollDistance(points *tensor.Tensor, seed uint64) (RollDistance, error) {
	ref, err := ToyData(SwissRoll, RollReference, seed)
	if err != nil {
		return RollDistance{}, err
	}
	probe, err := ToyData(SwissRoll, RollProbe, seed+1)
	if err != nil {
		return RollDistance{}, err
	}
	var d RollDistance
	if d.ToData, err = metrics.MeanNearestDistance(points, ref); err != nil {
		return d, err
	}
	d.FromData, err = metrics.MeanNearestDistance(probe, points)
	return d, err
}

// SwissRollFloor is SwissRollDistance of n fresh data points, drawn from
// seed+2 so that they are not the measure's own: what a perfect model
// scores.
func SwissRollFloor(n int, seed uint64) (RollDistance, error) {
	x, err := ToyData(SwissRoll, n, seed+2)
	if err != nil {
		return RollDistance{}, err
	}
	return SwissRollDistance(x, seed)
}
