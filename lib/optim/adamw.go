package optim

import (
	"math"

	"github.com/luoxia/aigc/lib/autograd"
)

// AdamW is Adam with decoupled weight decay, from Loshchilov & Hutter,
// "Decoupled Weight Decay Regularization" (ICLR 2019), Algorithm 2: Adam's
// step uses the loss gradient alone, and separately every weight shrinks by
// the same factor, θ ← θ − lr·λ·θ. See the package documentation for why.
//
// Algorithm 2 multiplies the decay by the schedule multiplier η_t alone,
// not by the base rate α. Like PyTorch's AdamW, this one uses lr·λ with
// lr = α·η_t, so λ is on PyTorch's scale (0.01 to 0.1 are typical) and a
// schedule that lowers lr lowers the decay with it.
type AdamW struct {
	Beta1       float64 // decay rate of m, the moving average of the gradient (0.9)
	Beta2       float64 // decay rate of v, the moving average of the squared gradient (0.999)
	Eps         float64 // added to √v̂ so the division stays finite where v̂ ≈ 0 (1e-8)
	WeightDecay float64 // λ: each step multiplies every weight by (1 − lr·λ)

	lr     float64
	params []*autograd.Value
	state  []adamState
}

// NewAdamW returns an AdamW optimizer for params with learning rate lr,
// decoupled weight decay λ = weightDecay, and Beta1 = 0.9, Beta2 = 0.999,
// Eps = 1e-8. Its moment estimates are allocated here, once. Biases and
// normalisation gains are usually not decayed: give them to a second
// optimizer with weightDecay 0.
func NewAdamW(params []*autograd.Value, lr, weightDecay float64) *AdamW {
	checkLR("NewAdamW", lr)
	checkBetas("NewAdamW", 0.9, 0.999, 1e-8, weightDecay)
	params = checkParams("NewAdamW", params)
	return &AdamW{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: weightDecay,
		lr: lr, params: params, state: newAdamState(params)}
}

// Step applies one AdamW update to every parameter with a gradient.
// A parameter's step count t advances only when it is updated.
func (o *AdamW) Step() {
	checkBetas("AdamW", o.Beta1, o.Beta2, o.Eps, o.WeightDecay)
	for i, p := range o.params {
		if p.Grad == nil {
			continue
		}
		s := &o.state[i]
		checkGrad("AdamW", i, p)
		checkState("AdamW", i, p, len(s.m))
		s.t++
		s.stepSize, s.invRootBC2 = adamScales(o.lr, o.Beta1, o.Beta2, s.t)
	}
	forEachRange(o.params, o)
}

// updateRange is Algorithm 2's loop body for elements [lo, hi) of
// parameter i, fused into one pass over θ, g, m and v.
func (o *AdamW) updateRange(i, lo, hi int) {
	s := &o.state[i]
	theta := o.params[i].Data.Data[lo:hi]
	n := len(theta)
	g, m, v := o.params[i].Grad.Data[lo:lo+n], s.m[lo:lo+n], s.v[lo:lo+n]
	beta1, beta2, eps := o.Beta1, o.Beta2, o.Eps
	stepSize, invRootBC2 := s.stepSize, s.invRootBC2 // see adamScales
	decay := o.lr * o.WeightDecay
	// θ_t = θ_{t−1} − lr·λ·θ_{t−1} − lr·m̂_t / (√v̂_t + eps), in two parts:
	for j := range theta {
		// θ ← θ − lr·λ·θ        (decoupled: the moments below never see λ)
		theta[j] -= decay * theta[j]
		// m_t = beta1·m_{t−1} + (1 − beta1)·g_t
		m[j] = beta1*m[j] + (1-beta1)*g[j]
		// v_t = beta2·v_{t−1} + (1 − beta2)·g_t²
		v[j] = beta2*v[j] + (1-beta2)*g[j]*g[j]
		// θ ← θ − lr·m̂_t / (√v̂_t + eps)
		theta[j] -= stepSize * m[j] / (math.Sqrt(v[j])*invRootBC2 + eps)
	}
}

// ZeroGrad sets every parameter's gradient to nil.
func (o *AdamW) ZeroGrad() { zeroGrad(o.params) }

// SetLR sets the learning rate lr for the following steps; the decay
// lr·λ follows it.
func (o *AdamW) SetLR(lr float64) { checkLR("AdamW.SetLR", lr); o.lr = lr }

// LR returns the learning rate.
func (o *AdamW) LR() float64 { return o.lr }
