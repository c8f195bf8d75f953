package gan

import (
	"math"
	"slices"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// EGANConfig describes an E-GAN on the ring of eight Gaussians.
type EGANConfig struct {
	// Ring holds the networks, the optimizer, the steps and the seed, as
	// for the plain GAN; its Loss is not used (the mutations replace it).
	Ring RingConfig
	// Mutations are the ways a child may be bred; all three by default.
	Mutations []Mutation
	// Gamma is γ in the fitness F = F_q + γ·F_d. On the ring the
	// children of a parent differ much more in F_d than in F_q
	// (FitnessSpread measures by how much, and the chapter quotes it);
	// γ = 0.05 scales F_d's differences down to about the size of F_q's,
	// so that both terms decide. γ = 0 selects for quality alone.
	Gamma float64
}

// DefaultEGANConfig is the plain GAN's DefaultRingConfig evolved with all
// three mutations.
func DefaultEGANConfig() EGANConfig {
	return EGANConfig{Ring: DefaultRingConfig(), Mutations: Mutations(), Gamma: 0.05}
}

// TrainRingEGAN trains an E-GAN on the ring. It starts from the same
// initial networks as TrainRing with the same Ring config, follows the
// same learning-rate schedule, and each step
//
//  1. evolves the generator one generation (Evolution.Step): one child per
//     mutation, the fittest survives;
//  2. updates D on L_D against the survivor's samples and the same real
//     batch the children were scored on.
//
// The result records which mutation survived each step (Winners) and, as
// GLoss, the survivor's -E_z[log D(G(z))], comparable with the plain GAN's
// non-saturating loss whichever mutation won.
func TrainRingEGAN(cfg EGANConfig, progress func(RingProgress)) (*RingResult, error) {
	rc := cfg.Ring
	rc.Loss = "nonsaturating" // unused; keeps validate from rejecting a blank Loss
	if err := rc.validate(); err != nil {
		return nil, err
	}
	if err := checkEvolution(cfg.Mutations, cfg.Gamma); err != nil {
		return nil, err
	}
	s := newRingSetup(rc)
	evo := NewEvolution(s.g, s.d, cfg.Mutations, rc.LR, cfg.Gamma)
	res := &RingResult{G: s.g, D: s.d}
	res.Snapshots = append(res.Snapshots, RingSnapshot{Step: 0, Samples: s.g.SampleFrom(s.zSnap)})
	start := time.Now()
	for step := 1; step <= rc.Steps; step++ {
		x, z := s.batch()
		zEval := tensor.RandN(s.z, rc.BatchSize, rc.ZDim)
		lr := optim.ApplySchedule(s.optD, s.schedule, step)
		evo.SetLR(lr)

		// 1. Variation, evaluation, selection.
		gen := evo.Step(z, zEval, x)

		// 2. The discriminator, against the survivor.
		lossD := DiscriminatorLoss(s.d.Forward(autograd.Const(x)), s.d.Forward(autograd.Const(gen.Samples)))
		s.optD.ZeroGrad()
		lossD.Backward()
		s.optD.Step()

		res.DLoss = append(res.DLoss, lossD.Item())
		res.GLoss = append(res.GLoss, gen.GLoss)
		res.Winners = append(res.Winners, gen.Winner)
		res.Fitness = append(res.Fitness, gen.Fitness)
		s.snapshot(res, step)
		if progress != nil {
			progress(RingProgress{Step: step, Steps: rc.Steps, DLoss: lossD.Item(), GLoss: gen.GLoss, Winner: gen.Winner})
		}
	}
	res.MsPerStep = optim.MsPerStep(time.Since(start), rc.Steps)
	return res, nil
}

// WinCounts counts how often each mutation survived, in the order of
// Mutations().
func WinCounts(winners []Mutation) []int {
	all := Mutations()
	counts := make([]int, len(all))
	for _, w := range winners {
		for i, m := range all {
			if w == m {
				counts[i]++
			}
		}
	}
	return counts
}

// FitnessSpread says how far apart the two terms of the fitness set the
// children of one parent: over the steps of a run (fitness holds every
// child's fitness at each step), the median of the gap between the
// largest and the smallest F_q among the children, and the same for F_d.
// γ gives both terms about equal say in F = F_q + γ·F_d when γ times the
// second is about the first.
func FitnessSpread(fitness [][]Fitness) (quality, diversity float64) {
	var dq, dd []float64
	for _, fs := range fitness {
		if len(fs) == 0 {
			continue
		}
		qLo, qHi, dLo, dHi := fs[0].Quality, fs[0].Quality, fs[0].Diversity, fs[0].Diversity
		for _, f := range fs[1:] {
			qLo, qHi = min(qLo, f.Quality), max(qHi, f.Quality)
			dLo, dHi = min(dLo, f.Diversity), max(dHi, f.Diversity)
		}
		dq, dd = append(dq, qHi-qLo), append(dd, dHi-dLo)
	}
	return median(dq), median(dd)
}

// median is the middle value of xs (the mean of the two middle ones for
// an even count), NaN for none. xs is sorted in place.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[m]
	}
	return (xs[m-1] + xs[m]) / 2
}
