package optim

import "fmt"

// Schedule gives the learning rate for each step of training. Steps count
// updates from 1: LR(1) is the rate of the first update, as in the
// Transformer paper's formula; LR(0) is where a warmup starts from.
type Schedule interface {
	LR(step int) float64
}

// Constant is a schedule that always returns the same learning rate.
type Constant float64

// LR returns c whatever the step.
func (c Constant) LR(step int) float64 { return float64(c) }

// ApplySchedule sets opt's learning rate to s.LR(step) and returns it; call
// it just before the update numbered step (1 for the first).
func ApplySchedule(opt Optimizer, s Schedule, step int) float64 {
	lr := s.LR(step)
	opt.SetLR(lr)
	return lr
}

// Scheduled is an Optimizer that follows a Schedule: each Step sets the
// wrapped optimizer's learning rate to Schedule.LR(t) for the update number
// t = 1, 2, ... it is about to make, then steps. A training loop written
// for a plain Optimizer needs no other change. ZeroGrad, LR and SetLR are
// the wrapped optimizer's; a rate set with SetLR lasts until the next Step.
type Scheduled struct {
	Optimizer          // the optimizer being driven
	Schedule  Schedule // where the learning rate comes from
	t         int      // updates made so far
}

// WithSchedule returns opt driven by s. Its LR is s.LR(1) straight away,
// the rate the first Step will use.
func WithSchedule(opt Optimizer, s Schedule) *Scheduled {
	if opt == nil || s == nil {
		panic(fmt.Sprintf("optim: WithSchedule(%v, %v): need an optimizer and a schedule", opt, s))
	}
	opt.SetLR(s.LR(1))
	return &Scheduled{Optimizer: opt, Schedule: s}
}

// Step sets the learning rate for the next update from the schedule and
// makes the update.
func (o *Scheduled) Step() {
	o.t++
	o.Optimizer.SetLR(o.Schedule.LR(o.t))
	o.Optimizer.Step()
}

// Steps returns how many updates have been made.
func (o *Scheduled) Steps() int { return o.t }
