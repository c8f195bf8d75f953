package vae

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// RefineConfig says how Refine fits each image's own q(z|x).
type RefineConfig struct {
	Steps int     // Adam steps on the codes' parameters
	LR    float64 // Adam's learning rate
	Seed  uint64  // where each step's noise ε comes from
}

// DefaultRefine is the chapter's setting: 300 steps at 10⁻², enough for
// the bound of the digits measured to stop improving.
func DefaultRefine() RefineConfig { return RefineConfig{Steps: 300, LR: 1e-2, Seed: 1} }

// ANCHOR: refine

// Refine fits q(z|x) = N(μ, diag σ²) to each image of x [N, D] on its
// own, without the encoder: starting from mu0 and logVar0 [N, J] (the
// encoder's μ(x) and log σ²(x), to measure what the encoder leaves), it
// takes cfg.Steps steps of Adam on the negative ELBO with respect to μ
// and log σ² alone, the decoder held fixed, each step with fresh noise ε.
// It returns the fitted μ and log σ², new tensors. The images' bounds are
// independent, and Adam scales each number's step on its own, so
// optimising the sum over the batch fits every image as if it were alone.
func Refine(m Model, x, mu0, logVar0 *tensor.Tensor, cfg RefineConfig) (mu, logVar *tensor.Tensor, err error) {
	if cfg.Steps < 0 || !(cfg.LR > 0) {
		return nil, nil, fmt.Errorf("vae: Refine: %d steps at learning rate %g, want steps ≥ 0 and a rate > 0", cfg.Steps, cfg.LR)
	}
	muV, lvV := autograd.Param(mu0.Clone()), autograd.Param(logVar0.Clone())
	opt := optim.NewAdam([]*autograd.Value{muV, lvV}, cfg.LR)
	rng, xv := tensor.NewRNG(cfg.Seed), autograd.Const(x)
	frozen := nn.Values(m)
	for step := 0; step < cfg.Steps; step++ {
		z := Reparameterize(muV, lvV, autograd.Const(tensor.RandN(rng, x.Dim(0), m.Latent())))
		loss, _, _ := NegativeELBO(m.Decode(z), xv, muV, lvV, 1)
		opt.ZeroGrad()
		loss.Backward()
		opt.Step()
		for _, v := range frozen { // the decoder's gradients are not used
			v.ZeroGrad()
		}
	}
	return muV.Data, lvV.Data, nil
}

// ANCHOR_END: refine

// BoundOf returns the negative ELBO of each image of x [N, D] under the
// model's decoder with q(z|x) = N(mu, diag exp(logVar)), in nats, the
// expected reconstruction term estimated with draws noise vectors per
// image from rng.
func BoundOf(m Model, x, mu, logVar *tensor.Tensor, draws int, rng *tensor.RNG) []float64 {
	n := x.Dim(0)
	out := make([]float64, n)
	muV, lvV, xv := autograd.NoGrad(mu), autograd.NoGrad(logVar), autograd.NoGrad(x)
	kl := KLStdNormal(muV, lvV).Data
	for k := 0; k < draws; k++ {
		z := Reparameterize(muV, lvV, autograd.NoGrad(tensor.RandN(rng, n, m.Latent())))
		nll := BernoulliNLL(m.Decode(z), xv).Data
		for i := range out {
			out[i] += nll.Data[i] / float64(draws)
		}
	}
	for i := range out {
		out[i] += kl.Data[i]
	}
	return out
}

// AmortisationGap measures what the encoder's sharing costs on the
// images x [N, D]: the mean negative ELBO with the encoder's q(z|x), and
// with each image's q refined by Refine, both estimated with the same
// draws noise vectors per image (seeded by evalSeed). Their difference
// is the amortisation gap of Cremer et al. (2018).
func AmortisationGap(m Model, x *tensor.Tensor, cfg RefineConfig, draws int, evalSeed uint64) (encoder, refined float64, err error) {
	mu, logVar := m.Encode(autograd.NoGrad(x))
	rmu, rlv, err := Refine(m, x, mu.Data, logVar.Data, cfg)
	if err != nil {
		return 0, 0, err
	}
	mean := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s / float64(len(v))
	}
	encoder = mean(BoundOf(m, x, mu.Data, logVar.Data, draws, tensor.NewRNG(evalSeed)))
	refined = mean(BoundOf(m, x, rmu, rlv, draws, tensor.NewRNG(evalSeed)))
	return encoder, refined, nil
}
