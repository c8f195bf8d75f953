package gan

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: cyclegan

// Translator maps 28×28 images of one domain to the other, keeping their
// size: three 3×3 convolutions, ReLU between them, and a tanh output.
// Zhu et al. use a ResNet with down- and up-sampling for 256×256 photos; a
// stroke's thickness is a local property, and three 3×3 layers see a 7×7
// neighbourhood, which is enough for it.
type Translator struct {
	C1, C2, C3 *nn.Conv2d
}

// NewTranslator builds a Translator with width channels inside.
func NewTranslator(width int, rng *tensor.RNG) *Translator {
	return &Translator{
		C1: nn.NewConv2d(1, width, 3, 1, 1, rng),
		C2: nn.NewConv2d(width, width, 3, 1, 1, rng),
		C3: nn.NewConv2d(width, 1, 3, 1, 1, rng),
	}
}

// Forward maps images [N, 784] in [-1, 1] to images [N, 784] in [-1, 1].
func (t *Translator) Forward(x *autograd.Value) *autograd.Value {
	n := x.Data.Shape[0]
	h := autograd.Reshape(x, n, 1, data.MNISTSide, data.MNISTSide)
	h = autograd.ReLU(t.C1.Forward(h))
	h = autograd.ReLU(t.C2.Forward(h))
	return autograd.Reshape(autograd.Tanh(t.C3.Forward(h)), n, data.MNISTPixels)
}

// ANCHOR_END: cyclegan

// ANCHOR: cyclegan_patch

// PatchDiscriminator judges 28×28 images patch by patch, as CycleGAN's
// PatchGAN does: two strided 4×4 convolutions and a 3×3 one give a 7×7 map
// of logits, each about one overlapping patch of the image.
type PatchDiscriminator struct {
	C1, C2, C3 *nn.Conv2d
}

// NewPatchDiscriminator builds a PatchDiscriminator with width channels
// after its first layer (twice that after the second).
func NewPatchDiscriminator(width int, rng *tensor.RNG) *PatchDiscriminator {
	return &PatchDiscriminator{
		C1: nn.NewConv2d(1, width, 4, 2, 1, rng),
		C2: nn.NewConv2d(width, 2*width, 4, 2, 1, rng),
		C3: nn.NewConv2d(2*width, 1, 3, 1, 1, rng),
	}
}

// Forward maps images [N, 784] in [-1, 1] to patch logits [N, 49].
func (d *PatchDiscriminator) Forward(x *autograd.Value) *autograd.Value {
	n := x.Data.Shape[0]
	h := autograd.Reshape(x, n, 1, data.MNISTSide, data.MNISTSide)
	h = autograd.LeakyReLU(d.C1.Forward(h), 0.2)
	h = autograd.LeakyReLU(d.C2.Forward(h), 0.2)
	return autograd.Reshape(d.C3.Forward(h), n, 49)
}

// ANCHOR_END: cyclegan_patch

// CycleLoss is the cycle-consistency loss of Zhu et al. (2017),
//
//	L_cyc = E_x ‖F(G(x)) − x‖₁ + E_y ‖G(F(y)) − y‖₁
//
// given the round trips F(G(x)) and G(F(y)); each norm is averaged over
// pixels as well as images (the mean absolute error), as in the authors'
// code.
func CycleLoss(x, xBack, y, yBack *autograd.Value) *autograd.Value {
	return autograd.Add(
		autograd.Mean(autograd.Abs(autograd.Sub(xBack, x))),
		autograd.Mean(autograd.Abs(autograd.Sub(yBack, y))))
}

// Children names the layers for parameter files.
func (t *Translator) Children() []nn.Child {
	return []nn.Child{{Name: "c1", M: t.C1}, {Name: "c2", M: t.C2}, {Name: "c3", M: t.C3}}
}

// Params lists every weight and bias, named by layer.
func (t *Translator) Params() []nn.Param { return nn.Nest(t.Children()...) }

// Children names the layers for parameter files.
func (d *PatchDiscriminator) Children() []nn.Child {
	return []nn.Child{{Name: "c1", M: d.C1}, {Name: "c2", M: d.C2}, {Name: "c3", M: d.C3}}
}

// Params lists every weight and bias, named by layer.
func (d *PatchDiscriminator) Params() []nn.Param { return nn.Nest(d.Children()...) }

// Translate maps images [N, 784] in [0, 1] through t without recording a
// graph and returns them in [0, 1].
func (t *Translator) Translate(images *tensor.Tensor) *tensor.Tensor {
	return FromTanhRange(t.Forward(autograd.NoGrad(ToTanhRange(images))).Data)
}
