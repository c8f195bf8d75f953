package autograd

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// Upsample2x doubles the height and width of x [N, C, H, W] by nearest
// neighbour: each pixel becomes a 2x2 block of copies, so the result is
// [N, C, 2H, 2W] with
//
//	y[n, c, i, j] = x[n, c, ⌊i/2⌋, ⌊j/2⌋]
//
// A U-Net's decoder uses it (followed by a convolution) to climb back to
// the input's resolution. Each input pixel feeds four outputs, so its
// gradient is the sum of the upstream gradient over its 2x2 block:
//
//	dL/dx[n, c, i, j] = Σ_{a,b ∈ {0,1}} dL/dy[n, c, 2i+a, 2j+b]
func Upsample2x(x *Value) *Value {
	s := x.Data.Shape
	if len(s) != 4 {
		panic(fmt.Sprintf("autograd: Upsample2x of shape %v; want [N, C, H, W]", s))
	}
	planes, h, w := s[0]*s[1], s[2], s[3]
	y := tensor.New(s[0], s[1], 2*h, 2*w)
	for p := 0; p < planes; p++ {
		in, out := x.Data.Data[p*h*w:(p+1)*h*w], y.Data[p*4*h*w:(p+1)*4*h*w]
		for i := 0; i < h; i++ {
			top, bottom := out[2*i*2*w:(2*i+1)*2*w], out[(2*i+1)*2*w:(2*i+2)*2*w]
			for j, v := range in[i*w : (i+1)*w] {
				top[2*j], top[2*j+1] = v, v
				bottom[2*j], bottom[2*j+1] = v, v
			}
		}
	}
	out := newOp("upsample2x", y, x)
	out.setBackward(func() {
		dx := tensor.New(s...)
		g := out.Grad.Data
		for p := 0; p < planes; p++ {
			gp, dp := g[p*4*h*w:(p+1)*4*h*w], dx.Data[p*h*w:(p+1)*h*w]
			for i := 0; i < h; i++ {
				top, bottom := gp[2*i*2*w:(2*i+1)*2*w], gp[(2*i+1)*2*w:(2*i+2)*2*w]
				row := dp[i*w : (i+1)*w]
				for j := range row {
					row[j] = top[2*j] + top[2*j+1] + bottom[2*j] + bottom[2*j+1]
				}
			}
		}
		x.accumulateOwned(dx)
	})
	return out
}
