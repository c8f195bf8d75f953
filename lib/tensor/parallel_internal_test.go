package tensor

import (
	"runtime"
	"sync"
	"testing"
)

// TestParallelForCoversEachIndexOnce checks the contract every kernel
// relies on: the ranges handed to fn are disjoint and cover [0, n), for
// any worker count, and small loops stay on the caller's goroutine.
func TestParallelForCoversEachIndexOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3, 7} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 5, parallelGrain - 1, parallelGrain, parallelGrain + 3, 3*parallelGrain + 1} {
			for _, cost := range []int{1, 64} {
				hits := make([]int32, n)
				var mu sync.Mutex
				calls := 0
				parallelFor(n, cost, func(lo, hi int) {
					mu.Lock()
					calls++
					mu.Unlock()
					if lo < 0 || hi > n || lo > hi {
						t.Errorf("procs %d n %d: range [%d, %d)", procs, n, lo, hi)
						return
					}
					for i := lo; i < hi; i++ {
						hits[i]++ // ranges are disjoint, so no two goroutines share an index
					}
				})
				for i, h := range hits {
					if h != 1 {
						t.Fatalf("procs %d n %d cost %d: index %d visited %d times", procs, n, cost, i, h)
					}
				}
				if small := n*cost < parallelGrain || procs == 1 || n <= 1; small && calls != 1 {
					t.Errorf("procs %d n %d cost %d: %d calls, want 1 (too little work to split)", procs, n, cost, calls)
				}
				if big := n*cost >= parallelGrain && procs > 1 && n >= procs; big && (calls < 2 || calls > procs) {
					t.Errorf("procs %d n %d cost %d: %d calls, want 2 to %d (split across the workers)", procs, n, cost, calls, procs)
				}
			}
		}
	}
}
