package nn

import (
	"strconv"

	"github.com/luoxia/aigc/lib/autograd"
)

// Sequential applies its layers one after another: the output of each is
// the input of the next. An MLP is a Sequential of Linear layers with
// activations between them:
//
//	mlp := nn.NewSequential(nn.NewLinear(2, 16, rng), nn.ReLU{}, nn.NewLinear(16, 1, rng))
//
// Its tensors are named after the layers' positions ("0.W", "0.b", "2.W",
// ...), as PyTorch names them, and a Sequential is itself a Layer, so
// Sequentials nest.
type Sequential struct {
	Layers []Layer
}

// NewSequential chains the given layers.
func NewSequential(layers ...Layer) *Sequential {
	return &Sequential{Layers: append([]Layer(nil), layers...)}
}

// Forward passes x through every layer in order.
func (s *Sequential) Forward(x *autograd.Value) *autograd.Value {
	for _, l := range s.Layers {
		x = l.Forward(x)
	}
	return x
}

// Children names each layer by its position.
func (s *Sequential) Children() []Child {
	cs := make([]Child, len(s.Layers))
	for i, l := range s.Layers {
		cs[i] = Child{Name: strconv.Itoa(i), M: l}
	}
	return cs
}

// Params lists every layer's tensors, prefixed with the layer's position.
func (s *Sequential) Params() []Param { return Nest(s.Children()...) }
