package vae

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: conv

// Conv is a convolutional VAE for 28×28 digits. The MLP sees an image as
// 784 unrelated numbers; Conv's encoder looks at 4×4 patches and reuses
// the same filters at every position, and its decoder paints with
// transposed convolutions, the encoder run backwards. With base width w
// (32) and latent size K,
//
//	encoder  x [N, 1, 28, 28] → conv 4×4/2, ReLU        → [N, w, 14, 14]
//	                          → conv 4×4/2, ReLU        → [N, 2w, 7, 7]
//	                          → flatten, linear         → μ, log σ² [N, K] each
//	decoder  z [N, K]         → linear, ReLU            → [N, 2w, 7, 7]
//	                          → transposed conv 4×4/2, ReLU → [N, w, 14, 14]
//	                          → transposed conv 4×4/2   → logits [N, 1, 28, 28]
//
// A stride-2 convolution with a 4×4 kernel and padding 1 halves the side,
// OH = (H + 2 - 4)/2 + 1 = H/2; the transposed one doubles it,
// OH = (H - 1)·2 - 2 + 4 = 2H. Every layer starts from PyTorch's default
// initialisation, as the MLP's do. Encode and Decode take and give
// flattened images [N, 784], so Conv trains with the MLP's loss and loop.
type Conv struct {
	Width          int // w, the channels of the first convolution (the second has 2w)
	Conv1, Conv2   *nn.Conv2d
	FCMu, FCLogVar *nn.Linear // [2w·7·7] → K each
	FCDec          *nn.Linear // K → [2w·7·7]
	Up1, Up2       *nn.ConvTranspose2d
}

// Encode maps images x [N, 784] to the parameters of q(z|x): mu and
// logVar, each [N, K].
func (c *Conv) Encode(x *autograd.Value) (mu, logVar *autograd.Value) {
	n := x.Shape()[0]
	h := autograd.Reshape(x, n, 1, data.MNISTSide, data.MNISTSide)
	h = autograd.ReLU(c.Conv1.Forward(h)) // 28×28 → 14×14
	h = autograd.ReLU(c.Conv2.Forward(h)) // 14×14 → 7×7
	h = autograd.Reshape(h, n, 2*c.Width*7*7)
	return c.FCMu.Forward(h), c.FCLogVar.Forward(h)
}

// Decode maps codes z [N, K] to the logits [N, 784] of p(x|z).
func (c *Conv) Decode(z *autograd.Value) *autograd.Value {
	n := z.Shape()[0]
	h := autograd.ReLU(c.FCDec.Forward(z))
	h = autograd.Reshape(h, n, 2*c.Width, 7, 7)
	h = autograd.ReLU(c.Up1.Forward(h)) // 7×7 → 14×14
	logits := c.Up2.Forward(h)          // 14×14 → 28×28
	return autograd.Reshape(logits, n, data.MNISTPixels)
}

// ANCHOR_END: conv

// NewConv builds the convolutional VAE with base width w (32 in the
// chapter) and a latent code of size latent, its weights drawn from rng
// with PyTorch's default initialisation.
func NewConv(w, latent int, rng *tensor.RNG) *Conv {
	if w < 1 || latent < 1 {
		panic(fmt.Sprintf("vae: NewConv(%d, %d): the width and the latent size must be at least 1", w, latent))
	}
	flat := 2 * w * 7 * 7
	return &Conv{
		Width:    w,
		Conv1:    nn.NewConv2d(1, w, 4, 2, 1, rng),
		Conv2:    nn.NewConv2d(w, 2*w, 4, 2, 1, rng),
		FCMu:     nn.NewLinear(flat, latent, rng),
		FCLogVar: nn.NewLinear(flat, latent, rng),
		FCDec:    nn.NewLinear(latent, flat, rng),
		Up1:      nn.NewConvTranspose2d(2*w, w, 4, 2, 1, rng),
		Up2:      nn.NewConvTranspose2d(w, 1, 4, 2, 1, rng),
	}
}

// Latent returns K, the size of the latent code.
func (c *Conv) Latent() int { return c.FCMu.W.Data.Shape[1] }

// Children names the layers for parameter files.
func (c *Conv) Children() []nn.Child {
	return []nn.Child{
		{Name: "conv1", M: c.Conv1}, {Name: "conv2", M: c.Conv2},
		{Name: "fc_mu", M: c.FCMu}, {Name: "fc_logvar", M: c.FCLogVar},
		{Name: "fc_dec", M: c.FCDec}, {Name: "up1", M: c.Up1}, {Name: "up2", M: c.Up2},
	}
}

// Params lists every weight and bias, named by layer ("conv1.W", ...).
func (c *Conv) Params() []nn.Param { return nn.Nest(c.Children()...) }

// Forward is the package function Forward for this model.
func (c *Conv) Forward(x, eps *autograd.Value) (logits, mu, logVar *autograd.Value) {
	return Forward(c, x, eps)
}

// Reconstruct is the package function Reconstruct for this model.
func (c *Conv) Reconstruct(x *tensor.Tensor) *tensor.Tensor { return Reconstruct(c, x) }

// Sample is the package function Sample for this model.
func (c *Conv) Sample(n int, rng *tensor.RNG) *tensor.Tensor { return Sample(c, n, rng) }

// Evaluate is the package function Evaluate for this model.
func (c *Conv) Evaluate(x *tensor.Tensor, rng *tensor.RNG) (negELBO, recon, kl float64) {
	return Evaluate(c, x, rng)
}
