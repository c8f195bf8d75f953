package autograd_test

import (
	"sync"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// trainMLP fits a seeded 2-16-2 MLP to a synthetic two-class problem
// (points labelled by the sign of x·y) with Adam and returns its weights;
// with release set, each step ends with loss.Release().
func trainMLP(steps int, release bool) []*autograd.Value {
	rng := tensor.NewRNG(21)
	model := nn.NewSequential(nn.NewLinear(2, 16, rng), nn.Tanh{}, nn.NewLinear(16, 2, rng))
	x := tensor.RandU(rng, -1, 1, 64, 2)
	labels := make([]int, 64)
	for i := range labels {
		if x.Data[2*i]*x.Data[2*i+1] > 0 {
			labels[i] = 1
		}
	}
	opt := optim.NewAdam(nn.Values(model), 1e-2)
	for s := 0; s < steps; s++ {
		loss := nn.CrossEntropy(model.Forward(autograd.Const(x)), labels, 0)
		opt.ZeroGrad()
		loss.Backward()
		opt.Step()
		if release {
			loss.Release()
		}
	}
	return nn.Values(model)
}

// A goroutine that evaluates one model without gradients changes nothing
// about another goroutine's training: the trained weights are those of
// the same run alone, bit for bit, and the evaluated model records nothing.
func TestNoGradAlongsideTraining(t *testing.T) {
	const steps = 300
	alone := trainMLP(steps, false)

	rng := tensor.NewRNG(22)
	other := nn.NewSequential(nn.NewLinear(2, 32, rng), nn.ReLU{}, nn.NewLinear(32, 3, rng))
	x := tensor.RandN(rng, 256, 2)

	var trained []*autograd.Value
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(done)
		trained = trainMLP(steps, false)
	}()
	evals, recorded := 0, 0
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				if evals > 0 {
					return
				}
			default:
			}
			if y := other.Forward(autograd.NoGrad(x)); y.RequiresGrad() || !y.IsNoGrad() {
				recorded++
			}
			evals++
		}
	}()
	wg.Wait()

	if recorded > 0 {
		t.Errorf("%d of %d passes from a no-grad input recorded a graph", recorded, evals)
	}
	for i, v := range nn.Values(other) {
		if v.Grad != nil {
			t.Errorf("the evaluated model's weight %d has a gradient", i)
		}
	}
	for i, v := range trained {
		if d := tensor.MaxAbs(tensor.Sub(v.Data, alone[i].Data)); d != 0 {
			t.Errorf("weight %d differs by %g from the run without the evaluating goroutine", i, d)
		}
	}
	t.Logf("%d no-grad passes ran during %d training steps", evals, steps)
}
