package gan

import (
	"image"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// Figure draws the CycleGAN at work, one row each: written digits x, their
// translations G(x) into bold, the round trips F(G(x)); then bold digits y,
// their translations F(y), and G(F(y)). x and y are [n, 784] in [0, 1].
func (r *CycleResult) Figure(x, y *tensor.Tensor) (image.Image, error) {
	gx, fy := r.G.Translate(x), r.F.Translate(y)
	rows := tensor.Concat(0, x, gx, r.F.Translate(gx), y, fy, r.G.Translate(fy))
	n := x.Shape[0]
	return plot.ImageGrid(rows.Reshape(rows.Shape[0], 1, data.MNISTSide, data.MNISTSide), n)
}
