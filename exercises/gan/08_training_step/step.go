// Package trainstep is an exercise: one step of GAN training, written
// with the library's autograd, then trained on the ring of eight
// Gaussians.
//
// The discriminator d maps points to logits; the generator g maps noise
// to points. A step of the algorithm in the chapter's "Alternating
// updates" updates d first, on a batch of real points and a batch of the
// generator's points, with the binary cross-entropy of telling them
// apart; then g, through the discriminator just updated, with the
// non-saturating loss. Think about two things before you write it: which
// network each loss's gradient must reach (and what must stop it from
// reaching the other), and what is left in each network's gradients by
// the other network's backward pass.
package trainstep

import (
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
	// TODO: update d on real against generated points, then g through
	// the updated d.
	return 0, 0
}
