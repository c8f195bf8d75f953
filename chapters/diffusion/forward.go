package diffusion

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// The forward process. Each row of a tensor [N, …] is one example, and
// each example has its own step: t[i] is the step of row i.

// NoiseStep returns x_t = √(1−β_t) x_{t−1} + √β_t ε, a draw from the
// one-step kernel q(x_t | x_{t−1}) = N(√(1−β_t) x_{t−1}, β_t I), given the
// standard normal noise eps of xPrev's shape.
func (s *Schedule) NoiseStep(xPrev *tensor.Tensor, t []int, eps *tensor.Tensor) *tensor.Tensor {
	return s.combine("NoiseStep", xPrev, eps, t, func(t int) (float64, float64) {
		return math.Sqrt(s.Alpha[t]), math.Sqrt(s.Beta[t])
	})
}

// ANCHOR: q_sample

// QSample returns x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε, a draw from
// q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I) in one step: t noising steps
// compose to one Gaussian, because each scales the last one's noise by
// √α and adds independent noise of variance 1 − α, so the variances of
// the noise add up to 1 − ᾱ_t.
func (s *Schedule) QSample(x0 *tensor.Tensor, t []int, eps *tensor.Tensor) *tensor.Tensor {
	return s.combine("QSample", x0, eps, t, func(t int) (float64, float64) {
		return math.Sqrt(s.AlphaBar[t]), math.Sqrt(1 - s.AlphaBar[t])
	})
}

// ANCHOR_END: q_sample

// PredictX0 inverts QSample for x_0 given the noise:
// x̂_0 = (x_t − √(1−ᾱ_t) ε) / √ᾱ_t. With the network's ε̂ in place of ε
// it is the model's guess of the clean data.
func (s *Schedule) PredictX0(xt *tensor.Tensor, t []int, eps *tensor.Tensor) *tensor.Tensor {
	return s.combine("PredictX0", xt, eps, t, func(t int) (float64, float64) {
		r := 1 / math.Sqrt(s.AlphaBar[t])
		return r, -r * math.Sqrt(1-s.AlphaBar[t])
	})
}

// combine returns a·x + b·y row by row, with (a, b) = coef(t[i]) for row i.
func (s *Schedule) combine(who string, x, y *tensor.Tensor, t []int, coef func(t int) (a, b float64)) *tensor.Tensor {
	n, width := rowsOf(who, x, t)
	if !x.SameShape(y) {
		panic(fmt.Sprintf("diffusion: %s: shapes %v and %v differ", who, x.Shape, y.Shape))
	}
	out := tensor.New(x.Shape...)
	for i := 0; i < n; i++ {
		s.check(who, t[i])
		a, b := coef(t[i])
		lo, hi := i*width, (i+1)*width
		for j := lo; j < hi; j++ {
			out.Data[j] = a*x.Data[j] + b*y.Data[j]
		}
	}
	return out
}

// sameStep returns n copies of step t: one step for every row of a batch
// that is all at the same step, as samplers' batches are.
func sameStep(n, t int) []int {
	ts := make([]int, n)
	for i := range ts {
		ts[i] = t
	}
	return ts
}

// rowsOf returns the number of rows of x [N, …] and the numbers in each,
// and panics unless there is one step per row.
func rowsOf(who string, x *tensor.Tensor, t []int) (n, width int) {
	if len(x.Shape) == 0 || x.Shape[0] != len(t) {
		panic(fmt.Sprintf("diffusion: %s: x has shape %v for %d steps; want one row per step", who, x.Shape, len(t)))
	}
	n = x.Shape[0]
	if n == 0 {
		return 0, 0
	}
	return n, len(x.Data) / n
}
