package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// ToySamplers are the samplers the chapter measures a 2-D model of T
// steps with: DDPM with σ_t² = β_t and with β̃_t, then deterministic DDIM
// (η = 0) over 200, 50, 20 and 10 steps (those no more than T).
func ToySamplers(T int) []Sampler {
	out := []Sampler{{Variance: VarianceBeta}, {Variance: VarianceBetaTilde}}
	for _, n := range []int{200, 50, 20, 10} {
		if n <= T {
			out = append(out, Sampler{DDIM: true, Steps: n})
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
