package optim

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// counter counts how often each element of each parameter is updated.
type counter struct{ hits [][]int32 }

func (c *counter) updateRange(i, lo, hi int) {
	for j := lo; j < hi; j++ {
		atomic.AddInt32(&c.hits[i][j], 1)
	}
}

// forEachRange must visit every element of every parameter with a gradient
// exactly once, and nothing else, however the line is cut.
func TestForEachRangeCoversEachElementOnce(t *testing.T) {
	sizes := []int{1, 70001, 3, 0, parallelGrain, 5, 2*parallelGrain + 7, 1}
	withGrad := []bool{true, true, false, true, true, true, false, true}
	params := make([]*autograd.Value, len(sizes))
	c := &counter{hits: make([][]int32, len(sizes))}
	for i, n := range sizes {
		params[i] = autograd.Param(tensor.New(n))
		if withGrad[i] {
			params[i].Grad = tensor.New(n)
		}
		c.hits[i] = make([]int32, n)
	}
	for _, procs := range []int{1, 2, 3, 8} {
		prev := runtime.GOMAXPROCS(procs)
		forEachRange(params, c)
		runtime.GOMAXPROCS(prev)
		for i := range sizes {
			want := int32(0)
			if withGrad[i] {
				want = 1
			}
			for j, h := range c.hits[i] {
				if h != want {
					t.Fatalf("GOMAXPROCS %d: parameter %d element %d updated %d times, want %d", procs, i, j, h, want)
				}
				c.hits[i][j] = 0
			}
		}
	}
}

// Splitting the work across goroutines changes who computes an element,
// never what is computed: one and four goroutines give identical bits.
func TestAdamSameResultOnAnyNumberOfCPUs(t *testing.T) {
	run := func(procs int) []float64 {
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		rng := tensor.NewRNG(3)
		a := autograd.Param(tensor.RandN(rng, 300, 400))
		b := autograd.Param(tensor.RandN(rng, 400))
		opt := NewAdamW([]*autograd.Value{a, b}, 0.01, 0.1)
		for step := 0; step < 3; step++ {
			a.Grad, b.Grad = tensor.RandN(rng, 300, 400), tensor.RandN(rng, 400)
			opt.Step()
		}
		return append(append([]float64(nil), a.Data.Data...), b.Data.Data...)
	}
	one, four := run(1), run(4)
	for i := range one {
		if one[i] != four[i] {
			t.Fatalf("element %d: %v with one goroutine, %v with four", i, one[i], four[i])
		}
	}
}
