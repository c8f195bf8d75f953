package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// Denoiser is a network that reads x_t [N, D] at the steps t and returns
// ε̂ [N, D], followed by v [N, D] when it learns the variance
// (LearnsVariance).
type Denoiser interface {
	nn.Module
	Forward(xt *autograd.Value, t []int) *autograd.Value
	LearnsVariance() bool
}

// LearnsVariance reports whether the output carries v after ε̂.
func (m *ToyDenoiser) LearnsVariance() bool { return m.Cfg.LearnVariance }

// SimpleLoss returns Ho et al.'s L_simple on a batch: x0 [N, D] noised to
// the steps t with the noise eps, x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε, and the mean
// squared error of the network's ε̂ against ε,
//
//	L_simple = mean over the batch and the D coordinates of (ε − ε_θ(x_t, t))².
//
// Training draws t uniformly from 1..T and eps from N(0, I) for each row.
func SimpleLoss(m Denoiser, s *Schedule, x0 *tensor.Tensor, t []int, eps *tensor.Tensor) *autograd.Value {
	xt := s.QSample(x0, t, eps)
	epsHat, _ := split(m, m.Forward(autograd.Const(xt), t))
	return nn.MSE(epsHat, autograd.Const(eps))
}

// split cuts a network's output [N, D] or [N, 2D] into ε̂ and v (nil when
// the variance is not learnt).
func split(m Denoiser, out *autograd.Value) (epsHat, v *autograd.Value) {
	if !m.LearnsVariance() {
		return out, nil
	}
	s := out.Shape()
	if len(s) != 2 || s[1]%2 != 0 {
		panic(fmt.Sprintf("diffusion: a denoiser that learns its variance returned %v; want [N, 2D]", s))
	}
	d := s[1] / 2
	return autograd.Slice(out, 1, 0, d), autograd.Slice(out, 1, d, 2*d)
}
