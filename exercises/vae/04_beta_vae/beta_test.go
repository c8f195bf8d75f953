//go:build graded

package betavae

import (
	"math"
	"math/rand/v2"
	"testing"
)

// near reports whether got is within tol of want, relative to |want|
// when |want| > 1.
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// gaussLogDensity is log N(y; m, s2), the log-density of a Gaussian of mean
// m and variance s2.
func gaussLogDensity(y, m, s2 float64) float64 {
	return -math.Log(2*math.Pi*s2)/2 - (y-m)*(y-m)/(2*s2)
}

// objective is D + β·R of the package comment, taken from the definitions
// by quadrature rather than by algebra: the expectations over x ~ N(0, s²)
// and z = a·x + √v·ε, ε ~ N(0, 1), of -log p(x|z) and of
// log q(z|x) - log p(z), each over a three-point Gauss–Hermite rule per
// variable (nodes 0 and ±√3, weights 2/3 and 1/6). The rule integrates
// polynomials of degree up to five against a standard normal exactly, and
// both integrands are quadratics in the two normals.
func objective(a, v, s2, tau2, beta float64) float64 {
	nodes := [3]float64{-math.Sqrt(3), 0, math.Sqrt(3)}
	weights := [3]float64{1.0 / 6, 2.0 / 3, 1.0 / 6}
	var d, r float64
	for i, xi := range nodes {
		for j, e := range nodes {
			x := math.Sqrt(s2) * xi
			z := a*x + math.Sqrt(v)*e
			w := weights[i] * weights[j]
			d -= w * gaussLogDensity(x, z, tau2)
			r += w * (gaussLogDensity(z, a*x, v) - gaussLogDensity(z, 0, 1))
		}
	}
	return d + beta*r
}

func TestLoss(t *testing.T) {
	cases := []struct {
		rate, distortion, beta, want float64
	}{
		// R = 2 nats, D = 10 nats at several β: D + β·R.
		{2, 10, 1, 12},         // the VAE: the negative ELBO
		{2, 10, 4, 18},         // a β-VAE: nats in the code cost four times as much
		{2, 10, 0.5, 11},       // β < 1: reconstruction first
		{2, 10, 0, 10},         // an autoencoder: only the distortion
		{0, 3, 1e6, 3},         // a collapsed code costs nothing at any β
		{7.5, 0, 2, 15},        // a perfect decoder: only the rate
		{math.Inf(1), 3, 0, 3}, // β = 0 ignores even an infinite rate
	}
	for _, c := range cases {
		got := Loss(c.rate, c.distortion, c.beta)
		if math.IsNaN(got) || !near(got, c.want, 1e-12) {
			why := ""
			if c.beta == 0 && math.IsInf(c.rate, 1) {
				why = ": 0·(+Inf) is NaN in float64, so treat β = 0 on its own"
			} else if near(got, c.rate+c.beta*c.distortion, 1e-12) {
				why = ": β weighs the rate (the KL), not the distortion"
			}
			t.Errorf("Loss(rate %g, distortion %g, β %g) = %g, want %g%s", c.rate, c.distortion, c.beta, got, c.want, why)
		}
	}
}

func TestRateDistortion(t *testing.T) {
	cases := []struct {
		name             string
		a, v, s2, tau2   float64
		rate, distortion float64
	}{
		// a = 1, v = 1, s² = 1, τ² = 1.
		{"a = 1, v = 1", 1, 1, 1, 1, 0.5, 1.4189385332046727},
		// a = ½, v = ¼, s² = 4, τ² = ½.
		{"a = ½, v = ¼", 0.5, 0.25, 4, 0.5, 0.8181471805599453, 1.8223649429247},
		// q(z|x) is the prior, so no rate; s² = 3, τ² = 2.
		{"collapsed: a = 0, v = 1", 0, 1, 3, 2, 0, 2.2655121234846454},
	}
	for _, c := range cases {
		r, d := RateDistortion(c.a, c.v, c.s2, c.tau2)
		if math.IsNaN(r) || math.IsNaN(d) || !near(r, c.rate, 1e-12) || !near(d, c.distortion, 1e-12) {
			t.Errorf("%s: RateDistortion(a %g, v %g, s² %g, τ² %g) = (rate %.12g, distortion %.12g), want (%.12g, %.12g)",
				c.name, c.a, c.v, c.s2, c.tau2, r, d, c.rate, c.distortion)
		}
	}

	// A deterministic encoder copies x exactly: +Inf nats of rate, and only
	// the decoder's own noise is left as distortion, 0.5723649429247001 nats
	// for τ² = ½.
	r, d := RateDistortion(1, 0, 2, 0.5)
	if !math.IsInf(r, 1) || !near(d, 0.5723649429247001, 1e-12) {
		t.Errorf("RateDistortion(a 1, v 0, s² 2, τ² 0.5) = (%g, %g), want (+Inf, 0.5723649429247001)", r, d)
	}

	// Monte Carlo, from the definitions: x ~ N(0, s²), z = a·x + √v·ε; the
	// rate is the mean of log q(z|x) - log p(z), the distortion the mean of
	// -log p(x|z).
	const a, v, s2, tau2, n = 0.6, 0.3, 2.0, 0.5, 200000
	rng := rand.New(rand.NewPCG(5, 6))
	var sr, srr, sd, sdd float64
	for i := 0; i < n; i++ {
		x := math.Sqrt(s2) * rng.NormFloat64()
		z := a*x + math.Sqrt(v)*rng.NormFloat64()
		lr := gaussLogDensity(z, a*x, v) - gaussLogDensity(z, 0, 1)
		nll := -gaussLogDensity(x, z, tau2)
		sr, srr, sd, sdd = sr+lr, srr+lr*lr, sd+nll, sdd+nll*nll
	}
	mr, md := sr/n, sd/n
	ser, sed := math.Sqrt((srr/n-mr*mr)/n), math.Sqrt((sdd/n-md*md)/n)
	r, d = RateDistortion(a, v, s2, tau2)
	if math.IsNaN(r) || math.Abs(r-mr) > 5*ser {
		t.Errorf("RateDistortion(a %g, v %g, s² %g, τ² %g) gives rate %.5f; the mean of log q(z|x) - log p(z) over %d draws is %.5f ± %.5f", a, v, s2, tau2, r, n, mr, 5*ser)
	}
	if math.IsNaN(d) || math.Abs(d-md) > 5*sed {
		t.Errorf("RateDistortion(a %g, v %g, s² %g, τ² %g) gives distortion %.5f; the mean of -log p(x|z) over %d draws is %.5f ± %.5f", a, v, s2, tau2, d, n, md, 5*sed)
	}
}

