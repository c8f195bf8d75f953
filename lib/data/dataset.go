package data

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// Dataset is a set of examples held in memory: one row of Images per
// example, with its label.
type Dataset struct {
	// Images is an [N, Rows*Cols] tensor: row i is example i's pixels,
	// row by row, scaled to [0, 1] (0 background, 1 full ink) for MNIST.
	Images *tensor.Tensor
	// Labels holds each example's class (0..9 for MNIST digits). It may be
	// nil for unlabelled data.
	Labels []int
	// Rows and Cols give an image's height and width (28 and 28 for MNIST);
	// a row of Images reshaped to [Rows, Cols] is the picture.
	Rows, Cols int
}

// NewDataset wraps an [N, D] tensor (shared, not copied) and its N labels
// (nil for none) as a Dataset, so that non-image data such as the synthetic
// 2-D sets can be batched by a Loader. Rows is 1 and Cols is D. It panics if
// x is not two-dimensional or the number of labels is not N.
func NewDataset(x *tensor.Tensor, labels []int) *Dataset {
	if len(x.Shape) != 2 {
		panic(fmt.Sprintf("data: NewDataset: want an [N, D] tensor, got shape %v", x.Shape))
	}
	if labels != nil && len(labels) != x.Shape[0] {
		panic(fmt.Sprintf("data: NewDataset: %d labels for %d rows (shape %v)", len(labels), x.Shape[0], x.Shape))
	}
	return &Dataset{Images: x, Labels: labels, Rows: 1, Cols: x.Shape[1]}
}

// Len is the number of examples.
func (d *Dataset) Len() int { return d.Images.Shape[0] }

// Dim is the length of one example's row: Rows*Cols.
func (d *Dataset) Dim() int { return d.Images.Shape[1] }

// Head returns the first n examples as a Dataset that shares d's memory
// (changing one changes the other). Like a slice expression it stops at the
// end: n larger than Len gives all of d. It panics if n is negative.
func (d *Dataset) Head(n int) *Dataset {
	if n < 0 {
		panic(fmt.Sprintf("data: Dataset.Head(%d) of %d examples", n, d.Len()))
	}
	n = min(n, d.Len())
	dim := d.Dim()
	h := &Dataset{
		Images: tensor.FromSlice(d.Images.Data[:n*dim:n*dim], n, dim),
		Rows:   d.Rows,
		Cols:   d.Cols,
	}
	if d.Labels != nil {
		h.Labels = d.Labels[:n:n]
	}
	return h
}

// Batch gathers the examples at indices into a new [len(indices), Dim()]
// tensor and a new slice of their labels (nil if d has no labels), in the
// order given. It panics if an index is out of range.
func (d *Dataset) Batch(indices []int) (x *tensor.Tensor, labels []int) {
	n, dim := d.Len(), d.Dim()
	x = tensor.New(len(indices), dim)
	if d.Labels != nil {
		labels = make([]int, len(indices))
	}
	src := d.Images.Data
	for r, i := range indices {
		if i < 0 || i >= n {
			panic(fmt.Sprintf("data: Dataset.Batch: index %d (position %d) out of range for %d examples", i, r, n))
		}
		copy(x.Data[r*dim:(r+1)*dim], src[i*dim:(i+1)*dim])
		if labels != nil {
			labels[r] = d.Labels[i]
		}
	}
	return x, labels
}

// Image returns example i as a [Rows, Cols] tensor that shares d's memory,
// ready to be drawn. It panics if i is out of range.
func (d *Dataset) Image(i int) *tensor.Tensor {
	if i < 0 || i >= d.Len() {
		panic(fmt.Sprintf("data: Dataset.Image(%d) of %d examples", i, d.Len()))
	}
	dim := d.Dim()
	return tensor.FromSlice(d.Images.Data[i*dim:(i+1)*dim:(i+1)*dim], d.Rows, d.Cols)
}
