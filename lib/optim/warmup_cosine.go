package optim

import "math"

// WarmupCosine is linear warmup followed by cosine decay (Loshchilov &
// Hutter's SGDR without restarts), the schedule GPT-3 and nanoGPT train
// with: the rate climbs in a straight line from 0 at step 0 to
// Base at step Warmup, then follows half a cosine down to Min at step Total,
// and stays at Min after Total.
type WarmupCosine struct {
	Base   float64 // the peak rate, reached at step Warmup
	Min    float64 // the floor, reached at step Total (often Base/10)
	Warmup int     // steps of linear warmup (0 for none)
	Total  int     // the step at which the decay reaches Min
}

// LR returns the learning rate for the given step.
func (s WarmupCosine) LR(step int) float64 {
	if step < s.Warmup {
		// lr = Base · step / Warmup
		return s.Base * float64(max(step, 0)) / float64(s.Warmup)
	}
	if step >= s.Total {
		return s.Min
	}
	// progress p = (step − Warmup) / (Total − Warmup) ∈ [0, 1)
	p := float64(step-s.Warmup) / float64(s.Total-s.Warmup)
	// lr = Min + ½·(Base − Min)·(1 + cos(π·p))
	return s.Min + 0.5*(s.Base-s.Min)*(1+math.Cos(math.Pi*p))
}
