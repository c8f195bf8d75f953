package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// Conv2d slides F filters of size C x K x K over an image [N, C, H, W],
// taking at each position the dot product of a filter with the patch under
// it, and adds one bias per filter. The same few weights are reused at
// every position (translation equivariance), which is why convolutions
// suit images. The output is [N, F, OH, OW] with
//
//	OH = (H + 2·Pad - K)/Stride + 1
type Conv2d struct {
	W      *autograd.Value // filters [F, C, K, K]
	B      *autograd.Value // one bias per filter [F]
	Stride int             // step between positions
	Pad    int             // zeros added on every side of the image
}

// NewConv2d returns a convolution from inCh to outCh channels with square
// kernels of size k, initialised with PyTorch's default
// U(-1/√fan_in, 1/√fan_in), fan_in = inCh·k·k (see defaultInit).
func NewConv2d(inCh, outCh, k, stride, pad int, rng *tensor.RNG) *Conv2d {
	checkConvArgs("NewConv2d", inCh, outCh, k, stride, pad)
	w, b := tensor.New(outCh, inCh, k, k), tensor.New(outCh)
	fanIn, _ := Fans(w.Shape)
	defaultInit(w, b, fanIn, rng)
	return &Conv2d{W: autograd.Param(w), B: autograd.Param(b), Stride: stride, Pad: pad}
}

// Forward convolves x [N, C, H, W] and returns [N, F, OH, OW].
func (c *Conv2d) Forward(x *autograd.Value) *autograd.Value {
	// y[n, f] = Σ_c W[f, c] ⋆ x[n, c] + b[f]
	y := autograd.Conv2d(x, c.W, c.Stride, c.Pad)
	return autograd.Add(y, channelBias(c.B))
}

// Params lists W and b.
func (c *Conv2d) Params() []Param { return []Param{{Name: "W", V: c.W}, {Name: "b", V: c.B}} }

// channelBias views a per-channel vector [C] as [1, C, 1, 1] so that it
// broadcasts over the batch and every pixel of [N, C, H, W].
func channelBias(b *autograd.Value) *autograd.Value {
	return autograd.Reshape(b, 1, b.Data.Size(), 1, 1)
}

func checkConvArgs(who string, inCh, outCh, k, stride, pad int) {
	if inCh <= 0 || outCh <= 0 || k <= 0 || stride <= 0 || pad < 0 {
		panic(fmt.Sprintf("nn: %s(inCh %d, outCh %d, k %d, stride %d, pad %d): sizes and stride must be positive, pad >= 0",
			who, inCh, outCh, k, stride, pad))
	}
}
