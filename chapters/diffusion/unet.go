package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// UNetConfig is the shape of UNet.
type UNetConfig struct {
	Side   int // the images' side (28 for MNIST); a multiple of 4
	Width  int // w: channels at full resolution; 2w at half, 4w at a quarter
	Groups int // GroupNorm's groups in every block; divides w
	Heads  int // the attention heads at a quarter resolution; divide 4w
	// Classes, when above 0, makes the network class-conditional: it reads
	// a label 0..Classes−1, or Classes for "no label", which it learns by
	// label dropout for classifier-free guidance.
	Classes int
	// LearnVariance adds a second output channel, v, for the learned
	// variance Σ_θ = exp(v log β_t + (1 − v) log β̃_t).
	LearnVariance bool
}

// DefaultUNetConfig is the chapter's MNIST U-Net: w = 16, 8 groups, 4 heads,
// conditioned on the ten digits.
func DefaultUNetConfig() UNetConfig {
	return UNetConfig{Side: 28, Width: 16, Groups: 8, Heads: 4, Classes: 10}
}

// ANCHOR: unet

// UNet is ε_θ(x_t, t, y) for 28×28 images (Ronneberger et al. 2015, as
// Ho et al. 2020 use it): an encoder that halves the side twice, a middle
// at a quarter of the side with self-attention, and a decoder that doubles
// it back, reading at each side what the encoder saw there (the skip
// connections). With w channels,
//
//	in     x_t [N, 1, 28, 28] → conv 3×3                → [N, w, 28, 28]
//	down1  ResBlock(w → w)                               → h₁ [N, w, 28, 28]
//	       conv 3×3 stride 2                             → [N, w, 14, 14]
//	down2  ResBlock(w → 2w)                              → h₂ [N, 2w, 14, 14]
//	       conv 3×3 stride 2                             → [N, 2w, 7, 7]
//	mid    ResBlock(2w → 4w), attention, ResBlock(4w → 4w)
//	up2    upsample ×2, conv 3×3 → 2w; concat h₂; ResBlock(4w → 2w)
//	up1    upsample ×2, conv 3×3 → w;  concat h₁; ResBlock(2w → w)
//	out    GroupNorm, SiLU, conv 3×3                     → ε̂ [N, 1, 28, 28] (and v)
//
// Every ResBlock adds the embedding e = MLP(TimeEmbedding(t)) + E[y]. The
// last convolution starts at zero, so the untrained network predicts
// ε̂ = 0 (and v = 0, Σ_θ = β̃_t).
type UNet struct {
	Cfg              UNetConfig
	TimeMLP1         *nn.Linear    // TimeEmbedding(t) [w] → [4w]
	TimeMLP2         *nn.Linear    // [4w] → [4w]
	Label            *nn.Embedding // E: Classes+1 rows of [4w]; nil if unconditional
	In               *nn.Conv2d
	Down1, Down2     *ResBlock
	Pool1, Pool2     *nn.Conv2d // the stride-2 convolutions
	Mid1, Mid2       *ResBlock
	MidAttn          *AttnBlock
	Up2Conv, Up1Conv *nn.Conv2d // after each upsampling
	Up2, Up1         *ResBlock
	OutNorm          *nn.GroupNorm
	Out              *nn.Conv2d
}

// ANCHOR_END: unet

// NewUNet returns a UNet of cfg's shape with weights from rng.
func NewUNet(cfg UNetConfig, rng *tensor.RNG) (*UNet, error) {
	w, g := cfg.Width, cfg.Groups
	if cfg.Side < 4 || cfg.Side%4 != 0 || w < 1 || g < 1 || w%g != 0 || cfg.Heads < 1 || (4*w)%cfg.Heads != 0 || cfg.Classes < 0 {
		return nil, fmt.Errorf("diffusion: UNetConfig %+v: want a side that is a multiple of 4, Groups dividing Width, Heads dividing 4·Width, Classes ≥ 0", cfg)
	}
	emb := 4 * w
	m := &UNet{
		Cfg:      cfg,
		TimeMLP1: nn.NewLinear(w, emb, rng),
		TimeMLP2: nn.NewLinear(emb, emb, rng),
		In:       nn.NewConv2d(1, w, 3, 1, 1, rng),
		Down1:    NewResBlock(w, w, emb, g, rng),
		Pool1:    nn.NewConv2d(w, w, 3, 2, 1, rng),
		Down2:    NewResBlock(w, 2*w, emb, g, rng),
		Pool2:    nn.NewConv2d(2*w, 2*w, 3, 2, 1, rng),
		Mid1:     NewResBlock(2*w, 4*w, emb, g, rng),
		MidAttn:  NewAttnBlock(4*w, cfg.Heads, g, rng),
		Mid2:     NewResBlock(4*w, 4*w, emb, g, rng),
		Up2Conv:  nn.NewConv2d(4*w, 2*w, 3, 1, 1, rng),
		Up2:      NewResBlock(4*w, 2*w, emb, g, rng),
		Up1Conv:  nn.NewConv2d(2*w, w, 3, 1, 1, rng),
		Up1:      NewResBlock(2*w, w, emb, g, rng),
		OutNorm:  nn.NewGroupNorm(g, w),
		Out:      nn.NewConv2d(w, outChannels(cfg), 3, 1, 1, rng),
	}
	if cfg.Classes > 0 {
		m.Label = nn.NewEmbedding(cfg.Classes+1, emb, rng)
	}
	m.Out.W.Data.Fill(0)
	m.Out.B.Data.Fill(0)
	return m, nil
}

