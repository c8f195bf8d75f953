package gan

import (
	"fmt"
	"math"
)

// The functions of this file work on discrete distributions: a histogram
// p over the cells of a grid, p_i ≥ 0 and Σ_i p_i = 1. On them the
// argument of Goodfellow et al. (2014, section 4.1) can be checked to the
// last digit, with sums in place of integrals.

// ANCHOR: optimal

// OptimalDiscriminator is the discriminator that maximises V(D, G) for a
// fixed generator (Goodfellow et al. 2014, Proposition 1),
//
//	D*(x) = p_data(x) / (p_data(x) + p_g(x))
//
// cell by cell. Where both densities are 0 the cell carries no weight in V
// and every D(x) is optimal; D* is defined as 1/2 there, the value it takes
// everywhere once p_g = p_data. pData and pG may be any non-negative
// densities on the same cells (D* does not change when both are scaled by
// the same factor, so densities on a grid need no normalising).
func OptimalDiscriminator(pData, pG []float64) []float64 {
	checkDensities("OptimalDiscriminator", pData, pG)
	d := make([]float64, len(pData))
	for i := range d {
		if s := pData[i] + pG[i]; s > 0 {
			d[i] = pData[i] / s
		} else {
			d[i] = 0.5
		}
	}
	return d
}

// ANCHOR_END: optimal

// GameValue is the value of the minimax game for a discriminator d
// (probabilities, one per cell) against a generator whose samples follow
// pG, with data following pData:
//
//	V(D, G) = E_{x~p_data}[log D(x)] + E_{x~p_g}[log(1 - D(x))]
//	        = Σ_x p_data(x)·log D(x) + p_g(x)·log(1 - D(x))
//
// A term whose weight p(x) is 0 counts as 0 (the limit of p·log p), so D*
// may be exactly 0 or 1 where only one distribution has mass. pData and pG
// must be distributions: non-negative and each summing to 1.
func GameValue(pData, pG, d []float64) float64 {
	checkDistribution("GameValue", "pData", pData)
	checkDistribution("GameValue", "pG", pG)
	if len(d) != len(pData) {
		panic(fmt.Sprintf("gan: GameValue: %d discriminator values for %d cells", len(d), len(pData)))
	}
	v := 0.0
	for i := range d {
		v += xLogY(pData[i], d[i]) + xLogY(pG[i], 1-d[i])
	}
	return v
}

// ANCHOR: generator_value

// GeneratorValue is what the game is worth to a generator that faces the
// best discriminator, C(G) = max_D V(D, G) = V(D*, G). Goodfellow et al.'s
// Theorem 1 rewrites it as
//
//	C(G) = -log 4 + 2·JSD(p_data ‖ p_g)
//
// so it is smallest, -log 4, exactly when p_g = p_data: minimising C(G)
// over generators minimises the Jensen–Shannon divergence.
func GeneratorValue(pData, pG []float64) float64 {
	return GameValue(pData, pG, OptimalDiscriminator(pData, pG))
}

// ANCHOR_END: generator_value

// JSD is the Jensen–Shannon divergence between two distributions over the
// same cells, in nats:
//
//	JSD(p ‖ q) = ½·KL(p ‖ m) + ½·KL(q ‖ m),   m = (p + q)/2
//
// It is symmetric, 0 only when p = q, and at most log 2, reached when the
// supports are disjoint (where KL itself would be infinite).
func JSD(p, q []float64) float64 {
	checkDistribution("JSD", "p", p)
	checkDistribution("JSD", "q", q)
	if len(p) != len(q) {
		panic(fmt.Sprintf("gan: JSD: %d and %d cells", len(p), len(q)))
	}
	s := 0.0
	for i := range p {
		m := (p[i] + q[i]) / 2
		if m == 0 {
			continue
		}
		s += xLogY(p[i], p[i]/m) + xLogY(q[i], q[i]/m)
	}
	return s / 2
}

// xLogY is x·log y with 0·log y = 0 for any y, the convention that makes
// a cell without mass contribute nothing even where y is 0.
func xLogY(x, y float64) float64 {
	if x == 0 {
		return 0
	}
	return x * math.Log(y)
}

// checkDensities panics unless p and q are equally long and non-negative.
func checkDensities(who string, p, q []float64) {
	if len(p) != len(q) {
		panic(fmt.Sprintf("gan: %s: %d and %d cells", who, len(p), len(q)))
	}
	for i := range p {
		if !(p[i] >= 0) || !(q[i] >= 0) || math.IsInf(p[i], 1) || math.IsInf(q[i], 1) {
			panic(fmt.Sprintf("gan: %s: cell %d has densities %g and %g; want finite numbers >= 0", who, i, p[i], q[i]))
		}
	}
}

// checkDistribution panics unless p is non-negative and sums to 1 (to
// 1e-9, room for the rounding of a histogram's division by its count).
func checkDistribution(who, name string, p []float64) {
	s := 0.0
	for i, x := range p {
		if !(x >= 0) || math.IsInf(x, 1) {
			panic(fmt.Sprintf("gan: %s: %s[%d] = %g; want a finite number >= 0", who, name, i, x))
		}
		s += x
	}
	if math.Abs(s-1) > 1e-9 {
		panic(fmt.Sprintf("gan: %s: %s sums to %.12g; want a distribution summing to 1", who, name, s))
	}
}
