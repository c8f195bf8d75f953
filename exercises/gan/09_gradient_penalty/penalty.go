// Package gradpen is an exercise: the gradient penalty of a Wasserstein
// GAN (Gulrajani et al. 2017), whose loss is a function of the critic's
// gradient with respect to its input, and which must itself be
// differentiated with respect to the critic's weights.
//
// The library's autograd records a forward pass, not its own backward
// pass, so Backward cannot differentiate a gradient it computed. Write
// the critic's input gradient as a forward graph instead, from the
// chain rule through the critic's layers, as the chapter's section "A
// Wasserstein GAN with gradient penalty" explains, then the penalty on
// its norm. The critic is an MLP: Linear layers with a LeakyReLU of the
// given slope between each two, and no activation after the last, which
// outputs one score per point.
package gradpen

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// InputGradient returns ∇ₓf(x) [N, in], the gradient of the critic's
// score f with respect to each row of x [N, in], as a Value whose
// Backward reaches the weights of the layers (layers[0] first; a
// LeakyReLU of the given slope follows every layer but the last, whose
// output width is 1).
func InputGradient(layers []*nn.Linear, slope float64, x *tensor.Tensor) *autograd.Value {
	// TODO: run forward to learn where each LeakyReLU is, then the chain
	// rule backwards from the score, with autograd operations.
	return autograd.Const(tensor.ZerosLike(x))
}

// Penalty returns the two-sided gradient penalty, the mean over the rows
// of grad [N, in] of the squared difference between the row's Euclidean
// norm and 1, as a scalar Value. Its own gradient must stay finite where
// a row of grad is zero.
func Penalty(grad *autograd.Value) *autograd.Value {
	// TODO
	return autograd.Const(tensor.Full(0, 1))
}
