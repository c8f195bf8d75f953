package nn

import (
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// ConvTranspose2d is the transposed ("fractionally strided") convolution
// that GAN generators and decoders use to upsample: each input pixel
// stamps a Cout x K x K patch of its filter, scaled by its value, onto the
// output, Stride pixels apart from its neighbour's, and overlapping stamps
// add. It is exactly the backward pass of a Conv2d with the same weights,
// so a stride-2 ConvTranspose2d undoes the shape change of a stride-2
// Conv2d. The output is [N, Cout, OH, OW] with
//
//	OH = (H - 1)·Stride - 2·Pad + K
type ConvTranspose2d struct {
	W      *autograd.Value // filters [Cin, Cout, K, K]
	B      *autograd.Value // one bias per output channel [Cout]
	Stride int             // distance between the stamps of neighbouring input pixels
	Pad    int             // rows and columns cropped from every side of the output
}

// NewConvTranspose2d returns a transposed convolution from inCh to outCh
// channels with square kernels of size k, initialised like PyTorch's:
// U(-1/√fan_in, 1/√fan_in) with fan_in = outCh·k·k, the fan-in of the
// convolution it transposes (see Fans).
func NewConvTranspose2d(inCh, outCh, k, stride, pad int, rng *tensor.RNG) *ConvTranspose2d {
	checkConvArgs("NewConvTranspose2d", inCh, outCh, k, stride, pad)
	w, b := tensor.New(inCh, outCh, k, k), tensor.New(outCh)
	fanIn, _ := Fans(w.Shape)
	defaultInit(w, b, fanIn, rng)
	return &ConvTranspose2d{W: autograd.Param(w), B: autograd.Param(b), Stride: stride, Pad: pad}
}

// Forward upsamples x [N, Cin, H, W] to [N, Cout, OH, OW].
func (c *ConvTranspose2d) Forward(x *autograd.Value) *autograd.Value {
	// y = Conv2dᵀ(x; W) + b: the input-gradient of a convolution, plus a bias per channel
	y := autograd.ConvTranspose2d(x, c.W, c.Stride, c.Pad)
	return autograd.Add(y, channelBias(c.B))
}

// Params lists W and b.
func (c *ConvTranspose2d) Params() []Param {
	return []Param{{Name: "W", V: c.W}, {Name: "b", V: c.B}}
}
