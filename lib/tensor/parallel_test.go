package tensor_test

import (
	"fmt"
	"math"
	"runtime"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// chunked applies op to a and b in pieces of 1000 elements (each far below
// the size at which kernels go parallel) and joins the pieces.
func chunked(a, b *tensor.Tensor, op func(a, b *tensor.Tensor) *tensor.Tensor) *tensor.Tensor {
	out := tensor.New(a.Shape...)
	for lo := 0; lo < a.Size(); lo += 1000 {
		hi := min(lo+1000, a.Size())
		piece := op(tensor.FromSlice(a.Data[lo:hi], hi-lo), tensor.FromSlice(b.Data[lo:hi], hi-lo))
		copy(out.Data[lo:hi], piece.Data)
	}
	return out
}

func TestLargeOpsMatchChunkedOps(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	g := tensor.NewRNG(28)
	// 3·(1<<15+16) elements: above the parallel grain, and split unevenly
	// by 7 workers, so the last chunk is short.
	shape := []int{3, 1<<15 + 16}
	a, b := randT(g, shape...), randT(g, shape...)
	ops := map[string]func(a, b *tensor.Tensor) *tensor.Tensor{
		"Add": tensor.Add, "Sub": tensor.Sub, "Mul": tensor.Mul, "Div": tensor.Div,
		"Map(tanh)": func(a, _ *tensor.Tensor) *tensor.Tensor { return tensor.Map(a, math.Tanh) },
		"Sigmoid":   func(a, _ *tensor.Tensor) *tensor.Tensor { return tensor.Sigmoid(a) },
		"Axpy": func(a, b *tensor.Tensor) *tensor.Tensor {
			c := a.Clone()
			c.Axpy(0.5, b)
			return c
		},
		"Softmax": func(a, _ *tensor.Tensor) *tensor.Tensor {
			// Rows of 8 values, so every chunk of 1000 is whole rows.
			return tensor.Softmax(a.Reshape(-1, 8)).Reshape(a.Shape...)
		},
	}
	for _, procs := range []int{1, 2, 3, 7} {
		runtime.GOMAXPROCS(procs)
		for name, op := range ops {
			want := chunked(a, b, op)
			got := op(a, b)
			for i := range want.Data {
				if got.Data[i] != want.Data[i] {
					t.Fatalf("GOMAXPROCS %d: %s element %d is %.17g whole, %.17g in chunks", procs, name, i, got.Data[i], want.Data[i])
				}
			}
		}
	}
}

func TestLargeBroadcastMatchesReference(t *testing.T) {
	g := tensor.NewRNG(29)
	x, bias := randT(g, 512, 130), randT(g, 130)
	col := randT(g, 512, 1)
	for name, got := range map[string]*tensor.Tensor{
		"x + bias": tensor.Add(x, bias),
		"x * col":  tensor.Mul(x, col),
	} {
		var b *tensor.Tensor
		var f func(x, y float64) float64
		if name == "x + bias" {
			b, f = bias, func(x, y float64) float64 { return x + y }
		} else {
			b, f = col, func(x, y float64) float64 { return x * y }
		}
		checkTensor(t, fmt.Sprint(name), got, refBinary(x, b, f), approx)
	}
}
