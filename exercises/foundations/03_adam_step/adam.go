// Package adamstep is an exercise: one step of the Adam optimiser.
//
// See the chapter section "Optimisers" in chapters/foundations/README.md.
package adamstep

// Step applies Adam's update (Kingma & Ba 2015) for step t (counted from 1)
// to the parameters theta in place, given their gradient g and the moment
// estimates m and v, which it also updates in place:
//
//	m ← β1·m + (1-β1)·g
//	v ← β2·v + (1-β2)·g²
//	m̂ = m/(1-β1ᵗ),  v̂ = v/(1-β2ᵗ)
//	θ ← θ - lr·m̂/(√v̂ + eps)
func Step(theta, g, m, v []float64, t int, lr, beta1, beta2, eps float64) {
	// TODO: one pass over the elements.
}
