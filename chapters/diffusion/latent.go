package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// Latent diffusion (Rombach et al. 2022, the idea under Stable Diffusion)
// does not diffuse pixels. An autoencoder, trained once and then frozen,
// maps each image x to a short code z = μ(x); a diffusion model learns the
// distribution of the codes, and a sample z_0 is turned back into an image
// by the decoder. The denoiser only ever sees codes: for MNIST and the VAE
// chapter's convolutional VAE, 20 numbers instead of 784 pixels, which a
// small MLP can denoise, where pixels needed a U-Net.

// LatentConfig is the shape of LatentDenoiser.
type LatentConfig struct {
	Dim    int // the code's size J (20 for the VAE chapter's models)
	Emb    int // the time embedding's width (even)
	Hidden int // the width of every hidden layer
	Layers int // hidden layers, at least 1
	// Classes, when above 0, makes the network class-conditional: it reads
	// a label 0..Classes−1, or Classes for "no label", which it learns by
	// label dropout for classifier-free guidance.
	Classes int
}

// DefaultLatentConfig is the denoiser of the VAE's 20-number codes of
// MNIST digits: three hidden layers of 256, a time embedding of 64,
// conditioned on the ten digits.
func DefaultLatentConfig() LatentConfig {
	return LatentConfig{Dim: 20, Emb: 64, Hidden: 256, Layers: 3, Classes: 10}
}

// LatentDenoiser is ε_θ(z_t, t, y) for codes: ToyDenoiser's MLP with SiLU
// activations, the step's embedding entering every hidden layer through a
// projection of its own, and the label's embedding E[y] (a row of one
// table of Classes+1 rows, the last for ∅) added to every hidden layer too,
//
//	h_1 = SiLU(z_t W_0 + e(t) P_0 + E[y] + b_0),
//	h_{l+1} = SiLU(h_l W_l + e(t) P_l + E[y] + b_l),   ε̂ = h_L W_out + b_out.
//
// The label is thus a class-dependent shift of every layer's
// pre-activation, as the step is a step-dependent one, so that no layer
// has to carry the class forward from the first: each layer's own W_l
// decides what to make of it. One table for all layers costs
// (Classes+1)·Hidden weights, 2,816 for the default network.
type LatentDenoiser struct {
	Cfg   LatentConfig
	In    []*nn.Linear  // W_l and b_l: from z_t, then from h_l
	Time  []*nn.Linear  // P_l, without bias: from e(t)
	Label *nn.Embedding // E: Classes+1 rows of [Hidden]; nil if unconditional
	Out   *nn.Linear
}

// NewLatentDenoiser returns a LatentDenoiser of cfg's shape with weights
// from rng.
func NewLatentDenoiser(cfg LatentConfig, rng *tensor.RNG) (*LatentDenoiser, error) {
	if cfg.Dim < 1 || cfg.Hidden < 1 || cfg.Layers < 1 || cfg.Emb < 2 || cfg.Emb%2 != 0 || cfg.Classes < 0 {
		return nil, fmt.Errorf("diffusion: LatentConfig %+v: want Dim, Hidden and Layers ≥ 1, an even Emb ≥ 2 and Classes ≥ 0", cfg)
	}
	m := &LatentDenoiser{Cfg: cfg}
	in := cfg.Dim
	for l := 0; l < cfg.Layers; l++ {
		m.In = append(m.In, nn.NewLinear(in, cfg.Hidden, rng))
		m.Time = append(m.Time, nn.NewLinearNoBias(cfg.Emb, cfg.Hidden, rng))
		in = cfg.Hidden
	}
	if cfg.Classes > 0 {
		m.Label = nn.NewEmbedding(cfg.Classes+1, cfg.Hidden, rng)
	}
	m.Out = nn.NewLinear(cfg.Hidden, cfg.Dim, rng)
	return m, nil
}

// LearnsVariance reports false: the latent denoiser predicts ε̂ only.
func (m *LatentDenoiser) LearnsVariance() bool { return false }

// NumClasses returns the classes the network reads (Cfg.Classes; 0: none),
// the label Cfg.Classes being "no label".
func (m *LatentDenoiser) NumClasses() int { return m.Cfg.Classes }

// Forward returns the unconditional prediction ε̂ [N, Dim] for z_t
// [N, Dim] at the steps t: a class-conditional network is given the "no
// label" class ∅.
func (m *LatentDenoiser) Forward(zt *autograd.Value, t []int) *autograd.Value {
	return m.ForwardClass(zt, t, noLabels(len(t), m.Cfg.Classes))
}

// ForwardClass returns ε̂ [N, Dim] for z_t [N, Dim] at the steps t with
// the labels y (nil for an unconditional network; Classes means none).
func (m *LatentDenoiser) ForwardClass(zt *autograd.Value, t, y []int) *autograd.Value {
	n := len(t)
	if s := zt.Shape(); len(s) != 2 || s[1] != m.Cfg.Dim || s[0] != n {
		panic(fmt.Sprintf("diffusion: LatentDenoiser: z_t %v for %d steps; want [%d, %d]", s, n, n, m.Cfg.Dim))
	}
	e := autograd.Const(TimeEmbedding(t, m.Cfg.Emb))
	var label *autograd.Value
	if m.Label != nil {
		if len(y) != n {
			panic(fmt.Sprintf("diffusion: LatentDenoiser: %d labels for %d codes", len(y), n))
		}
		label = m.Label.Forward(y) // E[y], [N, Hidden]
	}
	h := zt
	for l := range m.In {
		// the pre-activation h W_l + b_l + e(t) P_l (+ E[y])
		a := autograd.Add(m.In[l].Forward(h), m.Time[l].Forward(e))
		if label != nil {
			a = autograd.Add(a, label)
		}
		h = autograd.SiLU(a)
	}
	return m.Out.Forward(h)
}

// Children lists the layers, for nn.Values, saving and loading.
func (m *LatentDenoiser) Children() []nn.Child {
	var c []nn.Child
	for l := range m.In {
		c = append(c, nn.Child{Name: fmt.Sprintf("in%d", l), M: m.In[l]}, nn.Child{Name: fmt.Sprintf("time%d", l), M: m.Time[l]})
	}
	c = append(c, nn.Child{Name: "out", M: m.Out})
	if m.Label != nil {
		c = append(c, nn.Child{Name: "label", M: m.Label})
	}
	return c
}

// Params returns every weight, named by layer.
func (m *LatentDenoiser) Params() []nn.Param { return nn.Nest(m.Children()...) }
