// Package gradpen is the reference solution of the gradient penalty.
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
	// Forward, keeping LeakyReLU's slope at each pre-activation: 1 where
	// it is positive, slope elsewhere.
	masks := make([]*tensor.Tensor, len(layers)-1)
	h := autograd.NoGrad(x)
	for l, lin := range layers[:len(layers)-1] {
		a := lin.Forward(h)
		m := tensor.ZerosLike(a.Data)
		for i, v := range a.Data.Data {
			m.Data[i] = slope
			if v > 0 {
				m.Data[i] = 1
			}
		}
		masks[l] = m
		h = autograd.LeakyReLU(a, slope)
	}
	// Backward as a forward graph: ∂f/∂h_{l-1} = ∂f/∂a_l · W_lᵀ, then times
	// the slopes of layer l-1.
	g := autograd.Const(tensor.Full(1, x.Dim(0), 1))
	for l := len(layers) - 1; l >= 0; l-- {
		g = autograd.MatMul(g, autograd.Transpose(layers[l].W, 1, 0))
		if l > 0 {
			g = autograd.Mul(g, autograd.Const(masks[l-1]))
		}
	}
	return g
}

// Penalty returns the two-sided gradient penalty, the mean over the rows
// of grad [N, in] of the squared difference between the row's Euclidean
// norm and 1, as a scalar Value. Its own gradient must stay finite where
// a row of grad is zero.
func Penalty(grad *autograd.Value) *autograd.Value {
	norm := autograd.Sqrt(autograd.AddScalar(autograd.SumAxis(autograd.Square(grad), 1, false), 1e-12))
	return autograd.Mean(autograd.Square(autograd.AddScalar(norm, -1)))
}
