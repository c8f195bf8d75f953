package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// Dropout zeroes each element of its input with probability P while
// training (Srivastava et al. 2014), so that no unit can rely on any one
// other being present. It uses "inverted" dropout: the survivors are
// scaled by 1/(1-P) at training time, which keeps every element's
// expectation equal to its input,
//
//	E[y] = (1-P)·x/(1-P) + P·0 = x
//
// so that in evaluation mode the layer is simply the identity.
type Dropout struct {
	P float64 // probability of zeroing an element, in [0, 1]

	rng      *tensor.RNG
	training bool
}

// NewDropout returns a Dropout layer in training mode whose masks are
// drawn from rng, so the same seed gives the same masks.
func NewDropout(p float64, rng *tensor.RNG) *Dropout {
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("nn: NewDropout(%g): the probability must lie in [0, 1]", p))
	}
	return &Dropout{P: p, rng: rng, training: true}
}

// SetTraining switches between dropping (on) and the identity (off).
func (d *Dropout) SetTraining(on bool) { d.training = on }

// Training reports whether the layer drops elements.
func (d *Dropout) Training() bool { return d.training }

// Forward returns x with a random fraction P of its elements zeroed and
// the rest scaled by 1/(1-P) in training mode, and x itself in evaluation.
func (d *Dropout) Forward(x *autograd.Value) *autograd.Value {
	if !d.training || d.P == 0 {
		return x
	}
	// m_i ~ Bernoulli(1-P): 1 keeps element i, 0 drops it
	mask := tensor.Bernoulli(d.rng, 1-d.P, x.Shape()...)
	if d.P < 1 {
		// y = x ⊙ m / (1-P)
		mask.ScaleInPlace(1 / (1 - d.P))
	}
	return autograd.Mul(x, autograd.Const(mask))
}

// Params is empty: Dropout learns nothing.
func (d *Dropout) Params() []Param { return nil }
