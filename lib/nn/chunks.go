package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// InChunks evaluates f on the rows of x, chunk rows at a time, and stacks
// f's results along the first axis: the way to run a model over a whole
// test set without recording a graph and with memory bounded by the chunk.
// Each chunk reaches f as a no-grad leaf (autograd.NoGrad), so nothing f
// computes from it records a graph, and the result of chunk i fills the
// rows of chunk i in the stacked tensor when f keeps one result row per
// input row.
//
// f may return nil for every chunk, when it keeps what it needs itself (a
// running sum, say); InChunks then returns nil. A chunk size that is not
// positive, or f returning nil for some chunks and not for others, is a
// programming error and panics.
func InChunks(x *tensor.Tensor, chunk int, f func(x *autograd.Value) *tensor.Tensor) *tensor.Tensor {
	if chunk <= 0 || x.Dims() == 0 {
		panic(fmt.Sprintf("nn: InChunks of %v in chunks of %d rows; want rows and a positive chunk size", x.Shape, chunk))
	}
	n := x.Shape[0]
	var parts []*tensor.Tensor
	nils := 0
	for lo := 0; lo < n; lo += chunk {
		out := f(autograd.NoGrad(tensor.Slice(x, 0, lo, min(lo+chunk, n))))
		if out == nil {
			nils++
			continue
		}
		parts = append(parts, out)
	}
	switch {
	case len(parts) == 0:
		return nil
	case nils > 0:
		panic(fmt.Sprintf("nn: InChunks: f returned nil for %d of %d chunks", nils, nils+len(parts)))
	case len(parts) == 1:
		return parts[0]
	}
	return tensor.Concat(0, parts...)
}
