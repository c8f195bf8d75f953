package tensor

import (
	"runtime"
	"sync"
)

// parallelGrain is the smallest amount of work (in elements) worth handing
// to another goroutine; below it, the loop runs on the caller's goroutine.
const parallelGrain = 1 << 15

// parallelFor calls fn(lo, hi) on disjoint ranges that cover [0, n),
// splitting the range across GOMAXPROCS goroutines when n*cost is large.
// cost is the rough work per index in elements (1 for elementwise loops).
func parallelFor(n, cost int, fn func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	if workers <= 1 || n*cost < parallelGrain {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := lo + chunk
		if hi > n {
			hi = n
		}
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			fn(lo, hi)
		}(lo, hi)
	}
	wg.Wait()
}
