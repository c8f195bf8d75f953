package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// BatchNorm normalises each channel over the batch (Ioffe & Szegedy 2015):
// for inputs [N, C] the statistics of channel c are taken over the N rows,
// for images [N, C, H, W] over all N·H·W pixels of that channel. Then a
// learned scale γ and shift β per channel give the layer back any mean and
// spread it wants:
//
//	x̂ = (x - μ_B) / √(σ²_B + ε)      y = γ·x̂ + β
//
// A batch's statistics exist only while training. For evaluation the layer
// keeps running estimates, an exponential moving average of the batch
// statistics seen in training:
//
//	μ_run ← (1 - momentum)·μ_run + momentum·μ_B
//	σ²_run ← (1 - momentum)·σ²_run + momentum·σ²_B·m/(m-1)
//
// (m values per channel; the factor m/(m-1) makes the variance estimate
// unbiased, as PyTorch does). In evaluation mode (SetTraining(model, false))
// μ_run and σ²_run replace μ_B and σ²_B, so an output no longer depends on
// the rest of its batch. The running statistics move on every
// training-mode Forward, even under autograd.NoGrad: switch to evaluation
// mode before measuring. They are buffers: Save and Load carry them,
// optimizers do not touch them.
type BatchNorm struct {
	Gamma       *autograd.Value // γ, scale per channel [C], starts at 1
	Beta        *autograd.Value // β, shift per channel [C], starts at 0
	RunningMean *autograd.Value // μ_run [C], a buffer, starts at 0
	RunningVar  *autograd.Value // σ²_run [C], a buffer, starts at 1
	Momentum    float64         // weight of the newest batch in the running statistics
	Eps         float64         // ε, keeps the division finite for a constant channel

	training bool
}

// NewBatchNorm returns a BatchNorm over c channels in training mode, with
// PyTorch's momentum 0.1 and ε = 1e-5.
func NewBatchNorm(c int) *BatchNorm {
	if c <= 0 {
		panic(fmt.Sprintf("nn: NewBatchNorm(%d): the channel count must be positive", c))
	}
	return &BatchNorm{
		Gamma:       autograd.Param(tensor.Ones(c)),
		Beta:        autograd.Param(tensor.New(c)),
		RunningMean: autograd.Const(tensor.New(c)),
		RunningVar:  autograd.Const(tensor.Ones(c)),
		Momentum:    0.1,
		Eps:         1e-5,
		training:    true,
	}
}

// SetTraining switches between batch statistics (on) and running statistics (off).
func (bn *BatchNorm) SetTraining(on bool) { bn.training = on }

// Training reports whether the layer normalises with batch statistics.
func (bn *BatchNorm) Training() bool { return bn.training }

// Forward normalises x [N, C] or [N, C, H, W] channel by channel.
func (bn *BatchNorm) Forward(x *autograd.Value) *autograd.Value {
	c := bn.Gamma.Data.Size()
	shape := x.Shape()
	if (len(shape) != 2 && len(shape) != 4) || shape[1] != c {
		panic(fmt.Sprintf("nn: BatchNorm over %d channels: input %v, want [N, %d] or [N, %d, H, W]", c, shape, c, c))
	}
	perChannel := []int{1, c} // [1, C] or [1, C, 1, 1]: broadcasts against x
	if len(shape) == 4 {
		perChannel = append(perChannel, 1, 1)
	}
	var xHat *autograd.Value
	if bn.training {
		m := x.Data.Size() / c
		if m < 2 {
			panic(fmt.Sprintf("nn: BatchNorm in training mode needs more than one value per channel, got input %v", shape))
		}
		// μ_B = mean of x over every axis but the channel axis
		mu := meanPerChannel(x)
		xc := autograd.Sub(x, mu)
		// σ²_B = mean of (x - μ_B)²
		variance := meanPerChannel(autograd.Square(xc))
		bn.updateRunning(mu.Data, variance.Data, m)
		// x̂ = (x - μ_B) / √(σ²_B + ε)
		xHat = autograd.Div(xc, autograd.Sqrt(autograd.AddScalar(variance, bn.Eps)))
	} else {
		// x̂ = (x - μ_run) / √(σ²_run + ε)
		mu := autograd.Reshape(bn.RunningMean, perChannel...)
		sd := autograd.Const(tensor.Sqrt(tensor.AddScalar(bn.RunningVar.Data, bn.Eps)).Reshape(perChannel...))
		xHat = autograd.Div(autograd.Sub(x, mu), sd)
	}
	// y = γ·x̂ + β
	gamma := autograd.Reshape(bn.Gamma, perChannel...)
	beta := autograd.Reshape(bn.Beta, perChannel...)
	return autograd.Add(autograd.Mul(xHat, gamma), beta)
}

// updateRunning folds one batch's statistics (m values per channel) into
// the running estimates, in place so that Load and the caller keep seeing
// the same tensors.
func (bn *BatchNorm) updateRunning(mu, variance *tensor.Tensor, m int) {
	unbias := float64(m) / float64(m-1)
	runMean, runVar := bn.RunningMean.Data.Data, bn.RunningVar.Data.Data
	for i := range runMean {
		runMean[i] = (1-bn.Momentum)*runMean[i] + bn.Momentum*mu.Data[i]
		runVar[i] = (1-bn.Momentum)*runVar[i] + bn.Momentum*variance.Data[i]*unbias
	}
}

// meanPerChannel averages x over every axis except axis 1, keeping them
// all with size 1: [N, C] -> [1, C], [N, C, H, W] -> [1, C, 1, 1].
func meanPerChannel(x *autograd.Value) *autograd.Value {
	rank := len(x.Shape())
	for axis := 0; axis < rank; axis++ {
		if axis != 1 {
			x = autograd.MeanAxis(x, axis, true)
		}
	}
	return x
}

// Params lists γ and β, then the running statistics (buffers).
func (bn *BatchNorm) Params() []Param {
	return []Param{
		{Name: "gamma", V: bn.Gamma},
		{Name: "beta", V: bn.Beta},
		{Name: "running_mean", V: bn.RunningMean},
		{Name: "running_var", V: bn.RunningVar},
	}
}
