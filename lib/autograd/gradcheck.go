package autograd

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: gradcheck

// GradCheckResult reports the worst disagreement GradCheck found.
type GradCheckResult struct {
	MaxRelErr float64 // the largest relative error over all inputs
	Input     int     // which input it occurred in
	Index     int     // which element of that input (flat index)
	Analytic  float64 // the backward pass's value there
	Numeric   float64 // the central difference there
}

// GradCheck compares the gradients that Backward computes for f with
// central finite differences, for every element of every input:
//
//	dL/dx_i ≈ (L(x + h·e_i) - L(x - h·e_i)) / 2h,   L = Σ r ⊙ f(x)
//
// where r is a fixed random tensor, so that a non-scalar f is checked in
// every output direction at once. f must recompute its result from the
// inputs' current Data each time it is called (GradCheck nudges them in
// place and restores them). The error for input x is CS231n's relative
// error, max_i |a_i - n_i| / max(1e-8, max_i (|a_i| + |n_i|)), so
// gradients of any scale compare alike. It returns an error naming the
// input and element when that error exceeds tol; 1e-6 suits float64
// with the default step h = 1e-6 on smooth functions.
func GradCheck(f func() *Value, inputs []*Value, tol float64) (GradCheckResult, error) {
	res := MaxRelError(f, inputs, 1e-6)
	if res.MaxRelErr > tol || math.IsNaN(res.MaxRelErr) {
		return res, fmt.Errorf("autograd: gradient check failed: relative error %.3g > %.3g at input %d element %d (backward %.6g, finite difference %.6g)",
			res.MaxRelErr, tol, res.Input, res.Index, res.Analytic, res.Numeric)
	}
	return res, nil
}

// MaxRelError runs the comparison GradCheck describes with step h and
// returns the worst relative error found.
func MaxRelError(f func() *Value, inputs []*Value, h float64) GradCheckResult {
	// The analytic gradient: one backward pass seeded with r.
	for _, x := range inputs {
		if !x.requiresGrad {
			panic("autograd: GradCheck input does not take gradients; make it with Param")
		}
		x.ZeroGrad()
	}
	out := f()
	// A seed no test is likely to use for its inputs: r equal to an input can
	// make a gradient vanish exactly (Σ x ⊙ BatchNorm(x) has dL/dx = 0).
	r := tensor.RandN(tensor.NewRNG(0x9e3779b97f4a7c15), out.Data.Shape...)
	out.BackwardWith(r)
	// f builds its graph from the inputs, Params, so each evaluation below
	// records one; it is dropped with f's result.
	loss := func() float64 { return dot(r, f().Data) }

	res := GradCheckResult{}
	for k, x := range inputs {
		analytic := x.Grad
		if analytic == nil {
			analytic = tensor.New(x.Data.Shape...) // f does not depend on x
		}
		var maxDiff, maxScale float64
		worst, worstA, worstN := 0, 0.0, 0.0
		for i := range x.Data.Data {
			orig := x.Data.Data[i]
			x.Data.Data[i] = orig + h
			lp := loss()
			x.Data.Data[i] = orig - h
			lm := loss()
			x.Data.Data[i] = orig
			num := (lp - lm) / (2 * h)
			a := analytic.Data[i]
			if d := math.Abs(a - num); d > maxDiff || math.IsNaN(d) {
				maxDiff, worst, worstA, worstN = d, i, a, num
			}
			maxScale = math.Max(maxScale, math.Abs(a)+math.Abs(num))
		}
		rel := maxDiff / math.Max(1e-8, maxScale)
		if rel > res.MaxRelErr || math.IsNaN(rel) || k == 0 {
			res = GradCheckResult{MaxRelErr: rel, Input: k, Index: worst, Analytic: worstA, Numeric: worstN}
		}
	}
	return res
}

// ANCHOR_END: gradcheck

func dot(a, b *tensor.Tensor) float64 {
	s := 0.0
	for i, v := range a.Data {
		s += v * b.Data[i]
	}
	return s
}
