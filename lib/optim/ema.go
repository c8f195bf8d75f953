package optim

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
)

// EMA keeps an exponential moving average of a model's weights in a second
// copy of the model, the average of the last ~1/(1 − decay) steps:
//
//	θ̄ ← d θ̄ + (1 − d) θ,   d = min(Decay, (1 + k)/(10 + k)) at update k,
//
// The ramp on d lets the average forget the random initial weights in
// the first hundred or so updates, rather than over 1/(1 − Decay). A
// network trained with noisy gradients, such as a diffusion model's,
// samples better from θ̄ than from its last θ (Ho et al. 2020 use
// Decay = 0.9999).
type EMA struct {
	Decay   float64
	src     []*autograd.Value
	avg     []*autograd.Value
	updates int
}

// NewEMA averages the weights src into avg, the same weights of a second
// copy of the model, and starts the average at src's values.
func NewEMA(src, avg []*autograd.Value, decay float64) *EMA {
	if !(decay >= 0 && decay < 1) {
		panic(fmt.Sprintf("optim: NewEMA: decay %g; want 0 ≤ decay < 1", decay))
	}
	if len(src) != len(avg) {
		panic(fmt.Sprintf("optim: NewEMA: %d weights to average into %d", len(src), len(avg)))
	}
	for i := range src {
		if !src[i].Data.SameShape(avg[i].Data) {
			panic(fmt.Sprintf("optim: NewEMA: weight %d is %v, its average %v", i, src[i].Shape(), avg[i].Shape()))
		}
		avg[i].Data.CopyFrom(src[i].Data)
	}
	return &EMA{Decay: decay, src: src, avg: avg}
}

// Update folds the current weights into the average.
func (e *EMA) Update() {
	d := min(e.Decay, float64(1+e.updates)/float64(10+e.updates))
	e.updates++
	for i, p := range e.src {
		a := e.avg[i].Data.Data
		for j, v := range p.Data.Data {
			a[j] = d*a[j] + (1-d)*v
		}
	}
}
