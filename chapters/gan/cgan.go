package gan

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// NewConditionalGenerator returns the generator of a conditional DCGAN
// (Mirza & Osindero 2014): DCGAN's generator whose input is the noise z
// followed by the label y as a one-hot vector, zDim + classes values.
func NewConditionalGenerator(zDim, classes, w int, rng *tensor.RNG) *Generator {
	return newGenerator(zDim, classes, w, rng)
}

// NewConditionalDiscriminator returns the discriminator of a conditional
// DCGAN: DCGAN's discriminator that sees, stacked on the image, one channel
// per class, all 1 in the channel of the label y and 0 in the others.
func NewConditionalDiscriminator(classes, w int, rng *tensor.RNG) *Discriminator {
	return newDiscriminator(classes, w, rng)
}

// ANCHOR: cgan

// ForwardLabels is G(z, y): the images [N, 1, 28, 28] drawn from noise z
// [N, ZDim] for the labels y, z and y one-hot concatenated,
//
//	G(z, y) = Forward([z, onehot(y)])
//
// For DCGAN's generator (Classes 0) labels must be nil and it is Forward(z).
func (g *Generator) ForwardLabels(z *autograd.Value, labels []int) *autograd.Value {
	if g.Classes == 0 && labels == nil {
		return g.Forward(z)
	}
	checkLabels("generator", g.Classes, z.Shape()[0], labels)
	return g.Forward(autograd.Concat(1, z, autograd.Const(OneHot(labels, g.Classes))))
}

// ANCHOR_END: cgan

// ANCHOR: cgan_discriminator

// ForwardLabels is D(x, y)'s logit for images x [N, 1, 28, 28] and their
// labels y. The discriminator sees [x, m(y)], the image with Classes label
// maps m(y) stacked on it (LabelMaps), so its first layer's filters
// have a part W_x over the image and a part W_y (LabelW) over the labels.
// A convolution is linear in its input channels,
//
//	conv([x, m(y)]; [W_x, W_y]) = conv(x; W_x) + conv(m(y); W_y)
//
// and the second term can take only Classes values, one per digit: they
// are computed once per batch, from the Classes one-hot images, and each
// example gets the one of its label. That is exactly the concatenation,
// at the cost of a convolution of Classes images rather than of N images
// with 1 + Classes channels. The rest is DCGAN's discriminator.
//
// For DCGAN's discriminator (Classes 0) labels must be nil and it is
// Forward(x).
func (d *Discriminator) ForwardLabels(x *autograd.Value, labels []int) *autograd.Value {
	if d.Classes == 0 && labels == nil {
		return d.Forward(x)
	}
	n, w := x.Shape()[0], d.Width
	checkLabels("discriminator", d.Classes, n, labels)
	// conv(m(k); W_y) for k = 0, 1, ..., Classes-1: [Classes, w, 14, 14]
	perClass := autograd.Conv2d(autograd.Const(LabelMaps(allClasses(d.Classes), d.Classes)), d.LabelW, 2, 1)
	labelTerm := autograd.Rows(autograd.Reshape(perClass, d.Classes, w*14*14), labels)
	h := autograd.Add(d.Conv1.Forward(x), autograd.Reshape(labelTerm, n, w, 14, 14))
	h = autograd.LeakyReLU(h, 0.2)                                 // 28×28 → 14×14
	h = autograd.LeakyReLU(d.BN2.Forward(d.Conv2.Forward(h)), 0.2) // 14×14 → 7×7
	return d.FC.Forward(autograd.Reshape(h, n, 2*w*7*7))
}

// ANCHOR_END: cgan_discriminator

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
	const hw = Side * Side
	t := tensor.New(len(labels), classes, Side, Side)
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
	if classes == 0 {
		panic(fmt.Sprintf("gan: an unconditional %s was given labels", who))
	}
	if len(labels) != n {
		panic(fmt.Sprintf("gan: conditional %s: %d labels for %d examples", who, len(labels), n))
	}
	for i, y := range labels {
		if y < 0 || y >= classes {
			panic(fmt.Sprintf("gan: conditional %s: label %d of example %d is outside [0, %d)", who, y, i, classes))
		}
	}
}

// SampleDigits draws one image of each requested digit from a conditional
// generator, z ~ N(0, I) from rng, as [len(labels), 784] with pixels in
// [0, 1], in evaluation mode (see Sample). It panics for DCGAN's
// unconditional generator or a label outside [0, Classes).
func (g *Generator) SampleDigits(labels []int, rng *tensor.RNG) *tensor.Tensor {
	checkLabels("generator", g.Classes, len(labels), labels)
	return g.sampleFrom(tensor.RandN(rng, len(labels), g.ZDim), labels)
}
