package tensor_test

import (
	"fmt"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// Run with -cpu 1,2 to compare one core with two; see
// ../../../shared/notes/performance.md for what to expect on this machine.

// reportGFLOPS adds a GFLOP/s column for flops floating-point operations per iteration.
func reportGFLOPS(b *testing.B, flops float64) {
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkMatMul(b *testing.B) {
	for _, d := range [][3]int{
		{128, 784, 512}, // an MNIST batch through an MLP's first layer
		{512, 512, 512},
	} {
		m, k, n := d[0], d[1], d[2]
		for _, p := range []tensor.Precision{tensor.Float64, tensor.Float32} {
			b.Run(fmt.Sprintf("%dx%d·%dx%d/%v", m, k, k, n, p), func(b *testing.B) {
				g := tensor.NewRNG(1)
				x, w := tensor.RandN(g, m, k), tensor.RandN(g, k, n)
				for b.Loop() {
					tensor.MatMulTIn(p, x, false, w, false)
				}
				reportGFLOPS(b, 2*float64(m*k*n))
			})
		}
	}
}

// BenchmarkConv2d times a DCGAN discriminator layer: a batch of 64,
// 64 -> 128 channels, 14x14 -> 7x7 with a 4x4 kernel, stride 2, pad 1,
// forward and both gradients.
func BenchmarkConv2d(b *testing.B) {
	const n, c, f, h, k, s, p = 64, 64, 128, 14, 4, 2, 1
	g := tensor.NewRNG(1)
	x, w := tensor.RandN(g, n, c, h, h), tensor.RandN(g, f, c, k, k)
	o := tensor.ConvOutSize(h, k, s, p)
	dy := tensor.RandN(g, n, f, o, o)
	flops := 2 * float64(n*f*o*o*c*k*k)
	b.Run("forward", func(b *testing.B) {
		for b.Loop() {
			tensor.Conv2d(x, w, s, p)
		}
		reportGFLOPS(b, flops)
	})
	b.Run("gradInput", func(b *testing.B) {
		for b.Loop() {
			tensor.Conv2dGradInput(dy, w, h, h, s, p)
		}
		reportGFLOPS(b, flops)
	})
	b.Run("gradWeight", func(b *testing.B) {
		for b.Loop() {
			tensor.Conv2dGradWeight(x, dy, k, k, s, p)
		}
		reportGFLOPS(b, flops)
	})
}

// BenchmarkAdd reports memory throughput (MB/s: two operands read, one result written).
func BenchmarkAdd(b *testing.B) {
	const rows, cols = 1024, 1024
	g := tensor.NewRNG(1)
	x := tensor.RandN(g, rows, cols)
	for _, c := range []struct {
		name string
		y    *tensor.Tensor
	}{
		{"same-shape-1024x1024", tensor.RandN(g, rows, cols)},
		{"bias-1024x1024+1024", tensor.RandN(g, cols)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(8 * (2*x.Size() + c.y.Size())))
			for b.Loop() {
				tensor.Add(x, c.y)
			}
		})
	}
	b.Run("axpy-in-place-1024x1024", func(b *testing.B) {
		y := tensor.RandN(g, rows, cols)
		b.SetBytes(int64(8 * 3 * y.Size()))
		for b.Loop() {
			y.Axpy(1e-9, x)
		}
	})
}

// BenchmarkSoftmax runs row softmaxes the size of a transformer's attention
// scores (batch 12, 4 heads, 64 queries over 64 keys) and of a 1024-way output.
func BenchmarkSoftmax(b *testing.B) {
	for _, shape := range [][]int{{12 * 4 * 64, 64}, {256, 1024}} {
		b.Run(fmt.Sprintf("%dx%d", shape[0], shape[1]), func(b *testing.B) {
			x := tensor.RandN(tensor.NewRNG(1), shape...)
			b.SetBytes(int64(8 * 2 * x.Size()))
			for b.Loop() {
				tensor.Softmax(x)
			}
		})
	}
}
