package optim

import (
	"runtime"
	"sync"

	"github.com/luoxia/aigc/lib/autograd"
)

// rangeUpdater is an optimizer's inner loop: updateRange applies the update
// rule to elements [lo, hi) of parameter i. The per-step bookkeeping (step
// counts, bias corrections) is done before, so ranges can run concurrently.
type rangeUpdater interface {
	updateRange(i, lo, hi int)
}

// parallelGrain is the least number of elements worth handing to another
// goroutine: with fewer, starting it costs more than it saves.
const parallelGrain = 1 << 15

// forEachRange calls u.updateRange so that, taken together, the calls cover
// every element of every parameter that has a gradient exactly once.
//
// With enough elements and more than one CPU, it lays those parameters end
// to end, cuts the line into equal parts and updates each part on its own
// goroutine. A large weight matrix is then shared between cores while small
// bias vectors are not worth splitting; the parts never overlap, so no
// locking is needed. Every element's update is the same arithmetic whichever
// goroutine does it, so results do not depend on the number of CPUs.
func forEachRange(params []*autograd.Value, u rangeUpdater) {
	total := 0
	for _, p := range params {
		if p.Grad != nil {
			total += len(p.Data.Data)
		}
	}
	parts := runtime.GOMAXPROCS(0)
	if limit := total / parallelGrain; parts > limit {
		parts = limit
	}
	if parts <= 1 {
		updateSpan(params, u, 0, total)
		return
	}
	size := (total + parts - 1) / parts
	var wg sync.WaitGroup
	for lo := size; lo < total; lo += size {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			updateSpan(params, u, lo, hi)
		}(lo, min(lo+size, total))
	}
	updateSpan(params, u, 0, size)
	wg.Wait()
}

// updateSpan updates positions [lo, hi) of the line made by laying the
// parameters that have gradients end to end.
func updateSpan(params []*autograd.Value, u rangeUpdater, lo, hi int) {
	start := 0 // where parameter i begins on the line
	for i, p := range params {
		if p.Grad == nil {
			continue
		}
		n := len(p.Data.Data)
		if a, b := max(lo, start), min(hi, start+n); a < b {
			u.updateRange(i, a-start, b-start)
		}
		start += n
		if start >= hi {
			return
		}
	}
}
