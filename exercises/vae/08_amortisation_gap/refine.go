// Package amortise is an exercise: the amortisation gap. A VAE's encoder
// maps every image to its q(z|x) with one shared network; nothing says
// the q it gives an image is the best Gaussian for that image under the
// decoder. Fit each image's q on its own, by gradient descent on its
// negative ELBO with the decoder held fixed, and the bound tightens: by
// how much is what the encoder's sharing costs (Cremer et al. 2018; the
// chapter's section "The amortisation gap").
package amortise

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// Refine fits q(z|x) = N(μ, diag σ²) for each image of x [N, D], grey
// levels in [0, 1], starting from mu0 and logVar0 [N, J] (log σ²), by
// steps steps of Adam with learning rate lr on the sum over the images of
// their negative ELBO, with respect to μ and log σ² alone. decode maps
// codes [N, J] to the Bernoulli decoder's logits [N, D]; its weights must
// not change. noise returns the standard normal ε [N, J] of one step's
// draw of z; call it once per step. It returns the fitted μ and log σ²,
// new tensors (mu0 and logVar0 are left as they were); with steps = 0
// they are copies of mu0 and logVar0.
func Refine(decode func(z *autograd.Value) *autograd.Value, x, mu0, logVar0 *tensor.Tensor, steps int, lr float64, noise func() *tensor.Tensor) (mu, logVar *tensor.Tensor) {
	// TODO: make μ and log σ² the parameters, then take the steps.
	return mu0, logVar0
}
