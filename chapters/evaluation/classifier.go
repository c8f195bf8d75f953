// Package evaluation is the chapter on measuring generative models. Its
// code trains the book's own MNIST classifier, whose penultimate features
// and class probabilities turn lib/metrics' Fréchet distance and Inception
// Score into "MNIST-FID" and "MNIST-IS": numbers that compare the book's
// models with each other (they are not the Inception-network FID and IS
// that papers report on ImageNet-like data).
package evaluation

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// FeatureDim is the width of the classifier's penultimate layer: the
// features whose Gaussians MNIST-FID compares.
const FeatureDim = 128

// ANCHOR: classifier

// Classifier is a small convolutional network for 28×28 digits:
//
//	x [N,1,28,28] → conv 5×5/2, 32 ch, BatchNorm, ReLU → [N,32,14,14]
//	              → conv 5×5/2, 64 ch, BatchNorm, ReLU → [N,64,7,7]
//	              → flatten → linear 3136→128, ReLU = features f(x)
//	              → linear 128→10 = logits
//
// Strided convolutions halve the resolution where other networks would
// pool, and batch normalisation keeps each channel's scale steady while
// the weights move, so that a few passes over the data are enough. The
// features f(x) play the role that Inception-v3's 2048-wide pool
// layer plays in FID: a summary of the image in terms the classifier found
// useful for telling digits apart.
type Classifier struct {
	Conv1, Conv2 *nn.Conv2d
	BN1, BN2     *nn.BatchNorm
	FC1, FC2     *nn.Linear
}

// ANCHOR_END: classifier

// NewClassifier builds the network with weights drawn from rng.
func NewClassifier(rng *tensor.RNG) *Classifier {
	return &Classifier{
		Conv1: nn.NewConv2d(1, 32, 5, 2, 2, rng),
		Conv2: nn.NewConv2d(32, 64, 5, 2, 2, rng),
		BN1:   nn.NewBatchNorm(32),
		BN2:   nn.NewBatchNorm(64),
		FC1:   nn.NewLinear(64*7*7, FeatureDim, rng),
		FC2:   nn.NewLinear(FeatureDim, 10, rng),
	}
}

// ANCHOR: features

// Features maps images x [N, 784] (grey levels in [0, 1]) to the
// penultimate activations [N, FeatureDim].
func (c *Classifier) Features(x *autograd.Value) *autograd.Value {
	n := x.Data.Shape[0]
	h := autograd.Reshape(x, n, 1, data.MNISTSide, data.MNISTSide)
	h = autograd.ReLU(c.BN1.Forward(c.Conv1.Forward(h)))
	h = autograd.ReLU(c.BN2.Forward(c.Conv2.Forward(h)))
	h = autograd.Reshape(h, n, 64*7*7)
	return autograd.ReLU(c.FC1.Forward(h))
}

// Forward maps images x [N, 784] to logits [N, 10].
func (c *Classifier) Forward(x *autograd.Value) *autograd.Value {
	return c.FC2.Forward(c.Features(x))
}

// ANCHOR_END: features

// Children names the layers for parameter files.
func (c *Classifier) Children() []nn.Child {
	return []nn.Child{
		{Name: "conv1", M: c.Conv1}, {Name: "bn1", M: c.BN1},
		{Name: "conv2", M: c.Conv2}, {Name: "bn2", M: c.BN2},
		{Name: "fc1", M: c.FC1}, {Name: "fc2", M: c.FC2},
	}
}

// Params lists every weight and bias, named by layer.
func (c *Classifier) Params() []nn.Param { return nn.Nest(c.Children()...) }

// Embed runs images [N, 784] through the network in evaluation mode
// (BatchNorm uses its running statistics, so an image's features do not
// depend on the others in its chunk) without recording a graph, in chunks
// to keep memory small, and returns their features [N, FeatureDim] and
// class probabilities [N, 10]. The network is left in evaluation mode.
func (c *Classifier) Embed(images *tensor.Tensor) (features, probs *tensor.Tensor) {
	if len(images.Shape) != 2 || images.Shape[1] != data.MNISTPixels {
		panic(fmt.Sprintf("evaluation: Embed wants images [N, %d], got %v", data.MNISTPixels, images.Shape))
	}
	nn.SetTraining(c, false)
	features = nn.InChunks(images, 500, func(x *autograd.Value) *tensor.Tensor { return c.Features(x).Data })
	probs = tensor.Softmax(c.FC2.Forward(autograd.NoGrad(features)).Data)
	return features, probs
}

// Predict returns the most likely class of each image [N, 784].
func (c *Classifier) Predict(images *tensor.Tensor) []int {
	_, p := c.Embed(images)
	return tensor.ArgMax(p)
}
