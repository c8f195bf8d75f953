// Package optim turns gradients into parameter updates: stochastic gradient
// descent with momentum, Adam and AdamW, learning-rate schedules, and
// gradient clipping.
//
// A training loop asks the model for a loss, lets autograd fill every
// parameter's Grad, and hands the step to an Optimizer:
//
//	opt := optim.NewAdamW(params, 3e-4, 0.1)
//	sched := optim.WarmupCosine{Base: 3e-4, Min: 3e-5, Warmup: 200, Total: 5000}
//	for step := 1; step <= 5000; step++ {
//		opt.ZeroGrad()
//		loss := model.Loss(batch)
//		loss.Backward()
//		optim.ClipGradNorm(params, 1.0)
//		optim.ApplySchedule(opt, sched, step)
//		opt.Step()
//	}
//
// Each optimizer is one small file whose update rule is written as
// equations, in the papers' symbols, right above the lines that compute
// them. The rest of this comment says why each piece exists.
//
// # Why momentum
//
// Plain gradient descent, θ ← θ − lr·g, steps in proportion to the local
// slope. Loss surfaces are full of long narrow valleys whose walls are far
// steeper than their floor. The steep walls cap the learning rate (too large
// and the iterate bounces from wall to wall and diverges), and with that
// capped rate progress along the shallow floor crawls. Momentum (Polyak 1964)
// keeps a velocity, a running sum of past gradients b ← μ·b + g, and steps
// along it. Components that keep their sign, along the floor, pile up to
// g/(1−μ), ten times the gradient for μ = 0.9; components that flip sign from
// step to step, across the valley, cancel. Nesterov's variant steps along the
// gradient plus the velocity it is about to add, a look-ahead that damps the
// overshoot.
//
// # Why Adam, and why its bias correction
//
// Adam (Kingma & Ba 2015) gives every weight its own step size. It keeps
// exponential moving averages of the gradient, m (the first moment), and of
// its square, v (the second moment), and steps by m/√v. That ratio is about
// ±1 when the gradient is consistent and small when it is noise, and it does
// not depend on the gradient's scale: a weight whose gradients are 1e-4 moves
// as fast as one whose gradients are 1e+2, so lr is roughly the farthest a
// weight moves in one step, whatever layer it sits in.
//
// Both averages start at zero, so early on they are biased toward zero.
// After t steps of a constant gradient g, m_t = (1−β1^t)·g and
// v_t = (1−β2^t)·g², so an uncorrected step would be lr·(1−β1^t)/√(1−β2^t)
// in the direction −sign(g). With β1 = 0.9 and β2 = 0.999 that is 3.16·lr at
// step 1, 6.5·lr at step 10 and still 1.26·lr at step 1000: v, whose β2 is
// closer to 1, stays too small for thousands of steps, just when the
// weights are freshly initialised. Dividing by (1−β^t) removes the bias
// exactly: m̂ = m/(1−β1^t) and v̂ = v/(1−β2^t) equal g and g² for a constant
// gradient, and each early step moves every weight by lr·sign(g).
//
// # Why decoupled weight decay (AdamW)
//
// Weight decay shrinks every weight a little each step, θ ← θ − lr·λ·θ,
// which keeps weights small and improves generalisation. For SGD this is the
// same as adding the L2 penalty (λ/2)·‖θ‖² to the loss, whose gradient λ·θ
// enters the update as lr·λ·θ. For Adam it is not the same: a penalty
// gradient added to g is divided by √v̂ along with the rest, so weights with a
// history of large gradients are hardly decayed and weights with small
// gradients are decayed hard; the regularisation ends up tied to the
// gradient's scale. Loshchilov & Hutter (2019) decouple the two: AdamW takes
// Adam's step on the loss gradient alone and, separately, multiplies every
// weight by (1−lr·λ). Adam with L2 is available here as Adam.WeightDecay, so
// the difference can be tested and seen.
//
// # Why warmup, and why decay
//
// At the start of training a network's gradients are large and erratic and
// Adam's second-moment estimate rests on a handful of samples, so full-size
// steps can throw the weights somewhere they never recover from (early
// Transformers did not train at all without it). A warmup ramps the learning
// rate linearly from 0 over the first hundreds or thousands of steps, until
// the statistics settle. Afterwards a decay (WarmupCosine's half cosine,
// Noam's inverse square root) shrinks the steps, so the weights settle into a
// minimum instead of rattling around it at the scale of minibatch noise.
//
// # Why clip gradients
//
// One unlucky batch can produce a gradient a thousand times the usual size,
// and a single step along it can undo hours of training. ClipGradNorm
// rescales all gradients together so that their global L2 norm is at most
// maxNorm; the direction of the step is kept, only its length is capped.
//
// The exported API uses no generics, so gophernotes notebooks can call all
// of it.
package optim
