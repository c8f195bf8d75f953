package transformer

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// gradInputs lists x and the trainable tensors of m except the keys'
// biases, whose gradient is exactly zero (see
// TestMultiHeadAttentionGradient) and so cannot be compared relatively.
func gradInputs(m nn.Module, xs ...*autograd.Value) []*autograd.Value {
	for _, p := range m.Params() {
		if n := len(p.Name); p.Trainable() && !(n >= 3 && p.Name[n-3:] == "k.b") {
			xs = append(xs, p.V)
		}
	}
	return xs
}

// A block's gradients (attention, MLP, both LayerNorms, the residual
// sums) agree with finite differences, pre-LN and post-LN, under a causal
// mask.
func TestBlockGradient(t *testing.T) {
	for _, postLN := range []bool{false, true} {
		rng := tensor.NewRNG(7)
		b := NewBlock(4, 2, 8, true, 0, postLN, rng)
		x := randParam(rng, 2, 3, 4)
		f := func() *autograd.Value { return b.Forward(x, CausalMask(3, 3)) }
		gradCheck(t, map[bool]string{false: "pre-LN block", true: "post-LN block"}[postLN], f, gradInputs(b, x), 1e-5)
	}
}

// The decoder layer's gradients, through its causal self-attention and
// its cross-attention to a padded memory, with respect to its input, the
// memory and its weights, pre-LN and post-LN.
func TestDecoderLayerGradient(t *testing.T) {
	for _, postLN := range []bool{false, true} {
		rng := tensor.NewRNG(8)
		d := NewDecoderLayer(4, 2, 8, true, 0, postLN, rng)
		x, mem := randParam(rng, 2, 3, 4), randParam(rng, 2, 5, 4)
		f := func() *autograd.Value { return d.Forward(x, mem, CausalMask(3, 3), PaddingMask([]int{5, 2}, 5)) }
		gradCheck(t, map[bool]string{false: "pre-LN decoder layer", true: "post-LN decoder layer"}[postLN], f, gradInputs(d, x, mem), 1e-5)
	}
}

// Pre-LN and post-LN are different functions of the same weights: the
// switch does something.
func TestPostLNDiffersFromPreLN(t *testing.T) {
	rng := tensor.NewRNG(9)
	b := NewBlock(4, 2, 8, true, 0, false, rng)
	x := autograd.Const(tensor.RandN(rng, 1, 3, 4))
	pre := b.Forward(x, nil).Data
	b.PostLN = true
	post := b.Forward(x, nil).Data
	if d := maxDiff(pre.Data, post.Data); !(d > 1e-3) {
		t.Fatalf("pre-LN and post-LN outputs differ by %.3g", d)
	}
	// Where the LayerNorm sits shows in the output: post-LN's is LN_2's,
	// each position's features of mean 0 and variance 1 (γ = 1, β = 0
	// at initialisation, up to LayerNorm's ε); pre-LN's is the residual
	// stream x + ..., which nothing normalises.
	for _, c := range []struct {
		name   string
		y      *tensor.Tensor
		postLN bool
	}{{"post-LN", post, true}, {"pre-LN", pre, false}} {
		worst := 0.0
		for p := 0; p < 3; p++ {
			row := c.y.Data[4*p : 4*p+4]
			mean, sq := 0.0, 0.0
			for _, v := range row {
				mean += v / 4
			}
			for _, v := range row {
				sq += (v - mean) * (v - mean) / 4
			}
			worst = math.Max(worst, math.Max(math.Abs(mean), math.Abs(sq-1)))
		}
		if normalised := worst < 1e-3; normalised != c.postLN {
			t.Errorf("%s output: positions' mean and variance miss 0 and 1 by up to %.3g", c.name, worst)
		}
	}
}
