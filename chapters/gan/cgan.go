package gan

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: cgan

// ConditionalGenerator is the generator of a conditional DCGAN (Mirza &
// Osindero 2014): DCGAN's generator G whose input is the noise z followed
// by the label y as a one-hot vector, ZDim + Classes values,
//
//	G(z, y) = G([z, onehot(y)])
type ConditionalGenerator struct {
	ZDim, Classes int        // the noise size and the number of labels
	G             *Generator // DCGAN's generator over [z, onehot(y)]
}

// Forward maps noise z [N, ZDim] and labels y (N of them) to images
// G(z, y) [N, 1, 28, 28] in (-1, 1).
func (c *ConditionalGenerator) Forward(z *autograd.Value, y []int) *autograd.Value {
	checkLabels("generator", c.Classes, z.Shape()[0], y)
	return c.G.Forward(autograd.Concat(1, z, autograd.Const(OneHot(y, c.Classes))))
}

// ANCHOR_END: cgan

// ANCHOR: cgan_discriminator

// ConditionalDiscriminator is the discriminator of a conditional DCGAN:
// DCGAN's discriminator D that sees, stacked on the image x, one label
// map per class, all 1 in the channel of the label y and 0 in the others
// (LabelMaps). Its first layer's filters then have a part W_x over the
// image (D.Conv1) and a part W_y over the label maps (LabelW).
type ConditionalDiscriminator struct {
	Classes int             // the number of labels
	D       *Discriminator  // DCGAN's discriminator, whose first layer sees x
	LabelW  *autograd.Value // W_y, the first layer's filters over the label maps [w, Classes, 4, 4]
}

// Forward is D(x, y)'s logit s [N, 1] for images x [N, 1, 28, 28] and
// their labels y. A convolution is linear in its input channels,
//
//	conv([x, m(y)]; [W_x, W_y]) = conv(x; W_x) + conv(m(y); W_y)
//
// and the second term can take only Classes values, one per digit: they
// are computed once per batch, from the Classes one-hot label maps, and
// each example gets the one of its label. That is exactly the
// concatenation, at the cost of a convolution of Classes images rather
// than of N images with 1 + Classes channels. The rest is DCGAN's
// discriminator.
func (c *ConditionalDiscriminator) Forward(x *autograd.Value, y []int) *autograd.Value {
	n, w := x.Shape()[0], c.D.Width
	checkLabels("discriminator", c.Classes, n, y)
	// conv(m(k); W_y) for k = 0, 1, ..., Classes-1: [Classes, w, 14, 14]
	perClass := autograd.Conv2d(autograd.Const(LabelMaps(allClasses(c.Classes), c.Classes)), c.LabelW, 2, 1)
	labelTerm := autograd.Rows(autograd.Reshape(perClass, c.Classes, w*14*14), y)
	a1 := autograd.Add(c.D.Conv1.Forward(x), autograd.Reshape(labelTerm, n, w, 14, 14))
	return c.D.afterConv1(a1)
}

// ANCHOR_END: cgan_discriminator

// NewConditionalGenerator returns a conditional DCGAN's generator from
// noise of zDim values and labels in [0, classes), with base width w.
func NewConditionalGenerator(zDim, classes, w int, rng *tensor.RNG) *ConditionalGenerator {
	if zDim < 1 || classes < 1 {
		panic(fmt.Sprintf("gan: conditional generator with noise %d, classes %d: want positive sizes", zDim, classes))
	}
	return &ConditionalGenerator{ZDim: zDim, Classes: classes, G: NewGenerator(zDim+classes, w, rng)}
}

// NewConditionalDiscriminator returns a conditional DCGAN's discriminator
// for labels in [0, classes), with base width w; the label filters are
// drawn as DCGAN's other weights are, from N(0, 0.02²).
func NewConditionalDiscriminator(classes, w int, rng *tensor.RNG) *ConditionalDiscriminator {
	if classes < 1 {
		panic(fmt.Sprintf("gan: conditional discriminator with %d classes: want at least 1", classes))
	}
	c := &ConditionalDiscriminator{Classes: classes, D: NewDiscriminator(w, rng)}
	c.LabelW = autograd.Param(tensor.New(w, classes, 4, 4))
	nn.Normal(c.LabelW.Data, 0.02, rng)
	return c
}

