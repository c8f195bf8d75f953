// Package labelcond is an exercise: feeding a class label to a conditional
// GAN's generator and discriminator.
//
// Mirza & Osindero (2014, "Conditional Generative Adversarial Nets") make
// both networks see the label y as an extra input: G(z, y) draws a sample
// of class y, and D(x, y) judges whether x is a real sample of class y.
// The label enters as a one-hot vector of Classes numbers, 1 at its class
// and 0 elsewhere (the paper's MNIST model uses exactly that, for the ten
// digits).
//
// For a generator that starts with a linear layer, the label is
// concatenated to each noise vector: noise [N, zdim] and N labels give the
// input [N, zdim + Classes], row i being z_i followed by onehot(y_i).
//
// A convolutional discriminator takes images, so the one-hot vector is
// spread over the image plane instead: Classes extra channels, channel k
// filled with onehot(y)_k at every pixel, stacked after the image's own
// channel. A grey-scale image [1, H, W] of label y becomes [1 + Classes,
// H, W]: channel 0 is the image, channel 1 + y is all ones, the other
// channels all zeros. For MNIST that is [N, 1, 28, 28] → [N, 11, 28, 28].
//
// Bad input is the caller's mistake but an easy one to make (a label 10
// from a 1-based data set, a label slice of the wrong length); these
// functions report it as an error, never a panic, and never return a
// tensor with an error.
package labelcond

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// Classes is the number of labels: the ten digits of MNIST.
const Classes = 10

// ConditionNoise returns the generator's input for noise z of shape
// [N, zdim] and one label in [0, Classes) per row: a new tensor
// [N, zdim + Classes] whose row i is z's row i followed by the one-hot
// vector of labels[i]. z is left unchanged. It returns an error if z is
// nil or not two-dimensional, if len(labels) is not N, or if a label is
// outside [0, Classes).
func ConditionNoise(z *tensor.Tensor, labels []int) (*tensor.Tensor, error) {
	if z == nil || len(z.Shape) != 2 {
		return nil, fmt.Errorf("labelcond: noise of shape %v; want [N, zdim]", shapeOf(z))
	}
	n, zdim := z.Shape[0], z.Shape[1]
	if err := checkLabels(labels, n); err != nil {
		return nil, err
	}
	width := zdim + Classes
	out := tensor.New(n, width)
	for i := 0; i < n; i++ {
		row := out.Data[i*width : (i+1)*width]
		copy(row, z.Data[i*zdim:(i+1)*zdim])
		row[zdim+labels[i]] = 1
	}
	return out, nil
}

// ConditionImages returns the discriminator's input for grey-scale images
// x of shape [N, 1, H, W] and one label in [0, Classes) per image: a new
// tensor [N, 1 + Classes, H, W] whose image i has x's image i in channel
// 0, ones in channel 1 + labels[i] and zeros in every other channel. x is
// left unchanged. It returns an error if x is nil or not of shape
// [N, 1, H, W], if len(labels) is not N, or if a label is outside
// [0, Classes).
func ConditionImages(x *tensor.Tensor, labels []int) (*tensor.Tensor, error) {
	if x == nil || len(x.Shape) != 4 || x.Shape[1] != 1 {
		return nil, fmt.Errorf("labelcond: images of shape %v; want [N, 1, H, W]", shapeOf(x))
	}
	n, h, w := x.Shape[0], x.Shape[2], x.Shape[3]
	if err := checkLabels(labels, n); err != nil {
		return nil, err
	}
	const channels = 1 + Classes
	hw := h * w
	out := tensor.New(n, channels, h, w)
	for i := 0; i < n; i++ {
		img := out.Data[i*channels*hw : (i+1)*channels*hw]
		copy(img[:hw], x.Data[i*hw:(i+1)*hw]) // channel 0: the image
		plane := img[(1+labels[i])*hw : (2+labels[i])*hw]
		for p := range plane {
			plane[p] = 1
		}
	}
	return out, nil
}

// checkLabels reports an error unless there are n labels, each in
// [0, Classes).
func checkLabels(labels []int, n int) error {
	if len(labels) != n {
		return fmt.Errorf("labelcond: %d labels for %d examples", len(labels), n)
	}
	for i, y := range labels {
		if y < 0 || y >= Classes {
			return fmt.Errorf("labelcond: label %d of example %d is outside [0, %d)", y, i, Classes)
		}
	}
	return nil
}

// shapeOf is t's shape, or nil for a nil tensor.
func shapeOf(t *tensor.Tensor) []int {
	if t == nil {
		return nil
	}
	return t.Shape
}
