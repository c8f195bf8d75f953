// Package trainstep is the reference solution of the GAN training step.
package trainstep

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// Step takes one step of GAN training on real points x [B, 2] and noise
// z [B, ZDim]: one update of d with optD, then one of g with optG, each
// optimizer holding its own network's parameters. It returns the
// discriminator's loss and the generator's loss of this step, each a mean
// over the batch, computed before the network's own update. The
// generator's points for both updates come from the same z.
func Step(g, d *nn.Sequential, optG, optD optim.Optimizer, x, z *tensor.Tensor) (lossD, lossG float64) {
	fake := g.Forward(autograd.Const(z))
	b := x.Dim(0)
	ones := autograd.Const(tensor.Full(1, b, 1))
	zeros := autograd.Const(tensor.Full(0, b, 1))

	// The discriminator: real points are labelled 1, generated ones 0.
	// Detach keeps this loss's gradient out of g.
	ld := autograd.Add(nn.BCEWithLogits(d.Forward(autograd.Const(x)), ones),
		nn.BCEWithLogits(d.Forward(fake.Detach()), zeros))
	optD.ZeroGrad()
	ld.Backward()
	optD.Step()

	// The generator: -log D(G(z)), the cross-entropy of calling its
	// points real, through the updated d. Its backward pass also leaves
	// gradients on d, which the next step's ZeroGrad clears.
	lg := nn.BCEWithLogits(d.Forward(fake), ones)
	optG.ZeroGrad()
	lg.Backward()
	optG.Step()
	return ld.Item(), lg.Item()
}
