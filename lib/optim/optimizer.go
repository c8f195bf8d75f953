package optim

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
)

// ANCHOR: optimizer

// Optimizer updates a model's parameters from their gradients.
type Optimizer interface {
	// Step applies one update to every parameter that has a gradient,
	// in place; parameters whose Grad is nil are left alone.
	Step()
	// ZeroGrad forgets every parameter's gradient (sets Grad to nil), so
	// the next Backward starts from zero rather than adding to old ones.
	ZeroGrad()
	// SetLR sets the learning rate used by the following Steps.
	SetLR(lr float64)
	// LR returns the current learning rate.
	LR() float64
}

// ANCHOR_END: optimizer

var (
	_ Optimizer = (*SGD)(nil)
	_ Optimizer = (*Adam)(nil)
	_ Optimizer = (*AdamW)(nil)
	_ Optimizer = (*Scheduled)(nil)
)

// zeroGrad sets every parameter's gradient to nil. Nil rather than a tensor
// of zeros: a parameter the next loss does not reach keeps a nil Grad, and
// Step then leaves it alone instead of, say, letting Adam's momentum move it.
func zeroGrad(params []*autograd.Value) {
	for _, p := range params {
		p.ZeroGrad()
	}
}

// checkParams panics on a parameter list an optimizer cannot work with: a
// nil entry or the same Value twice (which would be updated twice per Step).
// It returns a copy, so later changes to the caller's slice do not matter.
func checkParams(who string, params []*autograd.Value) []*autograd.Value {
	seen := make(map[*autograd.Value]int, len(params))
	for i, p := range params {
		if p == nil {
			panic(fmt.Sprintf("optim: %s: parameter %d is nil", who, i))
		}
		if j, dup := seen[p]; dup {
			panic(fmt.Sprintf("optim: %s: parameter %d is parameter %d again (%v)", who, i, j, p))
		}
		seen[p] = i
	}
	return append([]*autograd.Value(nil), params...)
}

// checkLR panics on a learning rate that is negative or NaN.
func checkLR(who string, lr float64) {
	if !(lr >= 0) || math.IsInf(lr, 1) {
		panic(fmt.Sprintf("optim: %s: learning rate %g, want a finite number >= 0", who, lr))
	}
}

// checkGrad panics if parameter i's gradient does not match its data in
// size (a gradient of the wrong shape was stored by hand).
func checkGrad(who string, i int, p *autograd.Value) {
	if len(p.Grad.Data) != len(p.Data.Data) {
		panic(fmt.Sprintf("optim: %s: parameter %d has shape %v but its gradient has shape %v",
			who, i, p.Data.Shape, p.Grad.Shape))
	}
}

// checkState panics if the optimizer's state for parameter i was made for a
// parameter of another size (the parameter's tensor was replaced after the
// optimizer was built).
func checkState(who string, i int, p *autograd.Value, stateLen int) {
	if stateLen != len(p.Data.Data) {
		panic(fmt.Sprintf("optim: %s: parameter %d has shape %v (%d elements) but the optimizer's state has %d; "+
			"build the optimizer after the model's tensors are final", who, i, p.Data.Shape, len(p.Data.Data), stateLen))
	}
}

// checkBetas panics on moving-average rates outside [0, 1), an eps that is
// not positive (a weight whose gradients are all zero would get 0/0) or a
// weight decay below 0: settings under which Adam's update is meaningless.
func checkBetas(who string, beta1, beta2, eps, weightDecay float64) {
	if !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) {
		panic(fmt.Sprintf("optim: %s: Beta1 %g and Beta2 %g must lie in [0, 1)", who, beta1, beta2))
	}
	if !(eps > 0) || !(weightDecay >= 0) {
		panic(fmt.Sprintf("optim: %s: Eps %g must be > 0 and WeightDecay %g >= 0", who, eps, weightDecay))
	}
}
