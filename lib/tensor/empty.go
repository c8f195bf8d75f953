package tensor

import (
	"sync"
	"unsafe"
)

// A training step allocates the same tensors, of the same sizes, at every
// step: the activations of the forward pass and their gradients, a few
// hundred megabytes for a small GPT. Go hands out memory zeroed, and
// zeroing that much took an eighth of the GPT's step, before collecting
// it as garbage. Recycle and Empty let one step's memory serve the
// next without either: an operation that writes every element of its
// result asks Empty for it, and Empty returns a recycled slice of the
// right length, with whatever it held, when there is one.

// recycled holds, by length, the slices of the latest Recycle that Empty
// has not handed out yet.
var recycled struct {
	sync.Mutex
	free map[int][][]float64
}

// Empty returns a tensor of the given shape whose elements are
// unspecified: a recycled tensor's old values, or zeros. It is for
// results that the caller overwrites entirely before anyone reads them.
func Empty(shape ...int) *Tensor {
	n := sizeOf(shape)
	var s []float64
	recycled.Lock()
	if free := recycled.free[n]; len(free) > 0 {
		s, recycled.free[n] = free[len(free)-1], free[:len(free)-1]
	}
	recycled.Unlock()
	if s == nil {
		s = make([]float64, n)
	}
	return &Tensor{Shape: cloneInts(shape), Data: s}
}

// Recycle gives the memory of ts to later calls of Empty: only their
// owner may call it, once ts and every other tensor that shares their
// memory are no longer used, for Empty will hand the same memory to new
// tensors. A tensor whose slice has room beyond its length is recycled
// whole, a tensor listed twice once, and nil is skipped. Memory of an
// earlier call that Empty has not handed out is let go, so what waits to
// be reused is never more than one call's worth: a training step's, when
// each step gives back its own.
func Recycle(ts ...*Tensor) {
	free := make(map[int][][]float64)
	seen := make(map[*float64]bool, len(ts))
	for _, t := range ts {
		if t == nil {
			continue
		}
		s := t.Data[:cap(t.Data)]
		if len(s) == 0 || seen[unsafe.SliceData(s)] {
			continue
		}
		seen[unsafe.SliceData(s)] = true
		free[len(s)] = append(free[len(s)], s)
	}
	recycled.Lock()
	recycled.free = free
	recycled.Unlock()
}
