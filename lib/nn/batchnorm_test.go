package nn

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// newTestBatchNorm returns a BatchNorm with γ and β away from 1 and 0, so
// the check covers their gradients in general position.
func newTestBatchNorm(c int) *BatchNorm {
	bn := NewBatchNorm(c)
	bn.Gamma.Data.CopyFrom(tensor.RandU(tensor.NewRNG(7), 0.5, 1.5, c))
	bn.Beta.Data.CopyFrom(tensor.RandN(tensor.NewRNG(8), c))
	return bn
}

func TestBatchNormGradient2D(t *testing.T) {
	bn := newTestBatchNorm(3)
	x := randParam(1, 6, 3)
	checkGrad(t, func() *autograd.Value { return bn.Forward(x) }, x, bn.Gamma, bn.Beta)
}

func TestBatchNormGradient4D(t *testing.T) {
	bn := newTestBatchNorm(3)
	x := randParam(1, 2, 3, 4, 4)
	checkGrad(t, func() *autograd.Value { return bn.Forward(x) }, x, bn.Gamma, bn.Beta)
}

// In training mode with γ = 1, β = 0 every channel comes out with mean 0
// and (biased) variance 1 - ε/(σ²+ε) ≈ 1.
func TestBatchNormNormalises(t *testing.T) {
	bn := NewBatchNorm(3)
	x := tensor.RandN(tensor.NewRNG(1), 4, 3, 5, 5)
	for i := range x.Data {
		x.Data[i] = 3*x.Data[i] + 10 // far from N(0, 1)
	}
	y := bn.Forward(autograd.Const(x)).Data
	mu := tensor.MeanAxis(tensor.MeanAxis(tensor.MeanAxis(y, 0, true), 2, true), 3, true)
	sq := tensor.MeanAxis(tensor.MeanAxis(tensor.MeanAxis(tensor.Square(y), 0, true), 2, true), 3, true)
	for c := 0; c < 3; c++ {
		if math.Abs(mu.Data[c]) > 1e-12 || math.Abs(sq.Data[c]-1) > 1e-5 {
			t.Fatalf("channel %d: mean %g, variance %g; want 0 and 1", c, mu.Data[c], sq.Data[c])
		}
	}
}

// One training step moves the running statistics by momentum 0.1 toward
// the batch's mean and unbiased variance, computed here by hand.
func TestBatchNormRunningStatistics(t *testing.T) {
	bn := NewBatchNorm(2)
	// channel 0: 1, 2, 3, 6 (mean 3, unbiased variance (4+1+0+9)/3 = 14/3)
	// channel 1: 0, 0, 4, 4 (mean 2, unbiased variance 16/3)
	x := autograd.Const(tensor.FromSlice([]float64{1, 0, 2, 0, 3, 4, 6, 4}, 4, 2))
	bn.Forward(x)
	wantMean := []float64{0.9*0 + 0.1*3, 0.9*0 + 0.1*2}
	wantVar := []float64{0.9*1 + 0.1*14.0/3, 0.9*1 + 0.1*16.0/3}
	for c := 0; c < 2; c++ {
		if !near(bn.RunningMean.Data.Data[c], wantMean[c], 1e-14) || !near(bn.RunningVar.Data.Data[c], wantVar[c], 1e-14) {
			t.Fatalf("running mean %v var %v, want %v %v", bn.RunningMean.Data.Data, bn.RunningVar.Data.Data, wantMean, wantVar)
		}
	}
}

// In evaluation mode the output uses the running statistics, so it is a
// fixed affine map of each value, independent of the rest of the batch.
func TestBatchNormEvalUsesRunningStatistics(t *testing.T) {
	bn := NewBatchNorm(2)
	copy(bn.RunningMean.Data.Data, []float64{1, -2})
	copy(bn.RunningVar.Data.Data, []float64{4, 0.25})
	copy(bn.Gamma.Data.Data, []float64{2, 3})
	copy(bn.Beta.Data.Data, []float64{0.5, -1})
	SetTraining(bn, false)
	x := tensor.FromSlice([]float64{3, -2, 1, 0, 5, 1}, 1, 2, 3, 1) // [N=1, C=2, H=3, W=1]
	y := bn.Forward(autograd.Const(x)).Data
	for i, v := range x.Data {
		c := i / 3
		mu, v2 := []float64{1, -2}[c], []float64{4, 0.25}[c]
		g, b := []float64{2, 3}[c], []float64{0.5, -1}[c]
		want := g*(v-mu)/math.Sqrt(v2+1e-5) + b
		if !near(y.Data[i], want, 1e-14) {
			t.Fatalf("y[%d] = %g, want %g", i, y.Data[i], want)
		}
	}
	// Evaluation does not move the running statistics, and works for a batch of one.
	if bn.RunningMean.Data.Data[0] != 1 || bn.RunningVar.Data.Data[1] != 0.25 {
		t.Fatalf("evaluation changed the running statistics: %v %v", bn.RunningMean.Data.Data, bn.RunningVar.Data.Data)
	}
}

// The running statistics are buffers: listed, so saved, but not trained.
func TestBatchNormBuffers(t *testing.T) {
	bn := NewBatchNorm(4)
	if n := len(bn.Params()); n != 4 {
		t.Fatalf("%d named tensors, want 4", n)
	}
	vs := Values(bn)
	if len(vs) != 2 || vs[0] != bn.Gamma || vs[1] != bn.Beta {
		t.Fatalf("Values = %v, want γ and β only", vs)
	}
}

func TestBatchNormPanics(t *testing.T) {
	bn := NewBatchNorm(3)
	mustPanic(t, func() { bn.Forward(autograd.Const(tensor.New(4, 2))) }, "[4 2]", "3 channels")
	mustPanic(t, func() { bn.Forward(autograd.Const(tensor.New(1, 3))) }, "more than one value per channel")
}
