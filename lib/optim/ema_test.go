package optim

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// The average starts at the weights, follows the ramp (1 + k)/(10 + k)
// while it is below Decay, and then moves by 1 − Decay of the gap.
func TestEMAFollowsTheFormula(t *testing.T) {
	p := autograd.Param(tensor.FromSlice([]float64{1, -2}, 2))
	a := autograd.Param(tensor.New(2))
	e := NewEMA([]*autograd.Value{p}, []*autograd.Value{a}, 0.5)
	if a.Data.Data[0] != 1 || a.Data.Data[1] != -2 {
		t.Fatalf("the average starts at %v, want the weights [1 -2]", a.Data.Data)
	}
	want := []float64{1, -2}
	for k := 0; k < 20; k++ {
		p.Data.Data[0], p.Data.Data[1] = float64(k), float64(-k)
		e.Update()
		d := math.Min(0.5, float64(1+k)/float64(10+k))
		want[0] = d*want[0] + (1-d)*float64(k)
		want[1] = d*want[1] - (1-d)*float64(k)
		if math.Abs(a.Data.Data[0]-want[0]) > 1e-12 || math.Abs(a.Data.Data[1]-want[1]) > 1e-12 {
			t.Fatalf("after update %d: %v, want %v", k, a.Data.Data, want)
		}
	}
	// a constant weight is a fixed point
	p.Data.Data[0] = 3
	for k := 0; k < 200; k++ {
		e.Update()
	}
	if math.Abs(a.Data.Data[0]-3) > 1e-9 {
		t.Fatalf("a weight held at 3 averages to %g", a.Data.Data[0])
	}
}

func TestEMARejectsMismatches(t *testing.T) {
	p := autograd.Param(tensor.New(2))
	for name, fn := range map[string]func(){
		"decay 1": func() { NewEMA([]*autograd.Value{p}, []*autograd.Value{autograd.Param(tensor.New(2))}, 1) },
		"count":   func() { NewEMA([]*autograd.Value{p}, nil, 0.9) },
		"shape":   func() { NewEMA([]*autograd.Value{p}, []*autograd.Value{autograd.Param(tensor.New(3))}, 0.9) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			fn()
		}()
	}
}
