package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ToyConfig is the shape of ToyDenoiser.
type ToyConfig struct {
	Dim    int // the data's dimension (2)
	Emb    int // the time embedding's width (even)
	Hidden int // the width of every hidden layer
	Layers int // hidden layers, at least 1
	// LearnVariance adds Dim outputs, v, for the learned variance
	// Σ_θ = exp(v log β_t + (1 − v) log β̃_t).
	LearnVariance bool
}

// DefaultToyConfig is the 2-D denoiser the chapter trains: three hidden
// layers of 128 with a time embedding of 32, about 55,000 weights.
func DefaultToyConfig() ToyConfig {
	return ToyConfig{Dim: 2, Emb: 32, Hidden: 128, Layers: 3}
}

// ToyDenoiser is ε_θ(x_t, t) for low-dimensional data: an MLP with SiLU
// activations that reads x_t and, at every hidden layer, the embedding of
// t through a layer of its own,
//
//	h_1 = SiLU(x_t W_0 + e(t) P_0 + b_0),   h_{l+1} = SiLU(h_l W_l + e(t) P_l + b_l),
//
// so that every layer knows how much noise it is looking at. Its output is
// ε̂ [N, Dim], followed by v [N, Dim] when the variance is learnt.
type ToyDenoiser struct {
	Cfg  ToyConfig
	In   []*nn.Linear // W_l and b_l: from x_t, then from h_l
	Time []*nn.Linear // P_l, without bias: from e(t)
	Out  *nn.Linear
}

// NewToyDenoiser returns a ToyDenoiser of cfg's shape with weights from rng.
func NewToyDenoiser(cfg ToyConfig, rng *tensor.RNG) (*ToyDenoiser, error) {
	if cfg.Dim < 1 || cfg.Hidden < 1 || cfg.Layers < 1 || cfg.Emb < 2 || cfg.Emb%2 != 0 {
		return nil, fmt.Errorf("diffusion: ToyConfig %+v: want Dim, Hidden and Layers ≥ 1 and an even Emb ≥ 2", cfg)
	}
	m := &ToyDenoiser{Cfg: cfg}
	in := cfg.Dim
	for l := 0; l < cfg.Layers; l++ {
		m.In = append(m.In, nn.NewLinear(in, cfg.Hidden, rng))
		m.Time = append(m.Time, nn.NewLinearNoBias(cfg.Emb, cfg.Hidden, rng))
		in = cfg.Hidden
	}
	out := cfg.Dim
	if cfg.LearnVariance {
		out *= 2
	}
	m.Out = nn.NewLinear(cfg.Hidden, out, rng)
	return m, nil
}

// ANCHOR: toy_forward

// Forward returns the network's output for x_t [N, Dim] at the steps t.
func (m *ToyDenoiser) Forward(xt *autograd.Value, t []int) *autograd.Value {
	if s := xt.Shape(); len(s) != 2 || s[1] != m.Cfg.Dim || s[0] != len(t) {
		panic(fmt.Sprintf("diffusion: ToyDenoiser: x_t %v for %d steps; want [%d, %d]", s, len(t), len(t), m.Cfg.Dim))
	}
	e := autograd.Const(TimeEmbedding(t, m.Cfg.Emb))
	h := xt
	for l := range m.In {
		h = autograd.SiLU(autograd.Add(m.In[l].Forward(h), m.Time[l].Forward(e)))
	}
	return m.Out.Forward(h)
}

// ANCHOR_END: toy_forward

// Children lists the layers, for nn.Values, saving and loading.
func (m *ToyDenoiser) Children() []nn.Child {
	var c []nn.Child
	for l := range m.In {
		c = append(c, nn.Child{Name: fmt.Sprintf("in%d", l), M: m.In[l]}, nn.Child{Name: fmt.Sprintf("time%d", l), M: m.Time[l]})
	}
	return append(c, nn.Child{Name: "out", M: m.Out})
}

// Params returns every weight, named by layer.
func (m *ToyDenoiser) Params() []nn.Param { return nn.Nest(m.Children()...) }
