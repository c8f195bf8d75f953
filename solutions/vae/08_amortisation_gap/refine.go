// Package amortise is the reference solution of the amortisation gap.
package amortise

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
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
	muV, lvV := autograd.Param(mu0.Clone()), autograd.Param(logVar0.Clone())
	opt := optim.NewAdam([]*autograd.Value{muV, lvV}, lr)
	xv, d := autograd.Const(x), float64(x.Dim(1))
	for s := 0; s < steps; s++ {
		z := autograd.Add(muV, autograd.Mul(autograd.Exp(autograd.Scale(lvV, 0.5)), autograd.Const(noise())))
		// nn.BCEWithLogits averages over all N·D pixels: times N·D, the sum.
		recon := autograd.Scale(nn.BCEWithLogits(decode(z), xv), float64(x.Dim(0))*d)
		kl := autograd.Scale(autograd.Sum(autograd.Sub(autograd.Add(autograd.Square(muV), autograd.Exp(lvV)), autograd.AddScalar(lvV, 1))), 0.5)
		loss := autograd.Add(recon, kl)
		opt.ZeroGrad()
		loss.Backward()
		opt.Step()
	}
	return muV.Data, lvV.Data
}
