package gan

import (
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// Bold thickens the strokes of 28×28 digits [N, 784] (values in [0, 1]):
// each pixel becomes the largest value in its 3×3 neighbourhood, a
// morphological dilation. Bold digits are the second domain of the
// chapter's CycleGAN: the same digits in a different "style".
func Bold(images *tensor.Tensor) *tensor.Tensor {
	const side, pixels = data.MNISTSide, data.MNISTPixels
	out := tensor.New(images.Shape...)
	n := images.Shape[0]
	for i := 0; i < n; i++ {
		src, dst := images.Data[i*pixels:(i+1)*pixels], out.Data[i*pixels:(i+1)*pixels]
		for r := 0; r < side; r++ {
			for c := 0; c < side; c++ {
				m := 0.0
				for dr := -1; dr <= 1; dr++ {
					for dc := -1; dc <= 1; dc++ {
						rr, cc := r+dr, c+dc
						if rr >= 0 && rr < side && cc >= 0 && cc < side && src[rr*side+cc] > m {
							m = src[rr*side+cc]
						}
					}
				}
				dst[r*side+c] = m
			}
		}
	}
	return out
}

// UnpairedDomains splits MNIST training digits into the CycleGAN's two
// domains without pairs: X is the first half of the digits as written,
// Y is the second half made bold. No digit appears in both, so the model
// never sees an image together with its own translation.
func UnpairedDomains(train *data.Dataset, n int) (x, y *tensor.Tensor) {
	if 2*n > train.Len() {
		n = train.Len() / 2
	}
	x = tensor.Slice(train.Images, 0, 0, n)
	y = Bold(tensor.Slice(train.Images, 0, n, 2*n))
	return x, y
}
