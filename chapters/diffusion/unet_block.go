package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// ResBlock is the U-Net's residual block (Ho et al. 2020, after
// Wide ResNets): two 3×3 convolutions, each after GroupNorm and SiLU, with
// the step's embedding added between them, one number per channel,
//
//	h = Conv₁(SiLU(GN₁(x))) + P SiLU(e)
//	y = skip(x) + Conv₂(SiLU(GN₂(h)))
//
// where skip is the identity, or a 1×1 convolution when the block changes
// the number of channels. The embedding e carries t (and the class, when
// there is one) to every block, so every block knows how much noise it is
// looking at.
type ResBlock struct {
	Norm1, Norm2 *nn.GroupNorm
	Conv1, Conv2 *nn.Conv2d
	Emb          *nn.Linear // P: the embedding to one shift per channel
	Skip         *nn.Conv2d // nil when in = out
}

// NewResBlock returns a block from in to out channels for an embedding of
// width emb, GroupNorm with groups groups, weights from rng.
func NewResBlock(in, out, emb, groups int, rng *tensor.RNG) *ResBlock {
	b := &ResBlock{
		Norm1: nn.NewGroupNorm(groups, in),
		Conv1: nn.NewConv2d(in, out, 3, 1, 1, rng),
		Emb:   nn.NewLinear(emb, out, rng),
		Norm2: nn.NewGroupNorm(groups, out),
		Conv2: nn.NewConv2d(out, out, 3, 1, 1, rng),
	}
	if in != out {
		b.Skip = nn.NewConv2d(in, out, 1, 1, 0, rng)
	}
	return b
}

// Forward returns the block's output for x [N, in, H, W] and the
// activated embedding se = SiLU(e) [N, emb].
func (b *ResBlock) Forward(x, se *autograd.Value) *autograd.Value {
	h := b.Conv1.Forward(autograd.SiLU(b.Norm1.Forward(x)))
	s := h.Shape()
	h = autograd.Add(h, autograd.Reshape(b.Emb.Forward(se), s[0], s[1], 1, 1))
	h = b.Conv2.Forward(autograd.SiLU(b.Norm2.Forward(h)))
	skip := x
	if b.Skip != nil {
		skip = b.Skip.Forward(x)
	}
	return autograd.Add(skip, h)
}

// Children lists the block's layers.
func (b *ResBlock) Children() []nn.Child {
	c := []nn.Child{
		{Name: "norm1", M: b.Norm1}, {Name: "conv1", M: b.Conv1}, {Name: "emb", M: b.Emb},
		{Name: "norm2", M: b.Norm2}, {Name: "conv2", M: b.Conv2},
	}
	if b.Skip != nil {
		c = append(c, nn.Child{Name: "skip", M: b.Skip})
	}
	return c
}

// Params returns the block's weights, named by layer.
func (b *ResBlock) Params() []nn.Param { return nn.Nest(b.Children()...) }

// AttnBlock is self-attention over the pixels of a feature map with a
// residual connection, y = x + A(GN(x)), where A is nn.SelfAttention2d:
// at 7×7 it lets every position see the whole digit, which the 3×3
// convolutions reach only after several layers.
type AttnBlock struct {
	Norm *nn.GroupNorm
	Attn *nn.SelfAttention2d
}

// NewAttnBlock returns an attention block over c channels.
func NewAttnBlock(c, heads, groups int, rng *tensor.RNG) *AttnBlock {
	if c%heads != 0 {
		panic(fmt.Sprintf("diffusion: NewAttnBlock: %d channels do not split into %d heads", c, heads))
	}
	return &AttnBlock{Norm: nn.NewGroupNorm(groups, c), Attn: nn.NewSelfAttention2d(c, heads, rng)}
}

// Forward returns x + A(GN(x)) for x [N, C, H, W].
func (a *AttnBlock) Forward(x *autograd.Value) *autograd.Value {
	return autograd.Add(x, a.Attn.Forward(a.Norm.Forward(x)))
}

// Children lists the block's layers.
func (a *AttnBlock) Children() []nn.Child {
	return []nn.Child{{Name: "norm", M: a.Norm}, {Name: "attn", M: a.Attn}}
}

// Params returns the block's weights, named by layer.
func (a *AttnBlock) Params() []nn.Param { return nn.Nest(a.Children()...) }
