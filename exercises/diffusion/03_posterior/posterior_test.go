//go:build graded

package posterior

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// near reports whether got is within tol of want, relative to |want|
// when |want| > 1.
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// same reports whether a and b have the same length and entries within tol.
func same(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !near(a[i], b[i], tol) {
			return false
		}
	}
	return true
}

// byGrid returns the mean and the variance of q(x_{t-1} | x_t, x_0) for one
// entry, found without algebra: the product of the two Gaussians
//
//	N(x_t; √α_t·y, β_t) · N(y; √ᾱ_{t-1}·x_0, 1 - ᾱ_{t-1})
//
// evaluated at 200,001 points y, normalised by its sum, and its first two
// moments summed up. The grid reaches twelve standard deviations of the
// wider factor beyond both factors' centres, so it holds all of the
// product's mass, and its spacing is a small fraction of the product's
// width, where a sum of a Gaussian's values is exact to rounding.
func byGrid(x0, xt float64, t int, alphaBar []float64) (mean, variance float64) {
	alpha := alphaBar[t] / alphaBar[t-1]
	beta := 1 - alpha
	m, v := math.Sqrt(alphaBar[t-1])*x0, 1-alphaBar[t-1] // the prior factor
	c := xt / math.Sqrt(alpha)                           // where the kernel factor peaks in y
	s := math.Max(math.Sqrt(v), math.Sqrt(beta/alpha))
	lo, hi := math.Min(m, c)-12*s, math.Max(m, c)+12*s
	const n = 200001
	dy := (hi - lo) / (n - 1)
	logp := func(y float64) float64 {
		r := xt - math.Sqrt(alpha)*y
		return -r*r/(2*beta) - (y-m)*(y-m)/(2*v)
	}
	top := math.Inf(-1)
	for k := 0; k < n; k++ {
		top = math.Max(top, logp(lo+float64(k)*dy))
	}
	var z, s1 float64
	w := make([]float64, n)
	for k := range w {
		w[k] = math.Exp(logp(lo+float64(k)*dy) - top)
		z += w[k]
		s1 += w[k] * (lo + float64(k)*dy)
	}
	mean = s1 / z
	for k := range w {
		d := lo + float64(k)*dy - mean
		variance += w[k] * d * d
	}
	return mean, variance / z
}

// cases lists schedules and steps for the numerical tests: Ho et al.'s
// linear schedule at both ends and in the middle, and schedules of large,
// uneven betas.
func cases() []struct {
	name     string
	alphaBar []float64
	t        int
} {
	ho := []float64{1}
	for i := 0; i < 1000; i++ {
		ho = append(ho, ho[i]*(1-(1e-4+float64(i)*(0.02-1e-4)/999)))
	}
	rng := rand.New(rand.NewPCG(13, 14))
	rough := []float64{1}
	for i := 0; i < 12; i++ {
		rough = append(rough, rough[i]*(1-(0.02+0.9*rng.Float64())))
	}
	type c = struct {
		name     string
		alphaBar []float64
		t        int
	}
	out := []c{{"ᾱ = 1, 0.8, 0.4", []float64{1, 0.8, 0.4}, 2}}
	for _, t := range []int{2, 10, 250, 999, 1000} {
		out = append(out, c{"Ho et al.'s schedule", ho, t})
	}
	for _, t := range []int{2, 3, 7, 12} {
		out = append(out, c{fmt.Sprintf("betas %.3f", rough[1:]), rough, t})
	}
	return out
}

