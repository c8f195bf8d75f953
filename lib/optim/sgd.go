package optim

import "github.com/luoxia/aigc/lib/autograd"

// SGD is stochastic gradient descent, θ ← θ − lr·g, with optional momentum
// (Polyak's heavy ball, or Nesterov's look-ahead) and weight decay, in the
// form PyTorch's torch.optim.SGD uses (without dampening). See the package
// documentation for why momentum helps.
//
// The hyperparameters are fields, read at every Step: set them after NewSGD.
type SGD struct {
	Momentum float64 // μ: the share of the velocity b kept from step to step (0 = plain SGD; 0.9 is usual)
	Nesterov bool    // step along g + μ·b (looking ahead) instead of along b; needs Momentum > 0 to matter

	// WeightDecay λ adds λ·θ to the gradient, the L2 penalty (λ/2)·‖θ‖².
	// For SGD without momentum this is exactly decay θ ← θ − lr·λ·θ.
	WeightDecay float64

	lr     float64
	params []*autograd.Value
	b      [][]float64 // velocity per parameter, allocated at its first step with momentum
}

// NewSGD returns an SGD optimizer for params with learning rate lr and
// momentum μ (0 for plain gradient descent).
func NewSGD(params []*autograd.Value, lr, momentum float64) *SGD {
	checkLR("NewSGD", lr)
	params = checkParams("NewSGD", params)
	return &SGD{Momentum: momentum, lr: lr, params: params, b: make([][]float64, len(params))}
}

// Step applies one update to every parameter with a gradient.
func (o *SGD) Step() {
	if !(o.Momentum >= 0 && o.Momentum < 1) || !(o.WeightDecay >= 0) {
		panic("optim: SGD: Momentum must lie in [0, 1) and WeightDecay be >= 0")
	}
	for i, p := range o.params {
		if p.Grad == nil {
			continue
		}
		checkGrad("SGD", i, p)
		if o.Momentum != 0 && o.b[i] == nil {
			o.b[i] = make([]float64, p.Data.Size()) // b_0 = 0, once
		}
		if o.b[i] != nil {
			checkState("SGD", i, p, len(o.b[i]))
		}
	}
	forEachRange(o.params, o)
}

// ANCHOR: sgd

// updateRange updates elements [lo, hi) of parameter i.
func (o *SGD) updateRange(i, lo, hi int) {
	theta := o.params[i].Data.Data[lo:hi]
	g := o.params[i].Grad.Data[lo : lo+len(theta)]
	lr, mu, lambda := o.lr, o.Momentum, o.WeightDecay
	if mu == 0 {
		for j := range theta {
			// θ_t = θ_{t−1} − lr·(g_t + λ·θ_{t−1})
			theta[j] -= lr * (g[j] + lambda*theta[j])
		}
		return
	}
	b := o.b[i][lo : lo+len(theta)]
	for j := range theta {
		// g_t ← g_t + λ·θ_{t−1}
		gt := g[j] + lambda*theta[j]
		// b_t = μ·b_{t−1} + g_t
		b[j] = mu*b[j] + gt
		if o.Nesterov {
			// d_t = g_t + μ·b_t      (look ahead along the new velocity)
			gt += mu * b[j]
		} else {
			// d_t = b_t
			gt = b[j]
		}
		// θ_t = θ_{t−1} − lr·d_t
		theta[j] -= lr * gt
	}
}

// ANCHOR_END: sgd

// ZeroGrad sets every parameter's gradient to nil.
func (o *SGD) ZeroGrad() { zeroGrad(o.params) }

// SetLR sets the learning rate lr for the following steps.
func (o *SGD) SetLR(lr float64) { checkLR("SGD.SetLR", lr); o.lr = lr }

// LR returns the learning rate.
func (o *SGD) LR() float64 { return o.lr }
