package vae

import (
	"fmt"
	"image"
	"math"
	"sort"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// ActiveDims ranks the code's dimensions by their mean KL over the digits
// x [N, 784], most informative first, and returns the first k with their
// KL in nats. A dimension whose q(z_j|x) is the prior for every digit has
// KL 0 and carries nothing: the decoder ignores it (posterior collapse of
// that dimension), and so does a traversal of it.
func ActiveDims(m Model, x *tensor.Tensor, k int) (dims []int, kl []float64) {
	mu, logVar := m.Encode(autograd.NoGrad(x))
	j := m.Latent()
	per := make([]float64, j)
	for i, v := range mu.Data.Data {
		lv := logVar.Data.Data[i]
		per[i%j] += (v*v + math.Exp(lv) - 1 - lv) / 2 / float64(x.Dim(0))
	}
	order := make([]int, j)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return per[order[a]] > per[order[b]] })
	k = min(k, j)
	for _, d := range order[:k] {
		dims, kl = append(dims, d), append(kl, per[d])
	}
	return dims, kl
}

// TraversalFigure draws latent traversals (Higgins et al. 2017): starting
// from the code μ(x) of one digit x [1, 784], each row varies one
// dimension of dims over values (from -3 to 3, say: the prior's bulk)
// with the others held fixed, and decodes each code. A dimension that
// changes one property of the digit (slant, width, thickness) while
// keeping the rest is what β > 1 is meant to encourage.
func TraversalFigure(m Model, x *tensor.Tensor, dims []int, values []float64) (image.Image, error) {
	if err := checkDigits("TraversalFigure", x); err != nil {
		return nil, err
	}
	if x.Dim(0) != 1 || len(dims) == 0 || len(values) == 0 {
		return nil, fmt.Errorf("vae: TraversalFigure: %d digits, %d dimensions, %d values; want one digit and at least one of each", x.Dim(0), len(dims), len(values))
	}
	j := m.Latent()
	for _, d := range dims {
		if d < 0 || d >= j {
			return nil, fmt.Errorf("vae: TraversalFigure: dimension %d of a %d-dimensional code", d, j)
		}
	}
	return digitGrid(DecodeProbs(m, TraversalCodes(EncodeMeans(m, x), dims, values)), len(values))
}

// TraversalCodes returns the codes of a traversal from mu [1, J]: for
// each dimension of dims in turn, one row per value of values, equal to
// mu but for that dimension, set to the value. [len(dims)·len(values), J].
func TraversalCodes(mu *tensor.Tensor, dims []int, values []float64) *tensor.Tensor {
	j := mu.Dim(1)
	z := tensor.New(len(dims)*len(values), j)
	for r, d := range dims {
		for c, v := range values {
			row := (r*len(values) + c) * j
			copy(z.Data[row:row+j], mu.Data)
			z.Data[row+d] = v
		}
	}
	return z
}
