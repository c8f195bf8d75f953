package nn

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

func TestFans(t *testing.T) {
	for _, c := range []struct {
		shape       []int
		fanIn, fanO int
	}{
		{[]int{20, 30}, 20, 30},         // Linear [in, out]
		{[]int{64, 32, 3, 3}, 288, 576}, // Conv2d [F, C, KH, KW]
		{[]int{8, 4, 5, 3}, 60, 120},
	} {
		if in, out := Fans(c.shape); in != c.fanIn || out != c.fanO {
			t.Fatalf("Fans(%v) = %d, %d; want %d, %d", c.shape, in, out, c.fanIn, c.fanO)
		}
	}
	mustPanic(t, func() { Fans([]int{5}) }, "[5]")
}

// Each scheme's sample mean is near 0 and its sample variance within 2%
// of the formula. With n = 240000 values the standard error of the
// variance is √(2/n) ≈ 0.3% (normal) or less (uniform), so 2% is a band
// that a wrong formula (off by a factor of 2 or 3) cannot hit.
func TestInitVariance(t *testing.T) {
	const in, out = 400, 600
	for _, c := range []struct {
		name string
		fill func(*tensor.Tensor, *tensor.RNG)
		want float64
	}{
		{"XavierUniform", XavierUniform, 2.0 / (in + out)},
		{"XavierNormal", XavierNormal, 2.0 / (in + out)},
		{"HeNormal", HeNormal, 2.0 / in},
		{"HeUniform", HeUniform, 2.0 / in},
	} {
		w := tensor.New(in, out)
		c.fill(w, tensor.NewRNG(5))
		mean := tensor.Mean(w)
		variance := tensor.Mean(tensor.Square(tensor.AddScalar(w, -mean)))
		if math.Abs(mean) > 0.01*math.Sqrt(c.want) || math.Abs(variance/c.want-1) > 0.02 {
			t.Fatalf("%s: mean %g, variance %g; want 0 and %g", c.name, mean, variance, c.want)
		}
	}
	// Convolution weights use the conv fans: He variance 2/(C·K·K).
	w := tensor.New(64, 50, 5, 5)
	HeNormal(w, tensor.NewRNG(6))
	if v, want := tensor.Mean(tensor.Square(w)), 2.0/(50*25); math.Abs(v/want-1) > 0.02 {
		t.Fatalf("conv HeNormal variance %g, want %g", v, want)
	}
}

func TestInitIsSeeded(t *testing.T) {
	a, b := tensor.New(10, 10), tensor.New(10, 10)
	XavierNormal(a, tensor.NewRNG(9))
	XavierNormal(b, tensor.NewRNG(9))
	for i := range a.Data {
		if a.Data[i] != b.Data[i] {
			t.Fatal("same seed, different weights")
		}
	}
}
