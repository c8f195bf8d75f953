package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// Slerp runs from a to b, keeps the norm of two equal-norm vectors all
// the way (a straight line would not), and halves the angle at α = ½.
func TestSlerp(t *testing.T) {
	rng := tensor.NewRNG(1)
	a, b := tensor.RandN(rng, 1, 500), tensor.RandN(rng, 1, 500)
	scale := math.Sqrt(dotOf(a, a) / dotOf(b, b))
	for i := range b.Data {
		b.Data[i] *= scale // |b| = |a|
	}
	if d := maxAbsDiff(Slerp(a, b, 0).Data, a.Data); d > 1e-12 {
		t.Fatalf("α = 0 is off a by %g", d)
	}
	if d := maxAbsDiff(Slerp(a, b, 1).Data, b.Data); d > 1e-12 {
		t.Fatalf("α = 1 is off b by %g", d)
	}
	na := math.Sqrt(dotOf(a, a))
	for _, alpha := range []float64{0.1, 0.5, 0.8} {
		m := Slerp(a, b, alpha)
		if n := math.Sqrt(dotOf(m, m)); math.Abs(n-na) > 1e-9*na {
			t.Fatalf("α = %g: norm %g, want %g", alpha, n, na)
		}
	}
	mid := Slerp(a, b, 0.5)
	angle := func(x, y *tensor.Tensor) float64 {
		return math.Acos(dotOf(x, y) / math.Sqrt(dotOf(x, x)*dotOf(y, y)))
	}
	if math.Abs(angle(a, mid)-angle(a, b)/2) > 1e-9 {
		t.Fatalf("the middle is %g from a; half the angle is %g", angle(a, mid), angle(a, b)/2)
	}
	// the straight line's middle is shorter: what slerp avoids
	line := tensor.New(1, 500)
	for i := range line.Data {
		line.Data[i] = (a.Data[i] + b.Data[i]) / 2
	}
	if math.Sqrt(dotOf(line, line)) > 0.8*na {
		t.Fatalf("the straight line's middle has norm %g of %g", math.Sqrt(dotOf(line, line)), na)
	}
}

func dotOf(a, b *tensor.Tensor) float64 {
	s := 0.0
	for i, v := range a.Data {
		s += v * b.Data[i]
	}
	return s
}
