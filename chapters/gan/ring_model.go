package gan

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: ring_models

// RingGenerator maps noise z ~ N(0, I) in R^ZDim to a point in the plane
// through an MLP with ReLU hidden layers and a linear output, so that its
// samples can land anywhere, as the data's can:
//
//	G(z) = W_L·ReLU(… ReLU(W_1·z + b_1) …) + b_L ∈ R²
type RingGenerator struct {
	Net  *nn.Sequential
	ZDim int
}

// RingDiscriminator maps a point of the plane to one logit, log D/(1-D),
// through an MLP with LeakyReLU(0.2) hidden layers (Radford et al. 2016's
// slope, so that points far from the data still pass a gradient back).
type RingDiscriminator struct {
	Net *nn.Sequential
}

// ANCHOR_END: ring_models

// NewRingGenerator builds a generator from zdim noise dimensions through
// hidden layers of the given widths to R², its weights drawn from rng.
func NewRingGenerator(zdim int, hidden []int, rng *tensor.RNG) *RingGenerator {
	if zdim < 1 {
		panic(fmt.Sprintf("gan: NewRingGenerator: zdim %d; want at least 1", zdim))
	}
	return &RingGenerator{Net: mlp(zdim, hidden, 2, nn.ReLU{}, rng), ZDim: zdim}
}

// NewRingDiscriminator builds a discriminator from R² through hidden
// layers of the given widths to one logit, its weights drawn from rng.
func NewRingDiscriminator(hidden []int, rng *tensor.RNG) *RingDiscriminator {
	return &RingDiscriminator{Net: mlp(2, hidden, 1, nn.LeakyReLU{Slope: 0.2}, rng)}
}

// mlp chains Linear layers in → hidden... → out with act between them.
func mlp(in int, hidden []int, out int, act nn.Layer, rng *tensor.RNG) *nn.Sequential {
	var layers []nn.Layer
	for _, h := range hidden {
		if h < 1 {
			panic(fmt.Sprintf("gan: hidden widths %v; want every width at least 1", hidden))
		}
		layers = append(layers, nn.NewLinear(in, h, rng), act)
		in = h
	}
	return nn.NewSequential(append(layers, nn.NewLinear(in, out, rng))...)
}

// Forward maps noise z [N, ZDim] to points [N, 2].
func (g *RingGenerator) Forward(z *autograd.Value) *autograd.Value { return g.Net.Forward(z) }

// Params lists the generator's weights and biases ("0.W", "0.b", ...).
func (g *RingGenerator) Params() []nn.Param { return g.Net.Params() }

// Sample draws n points from the generator: G(z) for n noise vectors
// z ~ N(0, I) drawn from seed, computed without recording a graph.
func (g *RingGenerator) Sample(n int, seed uint64) *tensor.Tensor {
	return g.SampleFrom(tensor.RandN(tensor.NewRNG(seed), n, g.ZDim))
}

// SampleFrom returns G(z) [N, 2] for given noise z [N, ZDim], without
// recording a graph: the same z before and after training shows where
// training moved each sample.
func (g *RingGenerator) SampleFrom(z *tensor.Tensor) *tensor.Tensor {
	return g.Forward(autograd.NoGrad(z)).Data
}

// Forward maps points x [N, 2] to logits [N, 1].
func (d *RingDiscriminator) Forward(x *autograd.Value) *autograd.Value { return d.Net.Forward(x) }

// Params lists the discriminator's weights and biases.
func (d *RingDiscriminator) Params() []nn.Param { return d.Net.Params() }

// Prob returns D(x) = σ(logit) [N, 1] for points x [N, 2], the
// probability the discriminator gives each point of being real, without
// recording a graph.
func (d *RingDiscriminator) Prob(x *tensor.Tensor) *tensor.Tensor {
	return tensor.Sigmoid(d.Forward(autograd.NoGrad(x)).Data)
}
