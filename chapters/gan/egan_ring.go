package gan

import (
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
	// Gamma is γ in the fitness F = F_q + γ·F_d. On the ring, children
	// of one parent differ in F_q by about 0.002 to 0.009 and in F_d by
	// about 0.03 to 0.07 (medians over training, measured), so γ = 0.05
	// lets both terms decide; γ = 0 selects for quality alone.
	Gamma float64
}

// DefaultEGANConfig is the plain GAN's DefaultRingConfig evolved with all
// three mutations.
func DefaultEGANConfig() EGANConfig {
	return EGANConfig{Ring: DefaultRingConfig(), Mutations: Mutations(), Gamma: 0.05}
}

// ANCHOR: egan_ring

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
		s.snapshot(res, step)
		if progress != nil {
			progress(RingProgress{Step: step, Steps: rc.Steps, DLoss: lossD.Item(), GLoss: gen.GLoss, Winner: gen.Winner})
		}
	}
	res.MsPerStep = optim.MsPerStep(time.Since(start), rc.Steps)
	return res, nil
}

// ANCHOR_END: egan_ring

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