func TestByHand(t *testing.T) {
	alphaBar := []float64{1, 0.8, 0.4} // α_2 = β_2 = ½
	if got := PosteriorVariance(1, alphaBar); got != 0 {
		t.Errorf("β̃_1 = %g, want 0: at t = 1, x_{t-1} is the given x_0", got)
	}
	x0 := []float64{1, 0, 3}
	xt := []float64{0, 1, -1}
	keep0, keepT := append([]float64(nil), x0...), append([]float64(nil), xt...)
	if got := PosteriorMean(x0, xt, 1, alphaBar); !same(got, x0, 1e-15) {
		t.Errorf("μ̃_1(x_0 %v, x_1 %v) = %v, want x_0 whatever x_1 is", x0, xt, got)
	}
	// At t = 2 the posterior variance works out to 1/6.
	if got := PosteriorVariance(2, alphaBar); !near(got, 1.0/6, 1e-15) {
		why := ""
		if near(got, 0.5, 1e-12) {
			why = " (that is β_2, the forward step's variance; knowing x_0 narrows it)"
		}
		t.Errorf("β̃_2 with ᾱ = %v is %.15g, want 1/6%s", alphaBar, got, why)
	}
	want := []float64{0.7453559924999299, 0.23570226039551587, 2.000365717104274}
	if got := PosteriorMean(x0, xt, 2, alphaBar); !same(got, want, 1e-15) {
		t.Errorf("μ̃_2(x_0 %v, x_2 %v) with ᾱ = %v is %v, want %v", x0, xt, alphaBar, got, want)
	}
	if !same(x0, keep0, 0) || !same(xt, keepT, 0) {
		t.Errorf("PosteriorMean changed its inputs: x_0 is now %v and x_t %v", x0, xt)
	}
}

// TestMeanByGrid compares PosteriorMean with the mean of the product of
// the two Gaussians, summed on a grid, entry by entry.
func TestMeanByGrid(t *testing.T) {
	x0 := []float64{0.7, -1.3, 2, 0}
	xt := []float64{-0.4, -1.1, -2.5, 0.3}
	for _, c := range cases() {
		got := PosteriorMean(x0, xt, c.t, c.alphaBar)
		if len(got) != len(x0) {
			t.Fatalf("PosteriorMean of %d entries returned %d", len(x0), len(got))
		}
		for i := range x0 {
			want, _ := byGrid(x0[i], xt[i], c.t, c.alphaBar)
			if !near(got[i], want, 1e-9) {
				t.Fatalf("%s, t = %d, x_0 = %g, x_t = %g: μ̃_t = %.12g, but the product of the two Gaussians has its mean at %.12g", c.name, c.t, x0[i], xt[i], got[i], want)
			}
		}
	}
}

// TestVarianceByGrid compares PosteriorVariance with the variance of the
// product of the two Gaussians, summed on a grid, which is the same
// wherever x_0 and x_t are.
func TestVarianceByGrid(t *testing.T) {
	for _, c := range cases() {
		got := PosteriorVariance(c.t, c.alphaBar)
		for _, xs := range [][2]float64{{0, 0}, {1.5, -2}} {
			_, want := byGrid(xs[0], xs[1], c.t, c.alphaBar)
			if !(math.Abs(got-want) <= 1e-9*want) {
				t.Fatalf("%s, t = %d: β̃_t = %.12g, but the product of the two Gaussians at x_0 = %g, x_t = %g has variance %.12g", c.name, c.t, got, xs[0], xs[1], want)
			}
		}
	}
}

// TestTotalLaws: averaged over x_t ~ q(x_t | x_0), the posterior must
// give back q(x_{t-1} | x_0), in its mean (the law of total expectation)
// and in its variance (the law of total variance). The posterior is also
// narrower than the forward step: β̃_t ≤ β_t.
func TestTotalLaws(t *testing.T) {
	for _, c := range cases() {
		ab := c.alphaBar
		a := PosteriorMean([]float64{1}, []float64{0}, c.t, ab)
		b := PosteriorMean([]float64{0}, []float64{1}, c.t, ab)
		if len(a) != 1 || len(b) != 1 {
			t.Fatalf("PosteriorMean of one entry returned %d", len(a))
		}
		v := PosteriorVariance(c.t, ab)
		if mean := a[0] + b[0]*math.Sqrt(ab[c.t]); !near(mean, math.Sqrt(ab[c.t-1]), 1e-12) {
			t.Errorf("%s, t = %d: E[μ̃_t] over x_t ~ q(x_t | x_0 = 1) is %.12g, want √ᾱ_{t-1} = %.12g", c.name, c.t, mean, math.Sqrt(ab[c.t-1]))
		}
		if total := b[0]*b[0]*(1-ab[c.t]) + v; !near(total, 1-ab[c.t-1], 1e-12) {
			t.Errorf("%s, t = %d: Var[μ̃_t] + β̃_t = %.12g, want 1 - ᾱ_{t-1} = %.12g", c.name, c.t, total, 1-ab[c.t-1])
		}
		if beta := 1 - ab[c.t]/ab[c.t-1]; !(v > 0 && v <= beta) {
			t.Errorf("%s, t = %d: β̃_t = %g, want it in (0, β_t = %g]", c.name, c.t, v, beta)
		}
		x0, xt := []float64{0.3, -2}, []float64{1.7, 0.4}
		got := PosteriorMean(x0, xt, c.t, ab)
		for i := range x0 {
			if len(got) != len(x0) || !near(got[i], a[0]*x0[i]+b[0]*xt[i], 1e-12) {
				t.Fatalf("%s, t = %d: PosteriorMean(%v, %v) = %v is not a·x_0 + b·x_t with a = %g, b = %g", c.name, c.t, x0, xt, got, a[0], b[0])
			}
		}
	}
}

