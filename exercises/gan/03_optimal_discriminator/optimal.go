// Package optimald is an exercise: the optimal discriminator and what the
// minimax game is worth against it (Goodfellow et al. 2014, section 4.1),
// on discrete distributions, where every integral is a sum.
//
// The game's value for a discriminator D and a generator whose samples
// follow p_g, with data following p_data, is
//
//	V(D, G) = E_{x~p_data}[log D(x)] + E_{x~p_g}[log(1 - D(x))]
//
// For a fixed generator, the discriminator D* that maximises V is the
// first thing to derive (Proposition 1): on discrete data D may choose
// D(x) separately in every cell, so find the value of D(x) that maximises
// that cell's contribution. Then work out what V(D*, G) is worth to the
// generator and how it relates to the Jensen–Shannon divergence
// (Theorem 1). Both derivations are in the chapter, sections "The optimal
// discriminator" and "What the generator then minimises"
// (chapters/gan/README.md); the graded tests check Theorem 1 numerically
// with your three functions.
//
// The Jensen–Shannon divergence of p and q is the mean of the KL
// divergences of each from their even mixture m = (p + q)/2, where
// KL(p ‖ m) = Σ_x p(x)·log(p(x)/m(x)), in nats (natural logarithm).
//
// Two conventions, both limits, handle the zeros:
//
//   - 0·log y = 0 for any y, even y = 0: a cell without mass adds nothing,
//     to V and to KL alike. So D* may be exactly 1 or exactly 0 in a cell
//     where only one of the two distributions has mass.
//   - Where p_data(x) = p_g(x) = 0, every D(x) is optimal; D*(x) is defined
//     as 1/2 there, the value it takes everywhere once p_g = p_data.
package optimald

// OptimalD returns D*(x), the discriminator's probability that maximises
// V(D, G) for the fixed pData and pG, for each cell, and 1/2 where both
// are 0. pData and pG have the same length and are ≥ 0; they need not sum
// to 1.
func OptimalD(pData, pG []float64) []float64 {
	// TODO: maximise each cell's term of V over D(x) by hand first.
	return nil
}

// JSD returns the Jensen–Shannon divergence of two distributions over the
// same cells, in nats.
func JSD(p, q []float64) float64 {
	// TODO: the mixture first; mind cells without mass.
	return 0
}

// Value returns V(D, G) for a discriminator's probabilities d, one per
// cell, with 0·log 0 = 0. It is -Inf when d is 0 where the data has mass,
// or 1 where the generator has.
func Value(pData, pG, d []float64) float64 {
	// TODO
	return 0
}
