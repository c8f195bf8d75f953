package diffusion

import "math"

// The reverse step's variance. Ho et al. (2020) fix Σ_θ = σ_t² I with σ_t²
// either β_t or β̃_t, the two extremes that are optimal when x_0 is pure
// noise and when x_0 is a single point; with 1000 steps the two give
// samples of the same quality, since β_t and β̃_t differ only in the first
// steps. Nichol & Dhariwal (2021, eq. 15) learn where Σ_θ lies between
// them: the network outputs v per dimension and
//
//	Σ_θ(x_t, t) = exp(v log β_t + (1 − v) log β̃_t),
//
// so v = 1 gives β_t, v = 0 gives β̃_t, and the log-space mix keeps the
// variance positive whatever v is.

// LogVarianceRange returns log β_t and log β̃_t, the ends of the learned
// variance's interpolation at step t. β̃_1 is 0, whose log is −∞: at t = 1
// the range uses β̃_2 instead (when T ≥ 2), as Nichol & Dhariwal's code
// does, so that the decoder's variance at t = 1 is still learnt in a
// finite range.
func (s *Schedule) LogVarianceRange(t int) (logBeta, logBetaTilde float64) {
	s.check("LogVarianceRange", t)
	bt := s.BetaTilde[t]
	if t == 1 && s.T >= 2 {
		bt = s.BetaTilde[2]
	}
	return math.Log(s.Beta[t]), math.Log(bt)
}

// ANCHOR: learned_variance

// LearnedLogVariance returns log Σ_θ = v log β_t + (1 − v) log β̃_t for the
// network's output v at step t (see LogVarianceRange for t = 1).
func (s *Schedule) LearnedLogVariance(v float64, t int) float64 {
	hi, lo := s.LogVarianceRange(t)
	return v*hi + (1-v)*lo
}

// ANCHOR_END: learned_variance
