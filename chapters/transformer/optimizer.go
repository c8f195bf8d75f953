package transformer

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
)

// decayGroups splits m's trainable parameters by their number of
// dimensions, as nanoGPT's configure_optimizers does: decay holds the
// matrices (every Linear's weight and the embedding tables, ≥ 2
// dimensions), which AdamW shrinks towards 0; noDecay holds the vectors
// (LayerNorm gains, and biases if the model has them), which it leaves
// alone.
func decayGroups(m nn.Module) (decay, noDecay []*autograd.Value) {
	for _, p := range m.Params() {
		if !p.Trainable() {
			continue
		}
		if len(p.V.Shape()) >= 2 {
			decay = append(decay, p.V)
		} else {
			noDecay = append(noDecay, p.V)
		}
	}
	return decay, noDecay
}

// groupedAdamW is the chapter's optimiser: AdamW over decayGroups, weight
// decay on the matrices only, the rate set at every step, and the
// gradient's global norm clipped before the update.
type groupedAdamW struct {
	opts   []*optim.AdamW
	params []*autograd.Value // every parameter, for the clipping norm
	clip   float64           // the largest global norm (0: no clipping)
}

// newGroupedAdamW returns AdamW on m's parameters with betas β₁, β₂, the
// weight decay wd on the matrices, and clipping at clip.
func newGroupedAdamW(m nn.Module, lr, wd, beta1, beta2, clip float64) *groupedAdamW {
	decay, noDecay := decayGroups(m)
	o := &groupedAdamW{
		opts:   []*optim.AdamW{optim.NewAdamW(decay, lr, wd), optim.NewAdamW(noDecay, lr, 0)},
		params: append(append([]*autograd.Value(nil), decay...), noDecay...),
		clip:   clip,
	}
	for _, a := range o.opts {
		a.Beta1, a.Beta2 = beta1, beta2
	}
	return o
}

// step takes one update on loss at rate lr, then releases loss's graph,
// whose tensors serve the next step's: loss.Item() still reads the loss,
// but nothing else the graph computed can be used afterwards.
func (o *groupedAdamW) step(loss *autograd.Value, lr float64) {
	o.update(loss, lr)
	loss.Release()
}

// update takes one update on loss at rate lr: the gradients of loss
// alone, clipped, then AdamW.
func (o *groupedAdamW) update(loss *autograd.Value, lr float64) {
	for _, a := range o.opts {
		a.SetLR(lr)
		a.ZeroGrad()
	}
	loss.Backward()
	if o.clip > 0 {
		// g ← g·min(1, clip/‖g‖), ‖g‖ over all parameters at once
		optim.ClipGradNorm(o.params, o.clip)
	}
	for _, a := range o.opts {
		a.Step()
	}
}
