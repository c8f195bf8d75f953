package gan

import (
	"fmt"
	"math"
)

// Wasserstein1 is the earth mover's distance between two distributions p
// and q on the same sorted points xs of the line: the area between their
// cumulative distribution functions,
//
//	W₁(p, q) = Σ_i |F_p(x_i) − F_q(x_i)| · (x_{i+1} − x_i),
//
// the least mass times distance that turns p into q.
func Wasserstein1(xs, p, q []float64) float64 {
	checkDistribution("Wasserstein1", "p", p)
	checkDistribution("Wasserstein1", "q", q)
	if len(xs) != len(p) || len(xs) != len(q) {
		panic(fmt.Sprintf("gan: Wasserstein1: %d points for %d and %d probabilities", len(xs), len(p), len(q)))
	}
	w, fp, fq := 0.0, 0.0, 0.0
	for i := 0; i+1 < len(xs); i++ {
		if !(xs[i+1] > xs[i]) {
			panic(fmt.Sprintf("gan: Wasserstein1: points %d and %d are %g and %g, want them increasing", i, i+1, xs[i], xs[i+1]))
		}
		fp += p[i]
		fq += q[i]
		w += math.Abs(fp-fq) * (xs[i+1] - xs[i])
	}
	return w
}

// PointMasses returns the points 0, step, 2·step, ..., (n−1)·step and two
// distributions on them with all their mass at points i and j: the data
// and a generator whose samples all sit elsewhere, the disjoint supports
// under which JSD stops telling the generator where to go.
func PointMasses(n, i, j int, step float64) (xs, p, q []float64) {
	xs, p, q = make([]float64, n), make([]float64, n), make([]float64, n)
	for k := range xs {
		xs[k] = float64(k) * step
	}
	p[i], q[j] = 1, 1
	return xs, p, q
}
