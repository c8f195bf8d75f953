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

// TestIm2ColAndCol2ImAreAdjoint checks <im2col(x), c> = <x, col2im(c)>
// directly on the lowering the convolutions are built from.
func TestIm2ColAndCol2ImAreAdjoint(t *testing.T) {
	rng := NewRNG(27)
	for _, g := range []geom{
		{c: 2, h: 5, w: 6, kh: 3, kw: 2, stride: 1, pad: 1},
		{c: 3, h: 8, w: 8, kh: 4, kw: 4, stride: 2, pad: 1},
		{c: 1, h: 7, w: 5, kh: 3, kw: 3, stride: 3, pad: 2},
	} {
		g.oh, g.ow = ConvOutSize(g.h, g.kh, g.stride, g.pad), ConvOutSize(g.w, g.kw, g.stride, g.pad)
		x := RandN(rng, g.c*g.h*g.w)
		c := RandN(rng, g.rows()*g.cols())
		col := make([]float64, g.rows()*g.cols())
		im2col(g, x.Data, col)
		back := make([]float64, len(x.Data))
		col2im(g, c.Data, back)
		lhs, rhs := 0.0, 0.0
		for i := range col {
			lhs += col[i] * c.Data[i]
		}
		for i := range back {
			rhs += x.Data[i] * back[i]
		}
		if d := lhs - rhs; d > 1e-12 || d < -1e-12 {
			t.Errorf("%+v: <im2col(x), c> = %.15g but <x, col2im(c)> = %.15g", g, lhs, rhs)
		}
	}
}
