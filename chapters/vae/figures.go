package vae

import (
	"fmt"
	"image"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// Figures of a trained VAE, each a grid of 28×28 digits drawn with
// plot.ImageGrid (pixel probabilities, 0 black, 1 white).

// ReconstructionFigure draws test digits and the model's reconstructions
// of them (Reconstruct: decoded from μ(x)), in pairs of rows: cols digits,
// then their cols reconstructions beneath, and so on for the rest of x
// [N, 784]. N must be a multiple of cols.
func ReconstructionFigure(m Model, x *tensor.Tensor, cols int) (image.Image, error) {
	if err := checkDigits("ReconstructionFigure", x); err != nil {
		return nil, err
	}
	n := x.Shape[0]
	if cols < 1 || n%cols != 0 {
		return nil, fmt.Errorf("vae: ReconstructionFigure: %d digits do not fill rows of %d", n, cols)
	}
	rec := Reconstruct(m, x)
	var rows []*tensor.Tensor
	for lo := 0; lo < n; lo += cols {
		rows = append(rows, tensor.Slice(x, 0, lo, lo+cols), tensor.Slice(rec, 0, lo, lo+cols))
	}
	return digitGrid(tensor.Concat(0, rows...), cols)
}

// SamplesFigure draws n digits sampled from the model's prior (Sample:
// z ~ N(0, I), decoded to pixel probabilities), cols to a row.
func SamplesFigure(m Model, n, cols int, rng *tensor.RNG) (image.Image, error) {
	if n < 1 || cols < 1 {
		return nil, fmt.Errorf("vae: SamplesFigure: %d samples in rows of %d, want both at least 1", n, cols)
	}
	return digitGrid(Sample(m, n, rng), cols)
}

// ANCHOR: manifold

// ManifoldFigure draws the learned manifold of a VAE with a 2-D code
// (Kingma & Welling 2014, figure 4): an n×n grid of codes z = (z₁, z₂)
// decoded to digits. The coordinates are quantiles of the prior,
//
//	z_i = Φ⁻¹((i + ½)/n),   i = 0, …, n-1
//
// with Φ the standard normal CDF, so that every cell covers the same
// prior probability 1/n² and the grid spends its cells where p(z) puts
// its mass. z₁ grows left to right, z₂ bottom to top. It returns an error
// unless m.Latent() is 2.
func ManifoldFigure(m Model, n int) (image.Image, error) {
	if m.Latent() != 2 {
		return nil, fmt.Errorf("vae: ManifoldFigure needs a 2-D code, the model's has %d dimensions", m.Latent())
	}
	if n < 1 {
		return nil, fmt.Errorf("vae: ManifoldFigure: a grid of %d×%d", n, n)
	}
	q := make([]float64, n)
	for i := range q {
		q[i] = distuv.UnitNormal.Quantile((float64(i) + 0.5) / float64(n))
	}
	z := tensor.New(n*n, 2)
	for row := 0; row < n; row++ {
		for col := 0; col < n; col++ {
			z.Set(q[col], row*n+col, 0)
			z.Set(q[n-1-row], row*n+col, 1) // the top row has the largest z₂
		}
	}
	return digitGrid(DecodeProbs(m, z), n)
}

// ANCHOR_END: manifold

// InterpolationFigure draws, for each pair of digits a[i], b[i] (a and b
// [N, 784]), one row: a[i], then the decoded points of the straight line
// from μ(a[i]) to μ(b[i]) in latent space,
//
//	z_t = (1 - t)·μ(a) + t·μ(b),   t = 0, 1/(steps-1), …, 1
//
// then b[i]. A smooth morph from one digit to the other, every frame a
// plausible digit, is what a latent space that the prior's KL term keeps
// packed (no holes between the codes of the data) gives. steps is at
// least 2.
func InterpolationFigure(m Model, a, b *tensor.Tensor, steps int) (image.Image, error) {
	if err := checkDigits("InterpolationFigure", a); err != nil {
		return nil, err
	}
	if !a.SameShape(b) || steps < 2 {
		return nil, fmt.Errorf("vae: InterpolationFigure: digits %v and %v with %d steps, want the same shape and at least 2 steps", a.Shape, b.Shape, steps)
	}
	n, k := a.Shape[0], m.Latent()
	muA, muB := EncodeMeans(m, a), EncodeMeans(m, b)
	z := tensor.New(n*steps, k)
	for i := 0; i < n; i++ {
		for s := 0; s < steps; s++ {
			t := float64(s) / float64(steps-1)
			for j := 0; j < k; j++ {
				z.Set((1-t)*muA.At(i, j)+t*muB.At(i, j), i*steps+s, j)
			}
		}
	}
	frames := DecodeProbs(m, z)
	var rows []*tensor.Tensor
	for i := 0; i < n; i++ {
		rows = append(rows, tensor.Slice(a, 0, i, i+1), tensor.Slice(frames, 0, i*steps, (i+1)*steps), tensor.Slice(b, 0, i, i+1))
	}
	return digitGrid(tensor.Concat(0, rows...), steps+2)
}

// digitGrid lays out images [N, 784] as 28×28 tiles, cols to a row.
func digitGrid(images *tensor.Tensor, cols int) (image.Image, error) {
	return plot.ImageGrid(images.Reshape(images.Shape[0], 1, data.MNISTSide, data.MNISTSide), cols)
}

// checkDigits reports a batch that is not one or more 28×28 digits.
func checkDigits(who string, x *tensor.Tensor) error {
	if x == nil || x.Dims() != 2 || x.Shape[0] < 1 || x.Shape[1] != data.MNISTPixels {
		var shape []int
		if x != nil {
			shape = x.Shape
		}
		return fmt.Errorf("vae: %s: digits %v, want [N, %d]", who, shape, data.MNISTPixels)
	}
	return nil
}
