package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// Classifier-free guidance (Ho & Salimans 2022). One network learns both
// ε_θ(x_t, t, y) and ε_θ(x_t, t, ∅): in training, each label is replaced
// by the "no label" class ∅ with a small probability. At sampling time the
// two predictions are pushed apart, with guidance scale w,
//
//	ε̃ = (1 + w) ε_θ(x_t, t, y) − w ε_θ(x_t, t, ∅),
//
// which, read through ε̂ = −σ_t ∇ log p(x_t), follows the gradient of
// log p(x_t | y) + w log p(y | x_t): the data's density plus w times an
// implicit classifier's confidence in y. w = 0 is the plain conditional
// model; larger w trades the variety of the samples for how clearly they
// show their class.

// ANCHOR: guide

// Guide returns ε̃ = (1 + w) epsCond − w epsUncond.
func Guide(epsCond, epsUncond *tensor.Tensor, w float64) *tensor.Tensor {
	if !epsCond.SameShape(epsUncond) {
		panic(fmt.Sprintf("diffusion: Guide: conditional %v and unconditional %v predictions", epsCond.Shape, epsUncond.Shape))
	}
	out := tensor.New(epsCond.Shape...)
	for i, c := range epsCond.Data {
		out.Data[i] = (1+w)*c - w*epsUncond.Data[i]
	}
	return out
}

// ANCHOR_END: guide

// ClassDenoiser is a class-conditional network: ε_θ(x_t, t, y) for labels
// y in 0..NumClasses()−1, and NumClasses() itself for "no label" ∅, the
// class label dropout teaches it. Its Forward is the unconditional
// prediction ε_θ(x_t, t, ∅). A network with no classes (NumClasses() = 0)
// reads no label and is unconditional.
type ClassDenoiser interface {
	Denoiser
	ForwardClass(xt *autograd.Value, t, y []int) *autograd.Value
	NumClasses() int
}

// Conditioned is a class-conditional network given the label of each
// row, as a Denoiser: the samplers and the losses take it as they take any
// network.
type Conditioned struct {
	M ClassDenoiser
	Y []int // one label per row (M.NumClasses(): none)
}

// Forward returns M's output for x_t at the steps t with the labels Y.
func (c Conditioned) Forward(xt *autograd.Value, t []int) *autograd.Value {
	return c.M.ForwardClass(xt, t, c.Y)
}

// LearnsVariance reports whether M learns its variance.
func (c Conditioned) LearnsVariance() bool { return c.M.LearnsVariance() }

// Params returns M's weights.
func (c Conditioned) Params() []nn.Param { return c.M.Params() }

// Guided is a class-conditional network sampled with classifier-free
// guidance at scale W for the labels Y, as a Denoiser. Each call runs the
// network once on a batch of 2N, the rows with their labels and again
// with ∅, and returns Guide's ε̃ (followed by the conditional v when the
// variance is learnt). It is for sampling: its output carries no
// gradient.
type Guided struct {
	M ClassDenoiser
	Y []int
	W float64
}

// Forward returns the guided prediction for x_t at the steps t.
func (g Guided) Forward(xt *autograd.Value, t []int) *autograd.Value {
	n, classes := len(t), g.M.NumClasses()
	if len(g.Y) != n || classes == 0 {
		panic(fmt.Sprintf("diffusion: Guided: %d labels for %d rows of a network with %d classes", len(g.Y), n, classes))
	}
	y := append(append([]int{}, g.Y...), noLabels(n, classes)...)
	both := autograd.NoGrad(tensor.Concat(0, xt.Data, xt.Data))
	out := g.M.ForwardClass(both, append(append([]int{}, t...), t...), y).Data
	d := out.Shape[1]
	if g.M.LearnsVariance() {
		d /= 2
	}
	cond, uncond := tensor.Slice(out, 0, 0, n), tensor.Slice(out, 0, n, 2*n)
	eps := Guide(tensor.Slice(cond, 1, 0, d), tensor.Slice(uncond, 1, 0, d), g.W)
	if g.M.LearnsVariance() {
		eps = tensor.Concat(1, eps, tensor.Slice(cond, 1, d, 2*d))
	}
	return autograd.NoGrad(eps)
}

// LearnsVariance reports whether M learns its variance.
func (g Guided) LearnsVariance() bool { return g.M.LearnsVariance() }

// Params returns M's weights.
func (g Guided) Params() []nn.Param { return g.M.Params() }

// noLabels returns n labels of "no label" (∅, numbered classes) for a
// network of that many classes, or nil for an unconditional network.
func noLabels(n, classes int) []int {
	if classes == 0 {
		return nil
	}
	y := make([]int, n)
	for i := range y {
		y[i] = classes
	}
	return y
}