// outChannels is the number of output channels: ε̂, and v when learnt.
func outChannels(cfg UNetConfig) int {
	if cfg.LearnVariance {
		return 2
	}
	return 1
}

// LearnsVariance reports whether the output carries v after ε̂.
func (m *UNet) LearnsVariance() bool { return m.Cfg.LearnVariance }

// NumClasses returns the classes the network reads (Cfg.Classes; 0: none),
// the label Cfg.Classes being "no label".
func (m *UNet) NumClasses() int { return m.Cfg.Classes }

// Forward returns the unconditional output for x_t [N, Side²] at the
// steps t: ε̂ [N, Side²], followed by v when the variance is learnt. A
// class-conditional network is given the "no label" class.
func (m *UNet) Forward(xt *autograd.Value, t []int) *autograd.Value {
	return m.ForwardClass(xt, t, noLabels(len(t), m.Cfg.Classes))
}

// ANCHOR: unet_forward

// ForwardClass returns the output for x_t [N, Side²] at the steps t with
// the labels y (nil for an unconditional network; Classes means none).
func (m *UNet) ForwardClass(xt *autograd.Value, t, y []int) *autograd.Value {
	n, side := len(t), m.Cfg.Side
	if s := xt.Shape(); len(s) != 2 || s[0] != n || s[1] != side*side {
		panic(fmt.Sprintf("diffusion: UNet: x_t %v for %d steps; want [%d, %d]", s, n, n, side*side))
	}
	e := m.TimeMLP2.Forward(autograd.SiLU(m.TimeMLP1.Forward(autograd.Const(TimeEmbedding(t, m.Cfg.Width)))))
	if m.Label != nil {
		if len(y) != n {
			panic(fmt.Sprintf("diffusion: UNet: %d labels for %d images", len(y), n))
		}
		e = autograd.Add(e, m.Label.Forward(y))
	}
	se := autograd.SiLU(e)
	x := autograd.Reshape(xt, n, 1, side, side)
	h1 := m.Down1.Forward(m.In.Forward(x), se)
	h2 := m.Down2.Forward(m.Pool1.Forward(h1), se)
	h := m.Mid1.Forward(m.Pool2.Forward(h2), se)
	h = m.Mid2.Forward(m.MidAttn.Forward(h), se)
	h = m.Up2Conv.Forward(autograd.Upsample2x(h))
	h = m.Up2.Forward(autograd.Concat(1, h, h2), se)
	h = m.Up1Conv.Forward(autograd.Upsample2x(h))
	h = m.Up1.Forward(autograd.Concat(1, h, h1), se)
	out := m.Out.Forward(autograd.SiLU(m.OutNorm.Forward(h)))
	return autograd.Reshape(out, n, outChannels(m.Cfg)*side*side)
}

// ANCHOR_END: unet_forward

// Children lists the layers, for nn.Values, saving and loading.
func (m *UNet) Children() []nn.Child {
	c := []nn.Child{
		{Name: "time1", M: m.TimeMLP1}, {Name: "time2", M: m.TimeMLP2},
		{Name: "in", M: m.In}, {Name: "down1", M: m.Down1}, {Name: "pool1", M: m.Pool1},
		{Name: "down2", M: m.Down2}, {Name: "pool2", M: m.Pool2},
		{Name: "mid1", M: m.Mid1}, {Name: "midattn", M: m.MidAttn}, {Name: "mid2", M: m.Mid2},
		{Name: "up2conv", M: m.Up2Conv}, {Name: "up2", M: m.Up2},
		{Name: "up1conv", M: m.Up1Conv}, {Name: "up1", M: m.Up1},
		{Name: "outnorm", M: m.OutNorm}, {Name: "out", M: m.Out},
	}
	if m.Label != nil {
		c = append(c, nn.Child{Name: "label", M: m.Label})
	}
	return c
}

// Params returns every weight, named by layer.
func (m *UNet) Params() []nn.Param { return nn.Nest(m.Children()...) }
