package autograd_test

import (
	"math"
	"slices"
	"sync"
	"testing"
	"unsafe"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// start is where t's memory begins.
func start(t *tensor.Tensor) *float64 { return unsafe.SliceData(t.Data) }

// Release hands the intermediate tensors' memory to tensor.Empty and
// leaves the loss, the parameters and their gradients as they were; a
// released Value used again fails loudly.
func TestReleaseRecyclesIntermediates(t *testing.T) {
	rng := tensor.NewRNG(5)
	x, w := autograd.Param(tensor.RandN(rng, 3, 4)), autograd.Param(tensor.RandN(rng, 4, 5))
	h := autograd.MatMul(x, w)
	y := autograd.Tanh(h)
	loss := autograd.Sum(autograd.Mul(y, y))
	loss.Backward()
	value, xData, xGrad, wGrad := loss.Item(), x.Data.Clone(), x.Grad.Clone(), w.Grad.Clone()
	intermediate := []*float64{start(h.Data), start(h.Grad), start(y.Data), start(y.Grad)}

	loss.Release()
	if h.Data != nil || h.Grad != nil || y.Data != nil {
		t.Fatalf("released intermediates keep their tensors")
	}
	if loss.Item() != value {
		t.Fatalf("the loss reads %v after Release, %v before", loss.Item(), value)
	}
	for _, c := range []struct {
		what      string
		got, want *tensor.Tensor
	}{{"x", x.Data, xData}, {"dL/dx", x.Grad, xGrad}, {"dL/dw", w.Grad, wGrad}} {
		if !slices.Equal(c.got.Data, c.want.Data) {
			t.Fatalf("%s changed by Release", c.what)
		}
	}
	if e := tensor.Empty(3, 5); !slices.Contains(intermediate, start(e)) {
		t.Fatalf("Empty(3, 5) after Release did not reuse an intermediate's memory")
	}
	defer func() {
		if recover() == nil {
			t.Fatalf("using a released Value did not panic")
		}
	}()
	autograd.Add(h, h)
}

// Memory that the graph shares with what Release must keep (a view of a
// parameter, a gradient the caller passed in and that flows through
// unchanged) is not recycled.
func TestReleaseLeavesSharedMemoryAlone(t *testing.T) {
	rng := tensor.NewRNG(6)
	p := autograd.Param(tensor.RandN(rng, 2, 6))
	v := autograd.Reshape(p, 3, 4) // p's memory
	sq := autograd.Mul(v, v)
	g := tensor.RandN(rng, 3, 4)
	root := autograd.Add(sq, v) // sq's gradient is g itself
	root.BackwardWith(g)
	if start(sq.Grad) != start(g) {
		t.Fatalf("the test needs Add to pass g through unchanged")
	}
	pData, gData := p.Data.Clone(), g.Clone()
	sqData := start(sq.Data)

	root.Release()
	reused := false
	for range 8 {
		e := tensor.Empty(12)
		if start(e) == start(p.Data) || start(e) == start(g) {
			t.Fatalf("Empty(12) handed out memory that Release had to keep")
		}
		reused = reused || start(e) == sqData
		e.Fill(math.NaN())
	}
	if !reused {
		t.Fatalf("Mul's result, used by nothing else, was not recycled")
	}
	if !slices.Equal(p.Data.Data, pData.Data) || !slices.Equal(g.Data, gData.Data) {
		t.Fatalf("the parameter or the caller's gradient changed")
	}
}

// Releasing every step's graph changes no weight by a bit, even with
// another model training and releasing at the same time: the two share
// the recycled memory.
func TestReleasedTrainingSameBits(t *testing.T) {
	const steps = 200
	want := trainMLP(steps, false)
	got := make([][]*autograd.Value, 2)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = trainMLP(steps, true) })
	}
	wg.Wait()
	for _, run := range got {
		for i, v := range run {
			if !slices.Equal(v.Data.Data, want[i].Data.Data) {
				t.Fatalf("weight %d differs when each step releases its graph", i)
			}
		}
	}
}

// What a backward alone reads (LayerNorm's x̂, the float32 GELU's
// derivative) is recycled with the graph: Empty hands it out again,
// recognisable by its numbers.
func TestReleaseRecyclesSavedTensors(t *testing.T) {
	rng := tensor.NewRNG(7)
	x := tensor.RandN(rng, 6, 8)
	wantXHat := autograd.Standardize(autograd.Const(x), 1e-5).Data.Clone()
	_, wantDy := tensor.GELUFloat32(x)
	wantDy = wantDy.Clone()
	for _, c := range []struct {
		what  string
		build func(a *autograd.Value) *autograd.Value
		want  *tensor.Tensor
	}{
		{"LayerNorm's x̂", func(a *autograd.Value) *autograd.Value {
			return autograd.LayerNorm(a, autograd.Param(tensor.Full(2, 8)), nil, 1e-5)
		}, wantXHat},
		{"GELUIn's derivative", func(a *autograd.Value) *autograd.Value { return autograd.GELUIn(tensor.Float32, a) }, wantDy},
	} {
		loss := autograd.Sum(autograd.Mul(c.build(autograd.Param(x.Clone())), autograd.Const(tensor.RandN(rng, 6, 8))))
		loss.Backward()
		loss.Release()
		found := false
		for range 10 {
			found = found || slices.Equal(tensor.Empty(6, 8).Data, c.want.Data)
		}
		if !found {
			t.Errorf("%s was not recycled", c.what)
		}
	}
}
