package autograd

import (
	"fmt"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// Each pixel of a 2x3 image becomes a 2x2 block of a 4x6 image, in every
// channel of every example; the gradient of a pixel is the sum of the
// upstream gradient over its block.
func TestUpsample2xByHand(t *testing.T) {
	x := Param(tensor.FromSlice([]float64{
		1, 2, 3,
		4, 5, 6,

		-1, 0, 7,
		8, 9, -2,
	}, 2, 1, 2, 3))
	y := Upsample2x(x)
	want := []float64{
		1, 1, 2, 2, 3, 3,
		1, 1, 2, 2, 3, 3,
		4, 4, 5, 5, 6, 6,
		4, 4, 5, 5, 6, 6,

		-1, -1, 0, 0, 7, 7,
		-1, -1, 0, 0, 7, 7,
		8, 8, 9, 9, -2, -2,
		8, 8, 9, 9, -2, -2,
	}
	if !tensor.EqualShape(y.Shape(), []int{2, 1, 4, 6}) {
		t.Fatalf("shape %v, want [2 1 4 6]", y.Shape())
	}
	for i, v := range want {
		if y.Data.Data[i] != v {
			t.Fatalf("Upsample2x = %v, want %v", y.Data.Data, want)
		}
	}

	// Upstream gradient k at the k-th output: the block of pixel (0, 0) of
	// the first example holds 0, 1, 6, 7, which sum to 14.
	g := tensor.New(2, 1, 4, 6)
	for i := range g.Data {
		g.Data[i] = float64(i)
	}
	y.BackwardWith(g)
	for p := 0; p < 2; p++ {
		for i := 0; i < 2; i++ {
			for j := 0; j < 3; j++ {
				at := func(a, b int) float64 { return g.Data[p*24+(2*i+a)*6+2*j+b] }
				sum := at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)
				if got := x.Grad.Data[p*6+i*3+j]; got != sum {
					t.Fatalf("dL/dx[%d, 0, %d, %d] = %g, want %g", p, i, j, got, sum)
				}
			}
		}
	}
	if x.Grad.Data[0] != 14 {
		t.Fatalf("dL/dx[0, 0, 0, 0] = %g, want 0+1+6+7 = 14", x.Grad.Data[0])
	}
}

func TestUpsample2xPanicsOnNon4D(t *testing.T) {
	defer func() {
		r := recover()
		msg := fmt.Sprint(r)
		if r == nil || !strings.Contains(msg, "[3 4 5]") || !strings.Contains(msg, "[N, C, H, W]") {
			t.Fatalf("panic %v; want one naming the shape [3 4 5] and [N, C, H, W]", r)
		}
	}()
	Upsample2x(Const(tensor.New(3, 4, 5)))
}
