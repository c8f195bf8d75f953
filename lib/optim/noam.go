package optim

import "math"

// Noam is the learning-rate schedule of "Attention Is All You Need"
// (Vaswani et al. 2017, section 5.3), named after Noam Shazeer: it rises
// linearly for Warmup steps, then decays as the inverse square root of the
// step. Its peak, at step == Warmup, is Factor/√(DModel·Warmup); the paper
// uses Factor 1, DModel 512 and Warmup 4000 (a peak of about 7e-4) with
// Adam(beta1 0.9, beta2 0.98, eps 1e-9). Larger models get smaller rates
// through d_model^−0.5.
type Noam struct {
	DModel int     // the model width d_model
	Warmup int     // warmup_steps
	Factor float64 // a scale on the whole curve (1 in the paper)
}

// LR returns the learning rate for the given step, counted from 1; steps
// before the first return 0.
func (s Noam) LR(step int) float64 {
	if step < 1 {
		return 0
	}
	n := float64(step)
	// lrate = factor · d_model^−0.5 · min(step^−0.5, step · warmup_steps^−1.5)
	return s.Factor * math.Pow(float64(s.DModel), -0.5) *
		math.Min(math.Pow(n, -0.5), n*math.Pow(float64(s.Warmup), -1.5))
}
