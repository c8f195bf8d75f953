package gan

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: input_gradient

// InputGradient returns ∇ₓf(x) [N, in], the gradient of the critic's
// output f with respect to each row of x, as a graph over the critic's
// weights, so that a loss on it (the gradient penalty) can itself be
// differentiated with respect to those weights. For the MLP
// f(x) = a_L, a_l = h_{l-1}·W_l + b_l, h_l = LeakyReLU(a_l), h_0 = x,
// the chain rule runs backwards from ∂f/∂a_L = 1:
//
//	∂f/∂h_{l-1} = ∂f/∂a_l · W_lᵀ,   ∂f/∂a_{l-1} = ∂f/∂h_{l-1} ⊙ m_{l-1},
//
// where m_l is LeakyReLU's slope at a_l (1 where a_l > 0, the slope
// elsewhere). The slopes are piecewise constant, so they enter as
// constants: their derivative is zero wherever it exists.
func (d *RingDiscriminator) InputGradient(x *tensor.Tensor) *autograd.Value {
	linears, slopes := d.layers()
	masks := make([]*tensor.Tensor, len(linears)-1)
	h := autograd.NoGrad(x)
	for l, lin := range linears[:len(linears)-1] {
		a := lin.Forward(h)
		masks[l] = leakySlope(a.Data, slopes[l])
		h = autograd.LeakyReLU(a, slopes[l])
	}
	g := autograd.Const(tensor.Full(1, x.Dim(0), 1)) // ∂f/∂a_L
	for l := len(linears) - 1; l >= 0; l-- {
		g = autograd.MatMul(g, autograd.Transpose(linears[l].W, 1, 0)) // ∂f/∂h_{l-1}
		if l > 0 {
			g = autograd.Mul(g, autograd.Const(masks[l-1])) // ∂f/∂a_{l-1}
		}
	}
	return g
}

// ANCHOR_END: input_gradient

// layers returns the critic's Linear layers and the slope of the
// LeakyReLU after each but the last, and panics if the network is not
// such an MLP.
func (d *RingDiscriminator) layers() ([]*nn.Linear, []float64) {
	var linears []*nn.Linear
	var slopes []float64
	for i, layer := range d.Net.Layers {
		switch l := layer.(type) {
		case *nn.Linear:
			if len(linears) != len(slopes) {
				panic(fmt.Sprintf("gan: InputGradient: layer %d: two Linear layers in a row", i))
			}
			linears = append(linears, l)
		case nn.LeakyReLU:
			if len(linears) != len(slopes)+1 {
				panic(fmt.Sprintf("gan: InputGradient: layer %d: an activation not after a Linear layer", i))
			}
			slopes = append(slopes, l.Slope)
		default:
			panic(fmt.Sprintf("gan: InputGradient: layer %d is %T, want Linear or LeakyReLU", i, layer))
		}
	}
	if len(linears) == 0 || len(linears) != len(slopes)+1 {
		panic("gan: InputGradient: want Linear (LeakyReLU Linear)* layers")
	}
	return linears, slopes
}

// leakySlope is LeakyReLU's derivative at each entry of a: 1 where a > 0,
// slope elsewhere.
func leakySlope(a *tensor.Tensor, slope float64) *tensor.Tensor {
	m := tensor.ZerosLike(a)
	for i, v := range a.Data {
		if v > 0 {
			m.Data[i] = 1
		} else {
			m.Data[i] = slope
		}
	}
	return m
}

// ANCHOR: penalty

// GradientPenalty is Gulrajani et al. (2017)'s two-sided penalty
// E[(‖∇ₓf(x̂)‖ − 1)²] over the rows of grad = ∇ₓf(x̂) [N, in]. A small
// constant under the square root keeps its derivative finite where the
// gradient vanishes.
func GradientPenalty(grad *autograd.Value) *autograd.Value {
	norm := autograd.Sqrt(autograd.AddScalar(autograd.SumAxis(autograd.Square(grad), 1, false), 1e-12))
	return autograd.Mean(autograd.Square(autograd.AddScalar(norm, -1)))
}

// ANCHOR_END: penalty
