package optim

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
)

// GradNorm returns the global L2 norm of the parameters' gradients, all of
// them taken together as one long vector: √(Σ_params Σ_i g_i²). Parameters
// with a nil Grad contribute nothing.
func GradNorm(params []*autograd.Value) float64 {
	sum := 0.0
	for _, p := range params {
		if p.Grad == nil {
			continue
		}
		for _, g := range p.Grad.Data {
			sum += g * g
		}
	}
	if math.IsInf(sum, 1) {
		return scaledGradNorm(params) // some g² overflowed; g itself may be finite
	}
	return math.Sqrt(sum)
}

// ClipGradNorm rescales the gradients so that their global L2 norm is at
// most maxNorm, and returns the norm they had before: when ‖g‖ > maxNorm,
// every gradient is multiplied by maxNorm/‖g‖, which keeps the direction of
// the step and caps its length. Gradients already short enough are left
// untouched.
//
// If the norm is infinite or NaN (a gradient overflowed) nothing is
// scaled, since no finite factor fixes it; the returned norm says so, and
// the caller should skip the step.
func ClipGradNorm(params []*autograd.Value, maxNorm float64) float64 {
	if !(maxNorm >= 0) {
		panic(fmt.Sprintf("optim: ClipGradNorm: maxNorm %g, want >= 0", maxNorm))
	}
	norm := GradNorm(params)
	if norm <= maxNorm || math.IsInf(norm, 0) || math.IsNaN(norm) {
		return norm
	}
	// g ← g · maxNorm / ‖g‖
	scale := maxNorm / norm
	for _, p := range params {
		if p.Grad != nil {
			p.Grad.ScaleInPlace(scale)
		}
	}
	return norm
}

// scaledGradNorm computes the norm as a·√(Σ (g/a)²) with a = max|g|, which
// cannot overflow unless the norm itself does (the way BLAS's dnrm2 avoids it).
func scaledGradNorm(params []*autograd.Value) float64 {
	a := 0.0
	for _, p := range params {
		if p.Grad != nil {
			for _, g := range p.Grad.Data {
				a = math.Max(a, math.Abs(g))
			}
		}
	}
	if a == 0 || math.IsInf(a, 1) || math.IsNaN(a) {
		return a
	}
	sum := 0.0
	for _, p := range params {
		if p.Grad != nil {
			for _, g := range p.Grad.Data {
				sum += (g / a) * (g / a)
			}
		}
	}
	return a * math.Sqrt(sum)
}
