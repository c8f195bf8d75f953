package autograd

import (
	"cmp"
	"slices"
	"unsafe"

	"github.com/luoxia/aigc/lib/tensor"
)

// Release ends the graph that computed v, once its Backward has run and
// the optimiser has used the gradients: the memory of every intermediate
// Value's data and gradient, and of the tensors only its backward reads,
// goes to tensor.Recycle, so that the next step's operations reuse it
// instead of allocating zeroed memory. Those Values lose their Data and
// Grad (nil), and the graph's links are cut, so a Value of the released
// graph that is used again fails loudly. v keeps its Data (the loss stays
// readable), and leaves keep theirs: parameters, their gradients,
// constants.
//
// Memory that another tensor of the graph also uses, such as a gradient
// passed through unchanged or a view of a parameter, is left alone.
// Release cannot know of tensors held outside the graph: call it only
// when nothing from the step is needed any more.
func (v *Value) Release() {
	order := topoSort(v)
	var spans []span
	for _, n := range order {
		for _, p := range n.parents {
			if p := p.(*Value); !p.requiresGrad {
				spans = appendSpan(spans, p.Data, nil) // constants are not in order
			}
		}
		owner := n // nil for v and the leaves, whose tensors are kept
		if n == v || n.parents == nil {
			owner = nil
		}
		for _, t := range append([]*tensor.Tensor{n.Data, n.Grad}, n.saved...) {
			spans = appendSpan(spans, t, owner)
		}
	}
	tensor.Recycle(ownedAlone(spans)...)
	for _, n := range order {
		if n != v && n.parents != nil {
			n.Data, n.Grad = nil, nil
		}
		n.parents, n.backward, n.saved = nil, nil, nil
	}
}

// A span is the memory of one tensor of a graph, from the start of its
// data to the end of its slice's capacity, and the Value it belongs to
// (nil: a tensor Release must not recycle).
type span struct {
	lo, hi uintptr
	t      *tensor.Tensor
	owner  *Value
}

func appendSpan(spans []span, t *tensor.Tensor, owner *Value) []span {
	if t == nil || cap(t.Data) == 0 {
		return spans
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(t.Data)))
	return append(spans, span{lo: lo, hi: lo + uintptr(cap(t.Data))*unsafe.Sizeof(float64(0)), t: t, owner: owner})
}

// ownedAlone returns one tensor for each stretch of memory that only
// intermediate Values use, each exactly as a whole: overlapping spans are
// grouped, and a group is recycled only when all its spans are the same
// memory and none must be kept.
func ownedAlone(spans []span) []*tensor.Tensor {
	slices.SortFunc(spans, func(a, b span) int {
		if a.lo != b.lo {
			return cmp.Compare(a.lo, b.lo)
		}
		return cmp.Compare(a.hi, b.hi)
	})
	var out []*tensor.Tensor
	for i := 0; i < len(spans); {
		j, hi, ok := i+1, spans[i].hi, spans[i].owner != nil
		for ; j < len(spans) && spans[j].lo < hi; j++ {
			ok = ok && spans[j].owner != nil && spans[j].lo == spans[i].lo && spans[j].hi == spans[i].hi
			hi = max(hi, spans[j].hi)
		}
		if ok {
			out = append(out, spans[i].t)
		}
		i = j
	}
	return out
}
