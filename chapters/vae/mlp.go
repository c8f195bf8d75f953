package vae

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: mlp

// MLP is the fully connected VAE of Kingma & Welling (2014, section 3 and
// Appendix C) in the configuration of the PyTorch examples' VAE: one
// hidden ReLU layer in the encoder and one in the decoder,
//
//	encoder  h = ReLU(x W₁ + b₁)          784 → 400
//	         μ = h W₂₁ + b₂₁               400 → 20
//	         log σ² = h W₂₂ + b₂₂          400 → 20
//	decoder  h' = ReLU(z W₃ + b₃)          20 → 400
//	         logits = h' W₄ + b₄           400 → 784
//
// The decoder outputs logits l: pixel d of x is Bernoulli with probability
// σ(l_d). The layers keep the PyTorch example's names (fc1, fc21, fc22,
// fc3, fc4), so that parameter files can be compared side by side.
type MLP struct {
	FC1      *nn.Linear // x → h
	FCMu     *nn.Linear // h → μ (fc21)
	FCLogVar *nn.Linear // h → log σ² (fc22)
	FC3      *nn.Linear // z → h'
	FC4      *nn.Linear // h' → logits
}

// ANCHOR_END: mlp

// NewMLP builds the VAE for inputs of size in (784 for MNIST), hidden
// ReLU layers of width hidden and a latent code of size latent, with
// weights drawn from rng. Every layer starts as the example's nn.Linear
// layers do, weights and biases from U(-1/√fan_in, 1/√fan_in) (PyTorch's
// default, which nn.NewLinear follows).
func NewMLP(in, hidden, latent int, rng *tensor.RNG) *MLP {
	if in < 1 || hidden < 1 || latent < 1 {
		panic(fmt.Sprintf("vae: NewMLP(%d, %d, %d): every width must be at least 1", in, hidden, latent))
	}
	return &MLP{
		FC1:      nn.NewLinear(in, hidden, rng),
		FCMu:     nn.NewLinear(hidden, latent, rng),
		FCLogVar: nn.NewLinear(hidden, latent, rng),
		FC3:      nn.NewLinear(latent, hidden, rng),
		FC4:      nn.NewLinear(hidden, in, rng),
	}
}

// ANCHOR: mlp_codec

// Encode maps images x [N, D] to the parameters of q(z|x) = N(μ, diag σ²):
// mu and logVar, each [N, J].
func (m *MLP) Encode(x *autograd.Value) (mu, logVar *autograd.Value) {
	h := autograd.ReLU(m.FC1.Forward(x))
	return m.FCMu.Forward(h), m.FCLogVar.Forward(h)
}

// Decode maps latent codes z [N, J] to the logits [N, D] of p(x|z).
func (m *MLP) Decode(z *autograd.Value) *autograd.Value {
	return m.FC4.Forward(autograd.ReLU(m.FC3.Forward(z)))
}

// ANCHOR_END: mlp_codec

// Forward runs the whole VAE on images x [N, D] with noise eps [N, J]:
// see the package function Forward.
func (m *MLP) Forward(x, eps *autograd.Value) (logits, mu, logVar *autograd.Value) {
	return Forward(m, x, eps)
}

// Latent returns J, the size of the latent code.
func (m *MLP) Latent() int { return m.FCMu.W.Data.Shape[1] }

// Children names the layers as the PyTorch example does.
func (m *MLP) Children() []nn.Child {
	return []nn.Child{
		{Name: "fc1", M: m.FC1}, {Name: "fc21", M: m.FCMu}, {Name: "fc22", M: m.FCLogVar},
		{Name: "fc3", M: m.FC3}, {Name: "fc4", M: m.FC4},
	}
}

// Params lists every weight and bias, named by layer ("fc1.W", ...).
func (m *MLP) Params() []nn.Param { return nn.Nest(m.Children()...) }

// Reconstruct is the package function Reconstruct for this model.
func (m *MLP) Reconstruct(x *tensor.Tensor) *tensor.Tensor { return Reconstruct(m, x) }

// Sample is the package function Sample for this model.
func (m *MLP) Sample(n int, rng *tensor.RNG) *tensor.Tensor { return Sample(m, n, rng) }

// Evaluate is the package function Evaluate for this model: -ELBO per
// image and its two terms, with one z per image drawn from rng.
func (m *MLP) Evaluate(x *tensor.Tensor, rng *tensor.RNG) (negELBO, recon, kl float64) {
	return Evaluate(m, x, rng)
}
