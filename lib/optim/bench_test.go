package optim_test

import (
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// mlpParams returns the parameters of an MLP 784-512-512-10 (669,706 of
// them) with random values and gradients, as after a backward pass.
func mlpParams() []*autograd.Value {
	rng := tensor.NewRNG(1)
	shapes := [][]int{{784, 512}, {512}, {512, 512}, {512}, {512, 10}, {10}}
	params := make([]*autograd.Value, len(shapes))
	for i, shape := range shapes {
		params[i] = autograd.Param(tensor.RandN(rng, shape...))
		params[i].Grad = tensor.RandN(rng, shape...)
	}
	return params
}

// Run with -cpu 1,2 to compare one goroutine with the parameters split
// across two.
func BenchmarkAdamStep(b *testing.B) {
	benchStep(b, func(ps []*autograd.Value) optim.Optimizer { return optim.NewAdam(ps, 1e-3) })
}

func BenchmarkAdamWStep(b *testing.B) {
	benchStep(b, func(ps []*autograd.Value) optim.Optimizer { return optim.NewAdamW(ps, 1e-3, 0.01) })
}

func BenchmarkSGDMomentumStep(b *testing.B) {
	benchStep(b, func(ps []*autograd.Value) optim.Optimizer { return optim.NewSGD(ps, 1e-3, 0.9) })
}

func benchStep(b *testing.B, make func([]*autograd.Value) optim.Optimizer) {
	params := mlpParams()
	n := 0
	for _, p := range params {
		n += p.Data.Size()
	}
	opt := make(params)
	opt.Step() // allocate any lazy state outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		opt.Step()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/param")
}
