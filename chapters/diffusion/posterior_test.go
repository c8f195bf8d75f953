package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// The posterior q(x_{t−1} | x_t, x_0) ∝ q(x_t | x_{t−1}) q(x_{t−1} | x_0),
// normalised and integrated numerically on a fine grid, has mean μ̃_t and
// variance β̃_t: the closed forms against the product they come from.
func TestPosteriorMatchesGaussianProduct(t *testing.T) {
	s := ho(t)
	logN := func(x, mean, variance float64) float64 { return -0.5 * (x - mean) * (x - mean) / variance }
	for _, c := range []struct {
		t      int
		x0, xt float64
	}{{2, 0.5, 0.49}, {10, -0.3, 0.2}, {100, 0.9, -1.1}, {700, 0.1, 2.0}, {1000, -1, 0.3}} {
		// the grid spans the prior q(x_{t−1} | x_0) and the likelihood's reach
		lo, hi := -8.0, 8.0
		const n = 400000
		h := (hi - lo) / n
		var z, m1, m2 float64
		for i := 0; i <= n; i++ {
			x := lo + float64(i)*h
			// log q(x_t | x_{t−1} = x) + log q(x_{t−1} = x | x_0)
			lp := logN(c.xt, math.Sqrt(s.Alpha[c.t])*x, s.Beta[c.t]) +
				logN(x, math.Sqrt(s.AlphaBar[c.t-1])*c.x0, 1-s.AlphaBar[c.t-1])
			w := math.Exp(lp)
			if i == 0 || i == n {
				w /= 2 // the trapezoid rule's ends
			}
			z, m1, m2 = z+w, m1+w*x, m2+w*x*x
		}
		mean := m1 / z
		variance := m2/z - mean*mean
		got := s.PosteriorMean(column(1, c.x0), column(1, c.xt), []int{c.t}).Data[0]
		if math.Abs(got-mean) > 1e-7 || math.Abs(s.BetaTilde[c.t]-variance) > 1e-7*variance+1e-12 {
			t.Errorf("t = %d: μ̃ %.10f, β̃ %.6e; the product's mean %.10f, variance %.6e",
				c.t, got, s.BetaTilde[c.t], mean, variance)
		}
	}
}

// The mean from the predicted noise is the posterior mean at x̂_0.
func TestMeanFromEpsIsPosteriorMeanAtPredictedX0(t *testing.T) {
	s := ho(t)
	rng := tensor.NewRNG(4)
	xt, eps := tensor.RandN(rng, 4, 6), tensor.RandN(rng, 4, 6)
	ts := []int{2, 50, 500, 1000}
	want := s.PosteriorMean(s.PredictX0(xt, ts, eps), xt, ts)
	if d := maxAbsDiff(s.MeanFromEps(xt, ts, eps).Data, want.Data); d > 1e-12 {
		t.Fatalf("μ_θ from ε̂ and μ̃(x̂_0, x_t) differ by %.2e", d)
	}
}
