// Package kldiv is an exercise: the Kullback-Leibler divergence of two
// discrete distributions, the quantity inside the Inception Score and
// behind likelihood-based training.
//
//	KL(p ‖ q) = Σ_i p_i log(p_i / q_i)   (natural logarithm: nats)
//
// KL is ≥ 0, 0 exactly when p = q, and not symmetric. Two conventions
// (Cover & Thomas, Elements of Information Theory, section 2.3) handle the
// zeros, by continuity:
//
//	p_i = 0:            the term is 0 (0·log(0/q) = 0, even when q_i = 0)
//	p_i > 0, q_i = 0:   the term is +Inf, and so is KL
//
// so q must cover everything p can produce, while p may ignore parts of q.
//
// See the chapter section "Comparing two distributions: the KL divergence"
// in chapters/evaluation/README.md.
package kldiv

// KL returns KL(p ‖ q) in nats for two probability vectors of the same
// length.
func KL(p, q []float64) float64 {
	// TODO: skip p_i = 0; return +Inf as soon as p_i > 0 meets q_i = 0.
	return 0
}
