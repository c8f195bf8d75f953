package optim

import (
	"math"

	"github.com/luoxia/aigc/lib/autograd"
)

// Adam is the optimizer of Kingma & Ba, "Adam: A Method for Stochastic
// Optimization" (ICLR 2015), Algorithm 1, bias correction included: every
// weight steps by lr·m̂/(√v̂ + eps), the ratio of moving averages of its
// gradient and squared gradient. See the package documentation for why.
//
// The hyperparameters are fields, set to the paper's defaults by NewAdam and
// read at every Step, so they can be changed between steps.
type Adam struct {
	Beta1 float64 // decay rate of m, the moving average of the gradient (0.9)
	Beta2 float64 // decay rate of v, the moving average of the squared gradient (0.999)
	Eps   float64 // added to √v̂ so the division stays finite where v̂ ≈ 0 (1e-8)

	// WeightDecay λ adds λ·θ to the gradient before the moments are
	// updated: the L2 penalty (λ/2)·‖θ‖² folded into the loss, as the
	// weight_decay of PyTorch's Adam does. The decay then passes through
	// the division by √v̂, which is what AdamW avoids. 0 by default.
	WeightDecay float64

	lr     float64
	params []*autograd.Value
	state  []adamState
}

// adamState is what Adam remembers about one parameter.
type adamState struct {
	m, v []float64 // first and second moment estimates, one per element
	t    int       // how many updates this parameter has had

	// Set by Step for the update in progress (see adamScales).
	stepSize, invRootBC2 float64
}

// NewAdam returns an Adam optimizer for params with learning rate lr and
// the paper's defaults Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8. Its moment
// estimates, zeros shaped like each parameter, are allocated here, once.
func NewAdam(params []*autograd.Value, lr float64) *Adam {
	checkLR("NewAdam", lr)
	params = checkParams("NewAdam", params)
	return &Adam{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, lr: lr, params: params, state: newAdamState(params)}
}

func newAdamState(params []*autograd.Value) []adamState {
	state := make([]adamState, len(params))
	for i, p := range params {
		state[i].m = make([]float64, p.Data.Size())
		state[i].v = make([]float64, p.Data.Size())
	}
	return state
}

// Step applies one Adam update to every parameter with a gradient.
// A parameter's step count t advances only when it is updated.
func (o *Adam) Step() {
	checkBetas("Adam", o.Beta1, o.Beta2, o.Eps, o.WeightDecay)
	for i, p := range o.params {
		if p.Grad == nil {
			continue
		}
		s := &o.state[i]
		checkGrad("Adam", i, p)
		checkState("Adam", i, p, len(s.m))
		s.t++
		s.stepSize, s.invRootBC2 = adamScales(o.lr, o.Beta1, o.Beta2, s.t)
	}
	forEachRange(o.params, o)
}

// ANCHOR: adam

// adamScales folds the bias corrections into two numbers per step,
//
//	m̂_t = m_t / (1 − beta1^t)
//	v̂_t = v_t / (1 − beta2^t)
//	lr·m̂_t / (√v̂_t + eps) = stepSize·m_t / (√v_t·invRootBC2 + eps)
//
// with stepSize = lr/(1 − beta1^t) and invRootBC2 = 1/√(1 − beta2^t), so
// the inner loop needs one square root and one division per weight.
func adamScales(lr, beta1, beta2 float64, t int) (stepSize, invRootBC2 float64) {
	bc1 := 1 - math.Pow(beta1, float64(t))
	bc2 := 1 - math.Pow(beta2, float64(t))
	return lr / bc1, 1 / math.Sqrt(bc2)
}

// updateRange is Algorithm 1's loop body for elements [lo, hi) of
// parameter i, fused into one pass over θ, g, m and v.
func (o *Adam) updateRange(i, lo, hi int) {
	s := &o.state[i]
	theta := o.params[i].Data.Data[lo:hi]
	n := len(theta)
	g, m, v := o.params[i].Grad.Data[lo:lo+n], s.m[lo:lo+n], s.v[lo:lo+n]
	beta1, beta2, eps, lambda := o.Beta1, o.Beta2, o.Eps, o.WeightDecay
	stepSize, invRootBC2 := s.stepSize, s.invRootBC2
	for j := range theta {
		// g_t = ∇f(θ_{t−1}) + λ·θ_{t−1}      (λ = 0 unless WeightDecay is set)
		gt := g[j] + lambda*theta[j]
		// m_t = beta1·m_{t−1} + (1 − beta1)·g_t
		m[j] = beta1*m[j] + (1-beta1)*gt
		// v_t = beta2·v_{t−1} + (1 − beta2)·g_t²
		v[j] = beta2*v[j] + (1-beta2)*gt*gt
		// θ_t = θ_{t−1} − lr·m̂_t / (√v̂_t + eps)
		theta[j] -= stepSize * m[j] / (math.Sqrt(v[j])*invRootBC2 + eps)
	}
}

// ANCHOR_END: adam

// ZeroGrad sets every parameter's gradient to nil.
func (o *Adam) ZeroGrad() { zeroGrad(o.params) }

// SetLR sets the learning rate lr for the following steps.
func (o *Adam) SetLR(lr float64) { checkLR("Adam.SetLR", lr); o.lr = lr }

// LR returns the learning rate.
func (o *Adam) LR() float64 { return o.lr }
