package gan

import (
	"fmt"
	"strings"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: dcgan

// Generator is DCGAN's generator (Radford et al. 2016) scaled down for
// 28×28 digits. With base width w,
//
//	z [N, ZDim] → linear → [N, 2w, 7, 7], BatchNorm, ReLU
//	            → transposed conv 4×4/2 → [N, w, 14, 14], BatchNorm, ReLU
//	            → transposed conv 4×4/2 → [N, 1, 28, 28], tanh = G(z)
//
// Each transposed convolution doubles the resolution, OH = (H-1)·2 - 2 + 4
// = 2H. The last layer has no BatchNorm and ends in tanh, so G(z) ∈ (-1, 1),
// the range the training digits are scaled to.
type Generator struct {
	ZDim, Width int // the size of G's input z and the base width w
	FC          *nn.Linear
	BN0, BN1    *nn.BatchNorm
	Up1, Up2    *nn.ConvTranspose2d
}

// Forward maps z [N, ZDim] to images G(z) [N, 1, 28, 28] in (-1, 1).
func (g *Generator) Forward(z *autograd.Value) *autograd.Value {
	n, w := z.Shape()[0], g.Width
	h := autograd.Reshape(g.FC.Forward(z), n, 2*w, 7, 7)
	h = autograd.ReLU(g.BN0.Forward(h))
	h = autograd.ReLU(g.BN1.Forward(g.Up1.Forward(h))) // 7×7 → 14×14
	return autograd.Tanh(g.Up2.Forward(h))             // 14×14 → 28×28
}

// ANCHOR_END: dcgan

// ANCHOR: dcgan_discriminator

// Discriminator is DCGAN's discriminator for 28×28 images: strided
// convolutions instead of pooling, LeakyReLU with slope 0.2, BatchNorm
// except on the input layer, and one logit s, D(x) = σ(s):
//
//	x [N, 1, 28, 28] → conv 4×4/2 → [N, w, 14, 14], LeakyReLU
//	                 → conv 4×4/2 → [N, 2w, 7, 7], BatchNorm, LeakyReLU
//	                 → linear → [N, 1] logits s
type Discriminator struct {
	Width        int // the base width w
	Conv1, Conv2 *nn.Conv2d
	BN2          *nn.BatchNorm
	FC           *nn.Linear
}

// Forward maps images x [N, 1, 28, 28] in [-1, 1] to logits s [N, 1].
func (d *Discriminator) Forward(x *autograd.Value) *autograd.Value {
	return d.afterConv1(d.Conv1.Forward(x)) // 28×28 → 14×14
}

// afterConv1 is the rest of the discriminator: from the first
// convolution's output a1 [N, w, 14, 14] to logits s [N, 1].
func (d *Discriminator) afterConv1(a1 *autograd.Value) *autograd.Value {
	n := a1.Shape()[0]
	h := autograd.LeakyReLU(a1, 0.2)
	h = autograd.LeakyReLU(d.BN2.Forward(d.Conv2.Forward(h)), 0.2) // 14×14 → 7×7
	return d.FC.Forward(autograd.Reshape(h, n, 2*d.Width*7*7))
}

// ANCHOR_END: dcgan_discriminator

// NewGenerator returns DCGAN's generator from inputs z of zDim values,
// with base width w, its weights drawn from rng (see initDCGAN).
func NewGenerator(zDim, w int, rng *tensor.RNG) *Generator {
	if zDim < 1 || w < 1 {
		panic(fmt.Sprintf("gan: generator with input %d, width %d: want positive sizes", zDim, w))
	}
	g := &Generator{
		ZDim: zDim, Width: w,
		FC:  nn.NewLinear(zDim, 2*w*7*7, rng),
		BN0: nn.NewBatchNorm(2 * w),
		Up1: nn.NewConvTranspose2d(2*w, w, 4, 2, 1, rng),
		BN1: nn.NewBatchNorm(w),
		Up2: nn.NewConvTranspose2d(w, 1, 4, 2, 1, rng),
	}
	initDCGAN(g, rng)
	return g
}

// NewDiscriminator returns DCGAN's discriminator for one-channel images,
// with base width w, its weights drawn from rng (see initDCGAN).
func NewDiscriminator(w int, rng *tensor.RNG) *Discriminator {
	if w < 1 {
		panic(fmt.Sprintf("gan: discriminator with width %d: want a positive width", w))
	}
	d := &Discriminator{
		Width: w,
		Conv1: nn.NewConv2d(1, w, 4, 2, 1, rng),
		Conv2: nn.NewConv2d(w, 2*w, 4, 2, 1, rng),
		BN2:   nn.NewBatchNorm(2 * w),
		FC:    nn.NewLinear(2*w*7*7, 1, rng),
	}
	initDCGAN(d, rng)
	return d
}

// initDCGAN sets the weights as Radford et al. did: every weight of a
// linear or convolutional layer from N(0, 0.02²), biases 0, and each
// BatchNorm's scale γ from N(1, 0.02²).
func initDCGAN(m nn.Module, rng *tensor.RNG) {
	for _, p := range m.Params() {
		switch name := p.Name; {
		case strings.HasSuffix(name, ".W"):
			nn.Normal(p.V.Data, 0.02, rng)
		case strings.HasSuffix(name, ".b"):
			copy(p.V.Data.Data, make([]float64, p.V.Data.Size()))
		case strings.HasSuffix(name, ".gamma"):
			nn.Normal(p.V.Data, 0.02, rng)
			for i := range p.V.Data.Data {
				p.V.Data.Data[i]++
			}
		}
	}
}

// Children names the layers for parameter files.
func (g *Generator) Children() []nn.Child {
	return []nn.Child{
		{Name: "fc", M: g.FC}, {Name: "bn0", M: g.BN0},
		{Name: "up1", M: g.Up1}, {Name: "bn1", M: g.BN1},
		{Name: "up2", M: g.Up2},
	}
}

// Params lists every weight, bias and BatchNorm statistic, named by layer.
func (g *Generator) Params() []nn.Param { return nn.Nest(g.Children()...) }

// Children names the layers for parameter files.
func (d *Discriminator) Children() []nn.Child {
	return []nn.Child{
		{Name: "conv1", M: d.Conv1}, {Name: "conv2", M: d.Conv2},
		{Name: "bn2", M: d.BN2}, {Name: "fc", M: d.FC},
	}
}

// Params lists every weight, bias and BatchNorm statistic, named by layer.
func (d *Discriminator) Params() []nn.Param { return nn.Nest(d.Children()...) }

// Sample draws n images from the generator, z ~ N(0, I) from rng, and
// returns them as [n, 784] with pixels in [0, 1] (tanh's (-1, 1) mapped
// back), ready for the evaluation classifier or plot.ImageGrid.
//
// It samples in evaluation mode: BatchNorm normalises with the running
// statistics gathered in training rather than with the statistics of the
// batch being drawn, so an image depends on its own z only, not on which
// other images were drawn with it. The generator's mode is restored
// afterwards.
func (g *Generator) Sample(n int, rng *tensor.RNG) *tensor.Tensor {
	return g.sampleFrom(tensor.RandN(rng, n, g.ZDim))
}

// sampleFrom maps given inputs z [n, ZDim] to images [n, 784] in [0, 1],
// as Sample does: in evaluation mode, in chunks of 500 inputs, and
// without recording a graph.
func (g *Generator) sampleFrom(z *tensor.Tensor) *tensor.Tensor {
	n := z.Shape[0]
	if n == 0 {
		return tensor.New(0, data.MNISTPixels)
	}
	training := g.BN0.Training()
	nn.SetTraining(g, false)
	defer nn.SetTraining(g, training)
	images := nn.InChunks(z, 500, func(z *autograd.Value) *tensor.Tensor {
		return FromTanhRange(g.Forward(z).Data)
	})
	return images.Reshape(n, data.MNISTPixels)
}
