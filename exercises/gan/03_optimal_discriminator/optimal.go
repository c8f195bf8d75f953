// Package optimald is an exercise: the optimal discriminator and what the
// minimax game is worth against it (Goodfellow et al. 2014, section 4.1),
// on discrete distributions, where every integral is a sum.
//
// The game's value for a discriminator D and a generator whose samples
// follow p_g, with data following p_data, is
//
//	V(D, G) = E_{x~p_data}[log D(x)] + E_{x~p_g}[log(1 - D(x))]
//	        = Σ_x p_data(x)·log D(x) + p_g(x)·log(1 - D(x))
//
// Each cell's term a·log y + b·log(1 - y) is largest at y = a/(a + b), so
// for a fixed generator the best discriminator is (Proposition 1)
//
//	D*(x) = p_data(x) / (p_data(x) + p_g(x))
//
// and what the game is worth to the generator facing it is (Theorem 1)
//
//	V(D*, G) = -log 4 + 2·JSD(p_data ‖ p_g)
//
// where the Jensen–Shannon divergence, with m = (p + q)/2, is
//
//	JSD(p ‖ q) = ½·KL(p ‖ m) + ½·KL(q ‖ m),   KL(p ‖ m) = Σ_x p(x)·log(p(x)/m(x))
//
// in nats (natural logarithm). JSD is symmetric, 0 only when p = q, and at
// most log 2, reached by distributions with disjoint supports. So the
// generator's best is V = -log 4, exactly when p_g = p_data, and there
// D* = 1/2 everywhere: the discriminator can only guess.
//
// Two conventions, both limits, handle the zeros:
//
//   - 0·log y = 0 for any y, even y = 0: a cell without mass adds nothing,
//     to V and to KL alike. So D* may be exactly 1 where only the data has
//     mass, and exactly 0 where only the generator has.
//   - Where p_data(x) = p_g(x) = 0, every D(x) is optimal; D*(x) is defined
//     as 1/2 there, the value it takes everywhere once p_g = p_data.
package optimald

// OptimalD returns D*(x) = pData(x)/(pData(x) + pG(x)) for each cell, and
// 1/2 where both are 0. pData and pG have the same length and are ≥ 0;
// they need not sum to 1 (D* depends only on their ratio).
func OptimalD(pData, pG []float64) []float64 {
	// TODO
	return nil
}

// JSD returns the Jensen–Shannon divergence of two distributions over the
// same cells, in nats.
func JSD(p, q []float64) float64 {
	// TODO: the mixture m first; skip a term whose weight is 0.
	return 0
}

// Value returns V(D, G) = Σ_x pData(x)·log d(x) + pG(x)·log(1 - d(x)) for
// a discriminator's probabilities d, one per cell, with 0·log 0 = 0. It is
// -Inf when d is 0 where the data has mass, or 1 where the generator has.
func Value(pData, pG, d []float64) float64 {
	// TODO
	return 0
}