func TestOptimalEncoder(t *testing.T) {
	cases := []struct {
		beta, tau2, a, v float64
	}{
		{1, 1, 0.5, 0.5},
		{4, 0.5, 1.0 / 3, 2.0 / 3},
		{0.25, 2, 2.0 / 3, 1.0 / 3},
		{0, 0.7, 1, 0}, // an autoencoder: copy x, no noise
	}
	for _, c := range cases {
		a, v := OptimalEncoder(c.beta, c.tau2)
		if !near(a, c.a, 1e-12) || !near(v, c.v, 1e-12) {
			t.Errorf("OptimalEncoder(β %g, τ² %g) = (a %.12g, v %.12g), want (%.12g, %.12g)", c.beta, c.tau2, a, v, c.a, c.v)
		}
	}

	// No encoder on a grid does better than the optimum.
	for _, c := range []struct{ beta, s2, tau2 float64 }{{1, 1.5, 0.5}, {4, 2, 0.3}, {0.3, 1, 1}} {
		a, v := OptimalEncoder(c.beta, c.tau2)
		best := objective(a, v, c.s2, c.tau2, c.beta)
		if math.IsNaN(best) {
			t.Errorf("OptimalEncoder(β %g, τ² %g) = (%g, %g): D + β·R there is NaN", c.beta, c.tau2, a, v)
			continue
		}
		for ga := 0.0; ga <= 1.2; ga += 0.01 {
			for gv := 0.01; gv <= 2; gv += 0.01 {
				if j := objective(ga, gv, c.s2, c.tau2, c.beta); j < best-1e-12 {
					t.Errorf("β %g, s² %g, τ² %g: OptimalEncoder gives (a %.4g, v %.4g) with D + β·R = %.6f, but (a %.2f, v %.2f) gives %.6f",
						c.beta, c.s2, c.tau2, a, v, best, ga, gv, j)
					ga, gv = 2, 3 // one counterexample is enough
				}
			}
		}
	}

	// At β = 1 with s² = 1 + τ², the model is exact: the best negative ELBO
	// is the data's entropy under p(x) = N(0, s²), ½·log(2πs²) + ½.
	const tau2, s2 = 0.5, 1.5
	a, v := OptimalEncoder(1, tau2)
	r, d := RateDistortion(a, v, s2, tau2)
	if want, got := math.Log(2*math.Pi*s2)/2+0.5, Loss(r, d, 1); math.IsNaN(got) || !near(got, want, 1e-12) {
		t.Errorf("at β = 1, τ² %g, s² = 1 + τ²: Loss(RateDistortion(OptimalEncoder)) = %.12g, want E[-log p(x)] = ½·log(2πs²) + ½ = %.12g: "+
			"q* is the exact posterior there, so the ELBO meets log p(x)", tau2, got, want)
	}
}

// TestBetaTradesRateForDistortion: at the best encoder for each β, a
// larger β buys a lower rate with a higher distortion.
func TestBetaTradesRateForDistortion(t *testing.T) {
	const s2, tau2 = 1.5, 0.5
	betas := []float64{0.1, 0.5, 1, 2, 4, 16}
	prevR, prevD := math.Inf(1), math.Inf(-1)
	for _, beta := range betas {
		a, v := OptimalEncoder(beta, tau2)
		r, d := RateDistortion(a, v, s2, tau2)
		if !(r < prevR) {
			t.Errorf("β %g: rate %.6g, not below the rate %.6g at the previous, smaller β: a dearer rate should buy fewer nats", beta, r, prevR)
		}
		if !(d > prevD) {
			t.Errorf("β %g: distortion %.6g, not above the distortion %.6g at the previous, smaller β: fewer nats in the code should reconstruct worse", beta, d, prevD)
		}
		prevR, prevD = r, d
	}

	// β → ∞: posterior collapse, a code equal to the prior and no rate.
	a, v := OptimalEncoder(1e6, tau2)
	if r, _ := RateDistortion(a, v, s2, tau2); !(a < 1e-5 && math.Abs(v-1) < 1e-5 && r >= 0 && r < 1e-9) {
		t.Errorf("β = 1e6: the encoder is (a %g, v %g) with rate %g; want a ≈ 0, v ≈ 1 and a rate ≈ 0: q(z|x) collapses onto the prior", a, v, r)
	}
	// β → 0: the code copies x and the distortion falls to its floor, the
	// decoder's -log density at its own mean.
	a, v = OptimalEncoder(1e-6, tau2)
	floor := -gaussLogDensity(0, 0, tau2)
	if r, d := RateDistortion(a, v, s2, tau2); !(d-floor >= 0 && d-floor < 1e-5 && r > 5) {
		t.Errorf("β = 1e-6: rate %g, distortion %g; want the distortion within 1e-5 above its floor %g, what a decoder given z = x loses, and a rate of several nats", r, d, floor)
	}
}
