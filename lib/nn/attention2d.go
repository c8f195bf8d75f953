package nn

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// SelfAttention2d is multi-head self-attention over the pixels of a
// feature map, as diffusion U-Nets use it at their coarser resolutions
// (Ho et al. 2020): each of the H·W pixels of x [N, C, H, W] is a token,
// its C channels the token's features, and every pixel may read from
// every other, however far apart, which a convolution's small window
// cannot. Per head, with d = C/heads features,
//
//	Q, K, V = X W_Q, X W_K, X W_V      (X the [H·W, C] tokens of one image)
//	head = softmax(Q Kᵀ/√d) V
//	y = Concat(head_1, ..., head_heads) W_O
//
// and y goes back to [N, C, H, W]. No position is added, so the layer
// treats the pixels as a set: permuting them permutes the output the
// same way. It neither normalises nor adds its input back; a U-Net's
// block wraps it as x + SelfAttention2d(GroupNorm(x)).
type SelfAttention2d struct {
	Heads int     // the number of heads; divides the channel count
	QKV   *Linear // W_Q, W_K and W_V side by side [C, 3C], with biases
	Out   *Linear // W_O [C, C], with a bias
}

// NewSelfAttention2d returns self-attention over feature maps of the
// given number of channels (a multiple of heads), its projections
// initialised as NewLinear's from rng.
func NewSelfAttention2d(channels, heads int, rng *tensor.RNG) *SelfAttention2d {
	if channels < 1 || heads < 1 || channels%heads != 0 {
		panic(fmt.Sprintf("nn: NewSelfAttention2d(%d channels, %d heads): want positive counts with the channels a multiple of the heads", channels, heads))
	}
	return &SelfAttention2d{
		Heads: heads,
		QKV:   NewLinear(channels, 3*channels, rng),
		Out:   NewLinear(channels, channels, rng),
	}
}

// Forward attends over the pixels of x [N, C, H, W] and returns [N, C, H, W].
func (a *SelfAttention2d) Forward(x *autograd.Value) *autograd.Value {
	c := a.Out.W.Data.Shape[0]
	s := x.Shape()
	if len(s) != 4 || s[1] != c || a.Heads < 1 || c%a.Heads != 0 {
		panic(fmt.Sprintf("nn: SelfAttention2d over %d channels in %d heads: input %v, want [N, %d, H, W]", c, a.Heads, s, c))
	}
	n, h, w := s[0], s[2], s[3]
	t, d := h*w, c/a.Heads
	// The pixels as tokens: [N, C, H, W] -> [N, C, H·W] -> [N, H·W, C].
	tokens := autograd.Transpose(autograd.Reshape(x, n, c, t), 0, 2, 1)
	// [Q | K | V] = X [W_Q | W_K | W_V] + b, [N, H·W, 3C]; its last axis
	// holds Q, K and V one after another, each as heads of d features.
	qkv := autograd.Reshape(a.QKV.Forward(tokens), n, t, 3, a.Heads, d)
	// [N, H·W, 3, heads, d] -> [3, N, heads, H·W, d]: one image's head
	// per matrix, for batched products.
	qkv = autograd.Transpose(qkv, 2, 0, 3, 1, 4)
	q, k, v := qkvPart(qkv, 0), qkvPart(qkv, 1), qkvPart(qkv, 2)
	// A = softmax(Q Kᵀ/√d), [N, heads, H·W, H·W]: row i is how much
	// pixel i reads from each pixel.
	attn := autograd.Softmax(autograd.Scale(autograd.BatchedMatMul(q, false, k, true), 1/math.Sqrt(float64(d))))
	// head = A V, [N, heads, H·W, d]
	heads := autograd.BatchedMatMul(attn, false, v, false)
	// Concat(head_1, ..., head_heads): [N, H·W, heads, d] -> [N, H·W, C]
	concat := autograd.Reshape(autograd.Transpose(heads, 0, 2, 1, 3), n, t, c)
	// y = Concat(...) W_O + b, back to [N, C, H·W] and [N, C, H, W]
	y := a.Out.Forward(concat)
	return autograd.Reshape(autograd.Transpose(y, 0, 2, 1), n, c, h, w)
}

// qkvPart takes Q (i = 0), K (1) or V (2) out of [3, N, heads, T, d],
// as [N, heads, T, d].
func qkvPart(qkv *autograd.Value, i int) *autograd.Value {
	s := qkv.Shape()
	return autograd.Reshape(autograd.Slice(qkv, 0, i, i+1), s[1:]...)
}

// Children names the two projections.
func (a *SelfAttention2d) Children() []Child {
	return []Child{{Name: "qkv", M: a.QKV}, {Name: "out", M: a.Out}}
}

// Params lists the projections' weights and biases: "qkv.W", "qkv.b",
// "out.W", "out.b".
func (a *SelfAttention2d) Params() []Param { return Nest(a.Children()...) }