// Children names the layers for parameter files: those of DCGAN's
// generator, under the same names.
func (c *ConditionalGenerator) Children() []nn.Child { return c.G.Children() }

// Params lists every weight, bias and BatchNorm statistic, named by layer.
func (c *ConditionalGenerator) Params() []nn.Param { return c.G.Params() }

// Children names the layers for parameter files: those of DCGAN's
// discriminator, under the same names.
func (c *ConditionalDiscriminator) Children() []nn.Child { return c.D.Children() }

// Params lists DCGAN's discriminator's tensors and the label filters, as
// "label.W".
func (c *ConditionalDiscriminator) Params() []nn.Param {
	return append(c.D.Params(), nn.Param{Name: "label.W", V: c.LabelW})
}

// OneHot returns the labels as rows of an [N, classes] matrix: row i is 1
// at column labels[i] and 0 elsewhere.
func OneHot(labels []int, classes int) *tensor.Tensor {
	t := tensor.New(len(labels), classes)
	for i, y := range labels {
		t.Data[i*classes+y] = 1
	}
	return t
}

// LabelMaps returns the labels as [N, classes, 28, 28] images: image i is
// 1 everywhere in channel labels[i] and 0 in the other channels.
func LabelMaps(labels []int, classes int) *tensor.Tensor {
	const hw = data.MNISTPixels
	t := tensor.New(len(labels), classes, data.MNISTSide, data.MNISTSide)
	for i, y := range labels {
		ch := t.Data[(i*classes+y)*hw:][:hw]
		for j := range ch {
			ch[j] = 1
		}
	}
	return t
}

// allClasses is 0, 1, ..., classes-1.
func allClasses(classes int) []int {
	ks := make([]int, classes)
	for k := range ks {
		ks[k] = k
	}
	return ks
}

// checkLabels panics unless there is one label in [0, classes) per example
// of a conditional model.
func checkLabels(who string, classes, n int, labels []int) {
	if len(labels) != n {
		panic(fmt.Sprintf("gan: conditional %s: %d labels for %d examples", who, len(labels), n))
	}
	for i, y := range labels {
		if y < 0 || y >= classes {
			panic(fmt.Sprintf("gan: conditional %s: label %d of example %d is outside [0, %d)", who, y, i, classes))
		}
	}
}

// Sample draws n images from the generator, z ~ N(0, I) from rng, asking
// for the labels 0, 1, ..., Classes-1, 0, 1, ... in turn, as [n, 784] with
// pixels in [0, 1], in evaluation mode (see Generator.Sample).
// SampleDigits chooses the labels.
func (c *ConditionalGenerator) Sample(n int, rng *tensor.RNG) *tensor.Tensor {
	labels := make([]int, n)
	for i := range labels {
		labels[i] = i % c.Classes
	}
	return c.sampleFrom(tensor.RandN(rng, n, c.ZDim), labels)
}

// SampleDigits draws one image of each requested digit, z ~ N(0, I) from
// rng, as [len(labels), 784] with pixels in [0, 1], in evaluation mode
// (see Generator.Sample). It panics for a label outside [0, Classes).
func (c *ConditionalGenerator) SampleDigits(labels []int, rng *tensor.RNG) *tensor.Tensor {
	return c.sampleFrom(tensor.RandN(rng, len(labels), c.ZDim), labels)
}

// sampleFrom maps given noise z [n, ZDim] and labels to images [n, 784]
// in [0, 1], as SampleDigits does: through DCGAN's generator, whose input
// is [z, onehot(y)].
func (c *ConditionalGenerator) sampleFrom(z *tensor.Tensor, labels []int) *tensor.Tensor {
	checkLabels("generator", c.Classes, z.Shape[0], labels)
	return c.G.sampleFrom(tensor.Concat(1, z, OneHot(labels, c.Classes)))
}
