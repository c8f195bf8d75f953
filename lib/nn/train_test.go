package nn

import (
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// xorData draws n points uniformly from the square [-1, 1]² and labels
// them 1 where x·y > 0 (the first and third quadrants): XOR, a problem no
// linear model can do better than chance on.
func xorData(n int, rng *tensor.RNG) (*tensor.Tensor, []int) {
	x := tensor.RandU(rng, -1, 1, n, 2)
	labels := make([]int, n)
	for i := range labels {
		if x.Data[2*i]*x.Data[2*i+1] > 0 {
			labels[i] = 1
		}
	}
	return x, labels
}

// sgdStep is plain gradient descent, θ ← θ - lr·∂L/∂θ (lib/optim has the
// real optimizers; this test must not depend on them).
func sgdStep(params []*autograd.Value, lr float64) {
	for _, p := range params {
		if p.Grad != nil {
			p.Data.Axpy(-lr, p.Grad)
			p.ZeroGrad()
		}
	}
}

// An MLP trained with BCEWithLogits learns XOR: its loss falls from about
// log 2 ≈ 0.69 (what an untrained or linear model gets) to below 0.1.
func TestTrainMLPOnXOR(t *testing.T) {
	rng := tensor.NewRNG(1)
	x, labels := xorData(200, rng)
	y := tensor.New(200, 1)
	for i, l := range labels {
		y.Data[i] = float64(l)
	}
	mlp := NewSequential(NewLinear(2, 16, rng), Tanh{}, NewLinear(16, 16, rng), Tanh{}, NewLinear(16, 1, rng))
	params := Values(mlp)
	loss := func() *autograd.Value { return BCEWithLogits(mlp.Forward(autograd.Const(x)), autograd.Const(y)) }
	start := loss().Item()
	var end float64
	for step := 0; step < 400; step++ {
		l := loss()
		end = l.Item()
		l.Backward()
		sgdStep(params, 1.0)
	}
	t.Logf("BCE %.4f -> %.4f", start, end)
	if start < 0.6 || end > 0.1 {
		t.Fatalf("loss %.4f -> %.4f; want a start near log 2 and an end below 0.1", start, end)
	}
}

// A classifier with BatchNorm and Dropout, trained with label-smoothed
// cross-entropy, classifies held-out XOR points in evaluation mode, where
// BatchNorm uses the running statistics gathered in training.
func TestTrainClassifierWithBatchNormAndDropout(t *testing.T) {
	rng := tensor.NewRNG(2)
	x, labels := xorData(256, rng)
	xTest, labelsTest := xorData(200, rng)
	model := NewSequential(
		NewLinear(2, 32, rng), NewBatchNorm(32), ReLU{}, NewDropout(0.1, rng),
		NewLinear(32, 2, rng),
	)
	params := Values(model)
	SetTraining(model, false)
	before := Accuracy(model.Forward(autograd.Const(xTest)), labelsTest)
	SetTraining(model, true)
	for step := 0; step < 600; step++ {
		// minibatches of 64, in order: the data are already shuffled
		lo := (step % 4) * 64
		xb := tensor.Slice(x, 0, lo, lo+64)
		loss := CrossEntropy(model.Forward(autograd.Const(xb)), labels[lo:lo+64], 0.1)
		loss.Backward()
		sgdStep(params, 0.2)
	}
	SetTraining(model, false)
	after := Accuracy(model.Forward(autograd.Const(xTest)), labelsTest)
	t.Logf("held-out accuracy %.3f -> %.3f", before, after)
	if after < 0.9 {
		t.Fatalf("held-out accuracy %.3f after training, want at least 0.9", after)
	}
}
