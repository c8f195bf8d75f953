package nn

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestDropoutEvalIsIdentity(t *testing.T) {
	d := NewDropout(0.5, tensor.NewRNG(1))
	SetTraining(d, false)
	x := autograd.Const(tensor.RandN(tensor.NewRNG(2), 10, 10))
	if y := d.Forward(x); y != x {
		t.Fatal("evaluation-mode Dropout changed its input")
	}
}

// In training, a fraction near p is zeroed and the rest scaled by 1/(1-p);
// the gradient flows through exactly the surviving elements, with that scale.
func TestDropoutTrain(t *testing.T) {
	const p, n = 0.3, 100000
	d := NewDropout(p, tensor.NewRNG(1))
	x := autograd.Param(tensor.RandU(tensor.NewRNG(2), 1, 2, n)) // no zeros of its own
	y := d.Forward(x)
	autograd.Sum(y).Backward()
	zeros := 0
	for i, v := range y.Data.Data {
		g := x.Grad.Data[i]
		switch {
		case v == 0:
			zeros++
			if g != 0 {
				t.Fatalf("dropped element %d has gradient %g", i, g)
			}
		case !near(v, x.Data.Data[i]/(1-p), 1e-15) || !near(g, 1/(1-p), 1e-15):
			t.Fatalf("kept element %d: y %g, gradient %g; want x/(1-p) = %g and %g", i, v, g, x.Data.Data[i]/(1-p), 1/(1-p))
		}
	}
	// The zero count is Binomial(n, p): standard deviation √(n·p·(1-p)) ≈ 145.
	if frac := float64(zeros) / n; math.Abs(frac-p) > 0.01 {
		t.Fatalf("dropped fraction %g, want %g ± 0.01", frac, p)
	}
}

func TestDropoutSameSeedSameMask(t *testing.T) {
	x := autograd.Const(tensor.Ones(1000))
	a := NewDropout(0.5, tensor.NewRNG(42)).Forward(x)
	b := NewDropout(0.5, tensor.NewRNG(42)).Forward(x)
	c := NewDropout(0.5, tensor.NewRNG(43)).Forward(x)
	same := true
	for i := range a.Data.Data {
		if a.Data.Data[i] != b.Data.Data[i] {
			t.Fatalf("same seed, different masks at %d", i)
		}
		same = same && a.Data.Data[i] == c.Data.Data[i]
	}
	if same {
		t.Fatal("different seeds gave the same mask")
	}
}

func TestDropoutEdgeProbabilities(t *testing.T) {
	x := autograd.Const(tensor.Ones(50))
	if y := NewDropout(0, tensor.NewRNG(1)).Forward(x); y != x {
		t.Fatal("p = 0 changed the input")
	}
	if y := NewDropout(1, tensor.NewRNG(1)).Forward(x); tensor.MaxAbs(y.Data) != 0 {
		t.Fatalf("p = 1 kept something: %v", y.Data)
	}
	mustPanic(t, func() { NewDropout(1.5, tensor.NewRNG(1)) }, "NewDropout(1.5)")
}