// walkForward takes x0 forward t steps, one by one, with fresh noise at
// each, and returns x_t with the single standard normal noise the steps add
// up to (the merged noise of exercise 02's TestTwoStepsAreOne): the pair
// that x_0 becomes under the forward process.
func walkForward(rng *rand.Rand, x0 []float64, t int, alphaBar []float64) (xt, eps []float64) {
	xt, eps = append([]float64(nil), x0...), make([]float64, len(x0))
	v := 0.0 // the variance of each entry of eps so far
	for s := 1; s <= t; s++ {
		b := 1 - alphaBar[s]/alphaBar[s-1]
		v = (1-b)*v + b
		for i := range xt {
			n := rng.NormFloat64()
			xt[i] = math.Sqrt(1-b)*xt[i] + math.Sqrt(b)*n
			eps[i] = math.Sqrt(1-b)*eps[i] + math.Sqrt(b)*n
		}
	}
	for i := range eps {
		eps[i] /= math.Sqrt(v)
	}
	return xt, eps
}

// TestMeanFromEps: the model's mean from x_t and ε̂ is the posterior mean
// at the x̂_0 that ε̂ implies, found on the grid. The test picks x̂_0 and
// walks it forward to x_t; ε̂ is the noise of that walk.
func TestMeanFromEps(t *testing.T) {
	alphaBar := []float64{1, 0.8, 0.4}
	xt, epsHat := []float64{1, -0.5}, []float64{0.25, 2}
	keepX, keepE := append([]float64(nil), xt...), append([]float64(nil), epsHat...)
	// At t = 1 the mean is x̂_0 itself.
	want := []float64{0.9930339887498949, -1.5590169943749472}
	if got := MeanFromEps(xt, 1, epsHat, alphaBar); !same(got, want, 1e-14) {
		t.Errorf("MeanFromEps(x_1 %v, t = 1, ε̂ %v, ᾱ %v) = %v, want x̂_0 = %v", xt, epsHat, alphaBar, got, want)
	}
	if !same(xt, keepX, 0) || !same(epsHat, keepE, 0) {
		t.Errorf("MeanFromEps changed its inputs: x_t is now %v and ε̂ %v", xt, epsHat)
	}
	rng := rand.New(rand.NewPCG(15, 16))
	for _, c := range cases() {
		x0Hat := []float64{rng.NormFloat64(), 1}
		xt, epsHat := walkForward(rng, x0Hat, c.t, c.alphaBar)
		got := MeanFromEps(xt, c.t, epsHat, c.alphaBar)
		if len(got) != len(xt) {
			t.Fatalf("MeanFromEps of %d entries returned %d", len(xt), len(got))
		}
		for i := range xt {
			want, _ := byGrid(x0Hat[i], xt[i], c.t, c.alphaBar)
			if !near(got[i], want, 1e-9) {
				t.Fatalf("%s, t = %d, x_t = %g, ε̂ = %g: MeanFromEps = %.12g, but the posterior mean at x̂_0 = %.6g is %.12g", c.name, c.t, xt[i], epsHat[i], got[i], x0Hat[i], want)
			}
		}
	}
}
