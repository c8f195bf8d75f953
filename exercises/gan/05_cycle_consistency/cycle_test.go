//go:build graded

package cycle

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// Simple translators whose round trips can be worked out by hand.
var (
	ident   Map = func(t *tensor.Tensor) *tensor.Tensor { return t.Clone() }
	double  Map = func(t *tensor.Tensor) *tensor.Tensor { return tensor.Scale(t, 2) }
	halve   Map = func(t *tensor.Tensor) *tensor.Tensor { return tensor.Scale(t, 0.5) }
	negate  Map = func(t *tensor.Tensor) *tensor.Tensor { return tensor.Neg(t) }
	plusOne Map = func(t *tensor.Tensor) *tensor.Tensor { return tensor.AddScalar(t, 1) }
	minus1  Map = func(t *tensor.Tensor) *tensor.Tensor { return tensor.AddScalar(t, -1) }
)

// The batches: x from X, two samples of two values, mean |x| = 6/4 = 1.5;
// y from Y, one sample of two values, mean |y| = 8/2 = 4.
func batches() (x, y *tensor.Tensor) {
	return tensor.FromSlice([]float64{1, -2, 3, 0}, 2, 2), tensor.FromSlice([]float64{4, -4}, 1, 2)
}

func TestMeanAbsError(t *testing.T) {
	cases := []struct {
		name string
		a, b *tensor.Tensor
		want float64
	}{
		{"equal", tensor.FromSlice([]float64{1, 2, 3}, 3), tensor.FromSlice([]float64{1, 2, 3}, 3), 0},
		{"(3 + 1)/2", tensor.FromSlice([]float64{0, 0}, 2), tensor.FromSlice([]float64{3, -1}, 2), 2},
		{"(1 + 0 + 1 + 2)/4", tensor.FromSlice([]float64{1, 2, 3, 4}, 2, 2), tensor.Full(2, 2, 2), 1},
		{"no elements", tensor.New(0, 3), tensor.New(0, 3), math.NaN()},
	}
	for _, c := range cases {
		got := MeanAbsError(c.a, c.b)
		if math.IsNaN(c.want) {
			if !math.IsNaN(got) {
				t.Errorf("%s: MeanAbsError = %g, want NaN", c.name, got)
			}
			continue
		}
		if math.IsNaN(got) || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: MeanAbsError(%v, %v) = %g, want %g", c.name, c.a, c.b, got, c.want)
		}
	}
	mismatched := []struct {
		name string
		a, b *tensor.Tensor
	}{
		{"[2 2] and [4]", tensor.New(2, 2), tensor.New(4)},
		{"[2 2] and [2], which broadcast", tensor.New(2, 2), tensor.New(2)},
		{"[1 2] and [2 2], which broadcast", tensor.New(1, 2), tensor.New(2, 2)},
	}
	for _, c := range mismatched {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("MeanAbsError of shapes %s did not panic", c.name)
				}
			}()
			MeanAbsError(c.a, c.b)
		}()
	}
}

func TestCycleLoss(t *testing.T) {
	cases := []struct {
		name string
		g, f Map
		want float64
	}{
		// F undoes G exactly: both round trips come back.
		{"G doubles, F halves", double, halve, 0},
		{"both the identity", ident, ident, 0},
		{"both negate", negate, negate, 0},
		{"G adds 1, F subtracts 1", plusOne, minus1, 0},
		// F(G(x)) - x = 2x + 1 - x = x + 1 = (2, -1, 4, 1): mean 8/4 = 2.
		// G(F(y)) - y = 2(y + 1) - y = y + 2 = (6, -2): mean 8/2 = 4.
		// (One mean over all six values would give 16/6.)
		{"G doubles, F adds 1", double, plusOne, 6},
		// F(G(x)) - x = 2(x + 1) - x = x + 2 = (3, 0, 5, 2): mean 2.5.
		// G(F(y)) - y = 2y + 1 - y = y + 1 = (5, -3): mean 4.
		// (F first on x and G first on y would give 2 + 4 = 6.)
		{"G adds 1, F doubles", plusOne, double, 6.5},
		// F(G(x)) - x = 3x: mean 4.5. G(F(y)) - y = 3y: mean 12.
		{"both double", double, double, 16.5},
	}
	for _, c := range cases {
		x, y := batches()
		if got := CycleLoss(c.g, c.f, x, y); math.IsNaN(got) || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: CycleLoss = %g, want %g", c.name, got, c.want)
		}
	}
}

func TestIdentityLoss(t *testing.T) {
	cases := []struct {
		name string
		g, f Map
		want float64
	}{
		{"both the identity", ident, ident, 0},
		// G(y) - y = y: mean 4. F(x) - x = -x/2: mean 0.75. A perfect cycle
		// is no perfect identity.
		{"G doubles, F halves", double, halve, 4.75},
		// G(y) - y = y: mean 4. F(x) - x = 1: mean 1. (G on x and F on y
		// would give 1.5 + 1.)
		{"G doubles, F adds 1", double, plusOne, 5},
		// G(y) - y = 1: mean 1. F(x) - x = x: mean 1.5.
		{"G adds 1, F doubles", plusOne, double, 2.5},
		// G(y) - y = -2y: mean 8. F(x) - x = -2x: mean 3.
		{"both negate", negate, negate, 11},
		{"G adds 1, F subtracts 1", plusOne, minus1, 2},
	}
	for _, c := range cases {
		x, y := batches()
		if got := IdentityLoss(c.g, c.f, x, y); math.IsNaN(got) || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: IdentityLoss = %g, want %g", c.name, got, c.want)
		}
	}
}
