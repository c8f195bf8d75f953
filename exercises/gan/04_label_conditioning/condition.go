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
//
// See the chapter section "Conditional GAN: ask for a digit" in
// chapters/gan/README.md.
package labelcond

import "github.com/luoxia/aigc/lib/tensor"

// Classes is the number of labels: the ten digits of MNIST.
const Classes = 10

// ConditionNoise returns the generator's input for noise z of shape
// [N, zdim] and one label in [0, Classes) per row: a new tensor
// [N, zdim + Classes] whose row i is z's row i followed by the one-hot
// vector of labels[i]. z is left unchanged. It returns an error if z is
// nil or not two-dimensional, if len(labels) is not N, or if a label is
// outside [0, Classes).
func ConditionNoise(z *tensor.Tensor, labels []int) (*tensor.Tensor, error) {
	// TODO: check everything first, then copy each row and set one 1.
	return nil, nil
}

// ConditionImages returns the discriminator's input for grey-scale images
// x of shape [N, 1, H, W] and one label in [0, Classes) per image: a new
// tensor [N, 1 + Classes, H, W] whose image i has x's image i in channel
// 0, ones in channel 1 + labels[i] and zeros in every other channel. x is
// left unchanged. It returns an error if x is nil or not of shape
// [N, 1, H, W], if len(labels) is not N, or if a label is outside
// [0, Classes).
func ConditionImages(x *tensor.Tensor, labels []int) (*tensor.Tensor, error) {
	// TODO
	return nil, nil
}
