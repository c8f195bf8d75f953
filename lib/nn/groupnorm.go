package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// GroupNorm normalises each example on its own, over groups of channels
// (Wu & He 2018): the C channels are split into G groups of C/G
// consecutive channels, and each group of each example is standardised
// over its channels and all their positions together, then a learned
// scale γ and shift β per channel follow. For x [N, C, H, W] and group g
// of example n, with S_g its (C/G)·H·W entries,
//
//	μ = mean of x over S_g      σ² = mean of (x - μ)² over S_g
//	y[n, c, i, j] = γ_c·(x[n, c, i, j] - μ)/√(σ² + ε) + β_c
//
// No statistic crosses the batch, so, unlike BatchNorm, it behaves the
// same in training and evaluation and for a batch of one, which is why
// diffusion U-Nets use it. G = C is instance normalisation (each channel
// of each image on its own); G = 1 normalises all of an example's
// entries together, LayerNorm over [C, H, W].
type GroupNorm struct {
	Groups int             // G, the number of groups; divides the channel count
	Gamma  *autograd.Value // γ, scale per channel [C], starts at 1
	Beta   *autograd.Value // β, shift per channel [C], starts at 0
	Eps    float64         // ε, keeps the division finite for a constant group
}

// NewGroupNorm returns a GroupNorm of the given number of channels in
// groups of channels/groups, with γ = 1, β = 0 and ε = 1e-5.
func NewGroupNorm(groups, channels int) *GroupNorm {
	if groups < 1 || channels < 1 || channels%groups != 0 {
		panic(fmt.Sprintf("nn: NewGroupNorm(%d groups, %d channels): want positive counts with the channels a multiple of the groups", groups, channels))
	}
	return &GroupNorm{
		Groups: groups,
		Gamma:  autograd.Param(tensor.Ones(channels)),
		Beta:   autograd.Param(tensor.New(channels)),
		Eps:    1e-5,
	}
}

// Forward normalises x [N, C, ...] (channels on axis 1: [N, C], [N, C, L]
// or [N, C, H, W]) group by group and returns the same shape.
func (gn *GroupNorm) Forward(x *autograd.Value) *autograd.Value {
	c := gn.Gamma.Data.Size()
	shape := x.Shape()
	if len(shape) < 2 || shape[1] != c || gn.Groups < 1 || c%gn.Groups != 0 {
		panic(fmt.Sprintf("nn: GroupNorm over %d channels in %d groups: input %v, want [N, %d, ...]", c, gn.Groups, shape, c))
	}
	perGroup := c / gn.Groups // (C/G)·H·W entries in each group of each example
	for _, s := range shape[2:] {
		perGroup *= s
	}
	// x̂ = (x - μ)/√(σ² + ε) over each group: the group's channels are
	// consecutive, so [N, C, H, W] viewed as [N, G, (C/G)·H·W] puts each
	// group of each example in a row of its own, which Standardize
	// normalises.
	rows := autograd.Reshape(x, shape[0], gn.Groups, perGroup)
	xHat := autograd.Reshape(autograd.Standardize(rows, gn.Eps), shape...)
	// y = γ_c·x̂ + β_c, with γ and β viewed as [1, C, 1, 1] (as many 1s as
	// x has positional axes) so that they broadcast over the batch and
	// every position.
	perChannel := make([]int, len(shape))
	for i := range perChannel {
		perChannel[i] = 1
	}
	perChannel[1] = c
	gamma := autograd.Reshape(gn.Gamma, perChannel...)
	beta := autograd.Reshape(gn.Beta, perChannel...)
	return autograd.Add(autograd.Mul(xHat, gamma), beta)
}

// Params lists γ and β.
func (gn *GroupNorm) Params() []Param {
	return []Param{{Name: "gamma", V: gn.Gamma}, {Name: "beta", V: gn.Beta}}
}
