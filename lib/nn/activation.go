package nn

import "github.com/luoxia/aigc/lib/autograd"

// The activations below wrap the elementwise functions of lib/autograd
// (where each one's derivative sits beside it) as Layers, so a Sequential
// can hold them. They have no parameters and no state: use the zero value,
// nn.ReLU{}, or nn.LeakyReLU{Slope: 0.2}.

// ReLU is max(0, x) (Nair & Hinton 2010), the default hidden activation.
type ReLU struct{}

// Forward returns max(0, x).
func (ReLU) Forward(x *autograd.Value) *autograd.Value { return autograd.ReLU(x) }

// Params is empty.
func (ReLU) Params() []Param { return nil }

// LeakyReLU is x for x > 0 and Slope·x otherwise, so negative inputs still
// pass a gradient; GAN discriminators use Slope 0.2 (Radford et al. 2015).
type LeakyReLU struct {
	Slope float64
}

// Forward returns x for x > 0 and Slope·x otherwise.
func (l LeakyReLU) Forward(x *autograd.Value) *autograd.Value { return autograd.LeakyReLU(x, l.Slope) }

// Params is empty.
func (LeakyReLU) Params() []Param { return nil }

// GELU is x·Φ(x), Φ the standard normal CDF (Hendrycks & Gimpel 2016): a
// smooth ReLU that Transformers use.
type GELU struct{}

// Forward returns x·Φ(x).
func (GELU) Forward(x *autograd.Value) *autograd.Value { return autograd.GELU(x) }

// Params is empty.
func (GELU) Params() []Param { return nil }

// Tanh squashes to (-1, 1); DCGAN's generator ends with it to produce
// pixels scaled to [-1, 1].
type Tanh struct{}

// Forward returns tanh(x).
func (Tanh) Forward(x *autograd.Value) *autograd.Value { return autograd.Tanh(x) }

// Params is empty.
func (Tanh) Params() []Param { return nil }

// Sigmoid is σ(x) = 1/(1+e^-x), squashing to (0, 1): a probability.
// For a loss on probabilities prefer BCEWithLogits on the raw x.
type Sigmoid struct{}

// Forward returns σ(x).
func (Sigmoid) Forward(x *autograd.Value) *autograd.Value { return autograd.Sigmoid(x) }

// Params is empty.
func (Sigmoid) Params() []Param { return nil }

// SiLU is x·σ(x) (also called swish), used in diffusion U-Nets.
type SiLU struct{}

// Forward returns x·σ(x).
func (SiLU) Forward(x *autograd.Value) *autograd.Value { return autograd.SiLU(x) }

// Params is empty.
func (SiLU) Params() []Param { return nil }
