//go:build graded

package learnedvar

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

// ho returns the test's own ᾱ_0, ..., ᾱ_1000 of Ho et al.'s linear
// schedule, betas evenly spaced from 1e-4 to 0.02.
func ho() []float64 {
	ab := []float64{1}
	for i := 0; i < 1000; i++ {
		ab = append(ab, ab[i]*(1-(1e-4+float64(i)*(0.02-1e-4)/999)))
	}
	return ab
}

// gridVariance returns β̃_t, 2 ≤ t ≤ T, found without algebra: the
// variance of the product of q(x_t | x_{t-1}) and q(x_{t-1} | x_0), taken
// at x_0 = x_t = 0 as functions of y = x_{t-1} (centred at 0 there), and
// summed on 20,001 points over twelve standard deviations of the
// narrower factor either side, which the product is narrower still than.
func gridVariance(t int, alphaBar []float64) float64 {
	alpha := alphaBar[t] / alphaBar[t-1]
	vKernel, vPrior := (1-alpha)/alpha, 1-alphaBar[t-1] // the two factors' variances in y
	w := 12 * math.Sqrt(math.Min(vKernel, vPrior))
	const n = 20001
	dy := 2 * w / (n - 1)
	var z, s2 float64
	for k := 0; k < n; k++ {
		y := -w + float64(k)*dy
		p := math.Exp(-y*y/(2*vKernel) - y*y/(2*vPrior))
		z += p
		s2 += p * y * y
	}
	return s2 / z
}

// hand is ᾱ = 1, 0.9, 0.6, 0.36: β = 0.1, 1/3, 0.4, and the posterior
// variances are β̃_2 = 1/12 and β̃_3 = 1/4.
var hand = []float64{1, 0.9, 0.6, 0.36}

func TestVarianceEnds(t *testing.T) {
	cases := []struct {
		v    float64
		t    int
		want float64 // the variance
	}{
		{0, 3, 0.25}, {1, 3, 0.4},
		{0, 2, 1.0 / 12}, {1, 2, 1.0 / 3},
		{0, 1, 1.0 / 12}, // β̃_1 = 0: the lower end is β̃_2
		{1, 1, 0.1},
	}
	for _, c := range cases {
		got := LogVariance(c.v, c.t, hand)
		if !near(got, math.Log(c.want), 1e-14) {
			why := ""
			switch {
			case near(got, c.want, 1e-12):
				why = ": return the log of the variance"
			case math.IsInf(got, -1) || math.IsNaN(got):
				why = ": at t = 1 use β̃_2, since β̃_1 = 0"
			}
			t.Errorf("LogVariance(v = %g, t = %d) with ᾱ = %v is %.15g, want log %.6g = %.15g%s", c.v, c.t, hand, got, c.want, math.Log(c.want), why)
		}
	}
	ab := ho()
	for _, step := range []int{1, 2, 10, 500, 1000} {
		lower := step
		if step == 1 {
			lower = 2
		}
		if got, want := LogVariance(0, step, ab), math.Log(gridVariance(lower, ab)); !near(got, want, 1e-9) {
			t.Errorf("Ho et al.'s schedule, t = %d: LogVariance(v = 0) = %.12g, but log β̃_%d, found on a grid, is %.12g", step, got, lower, want)
		}
		if got, want := LogVariance(1, step, ab), math.Log(1-ab[step]/ab[step-1]); !near(got, want, 1e-12) {
			t.Errorf("Ho et al.'s schedule, t = %d: LogVariance(v = 1) = %.15g, want log β_%d = %.15g", step, got, step, want)
		}
	}
}

// TestVarianceBetween: log Σ_θ is affine in v, so Σ_θ at v = ½ is the
// geometric mean of the ends, and every v, in [0, 1] or not, gives a
// positive variance.
func TestVarianceBetween(t *testing.T) {
	// ½·(log 1/12 + log 1/3) = log 1/6; ½·(log ¼ + log 0.4) = log √0.1;
	// 2·log 0.4 - log ¼ = log 0.64; 2·log ¼ - log 0.4 = log 0.15625.
	cases := []struct {
		v    float64
		t    int
		want float64
	}{
		{0.5, 2, 1.0 / 6}, {0.5, 3, math.Sqrt(0.1)}, {0.5, 1, math.Sqrt(0.1 / 12)},
		{2, 3, 0.64}, {-1, 3, 0.15625},
	}
	for _, c := range cases {
		got := LogVariance(c.v, c.t, hand)
		if !near(math.Exp(got), c.want, 1e-14) {
			why := ""
			beta := 1 - hand[c.t]/hand[c.t-1]
			if c.v == 0.5 && near(math.Exp(got), (beta+c.want*c.want/beta)/2, 1e-12) {
				why = ": mix the logs, not the variances"
			}
			t.Errorf("LogVariance(v = %g, t = %d) with ᾱ = %v gives Σ_θ = %.15g, want %.15g%s", c.v, c.t, hand, math.Exp(got), c.want, why)
		}
	}
	ab := ho()
	for _, step := range []int{1, 2, 3, 50, 999} {
		lo, hi := LogVariance(0, step, ab), LogVariance(1, step, ab)
		if !(lo < hi) {
			t.Fatalf("Ho et al.'s schedule, t = %d: log β̃ = %g is not below log β = %g", step, lo, hi)
		}
		for _, v := range []float64{-3, -0.5, 0.25, 0.5, 0.9, 1.7} {
			got := LogVariance(v, step, ab)
			if want := (1-v)*lo + v*hi; !near(got, want, 1e-12) {
				t.Fatalf("Ho et al.'s schedule, t = %d: LogVariance(v = %g) = %.15g, want (1 - v)·log β̃ + v·log β = %.15g", step, v, got, want)
			}
			if s := math.Exp(got); !(s > 0) {
				t.Fatalf("Ho et al.'s schedule, t = %d, v = %g: Σ_θ = %g, want it positive", step, v, s)
			}
		}
		if mid := math.Exp(LogVariance(0.5, step, ab)); !near(mid, math.Sqrt(math.Exp(lo)*math.Exp(hi)), 1e-12) {
			t.Fatalf("Ho et al.'s schedule, t = %d: Σ_θ(v = ½) = %g, want the geometric mean of β̃ and β, %g", step, mid, math.Sqrt(math.Exp(lo)*math.Exp(hi)))
		}
	}
}

// gridKL returns ∫ p log(p/q) over twenty standard deviations of p either
// side of its mean, summed on 200,001 points.
func gridKL(mu1, logVar1, mu2, logVar2 float64) float64 {
	s1 := math.Exp(0.5 * logVar1)
	logN := func(x, mu, logVar float64) float64 {
		return -0.5*(math.Log(2*math.Pi)+logVar) - (x-mu)*(x-mu)/(2*math.Exp(logVar))
	}
	const n = 200001
	dx := 40 * s1 / (n - 1)
	sum := 0.0
	for k := 0; k < n; k++ {
		x := mu1 - 20*s1 + float64(k)*dx
		lp := logN(x, mu1, logVar1)
		sum += math.Exp(lp) * (lp - logN(x, mu2, logVar2))
	}
	return sum * dx
}

func TestNormalKL(t *testing.T) {
	cases := []struct {
		mu1, logVar1, mu2, logVar2 float64
		want                       float64
	}{
		{0, 0, 0, 0, 0},
		{1, 0, 0, 0, 0.5},
		{0, math.Log(4), 0, 0, 0.8068528194400547},
		{0, 0, 0, math.Log(4), 0.3181471805599453}, // the same pair the other way round: KL is not symmetric
		{2, -2, -1, 0, 5.067667641618306},
		{0.5, math.Log(0.25), 0.5, math.Log(0.25), 0}, // equal Gaussians
		{-3, math.Log(9), -1, math.Log(9), 2.0 / 9},   // equal variances
		{0, math.Log(1e-4), 0, 0, 4.105220185988092},  // a narrow p under a wide q
	}
	for _, c := range cases {
		got := NormalKL(c.mu1, c.logVar1, c.mu2, c.logVar2)
		if !near(got, c.want, 1e-14) {
			t.Errorf("NormalKL(μ₁ = %g, log σ₁² = %.4g, μ₂ = %g, log σ₂² = %.4g) = %.15g, want %.15g", c.mu1, c.logVar1, c.mu2, c.logVar2, got, c.want)
		}
	}
	rng := rand.New(rand.NewPCG(31, 32))
	for trial := 0; trial < 200; trial++ {
		mu1, lv1 := 2*rng.NormFloat64(), rng.NormFloat64()
		mu2, lv2 := 2*rng.NormFloat64(), rng.NormFloat64()
		if got := NormalKL(mu1, lv1, mu1, lv1); math.Abs(got) > 1e-15 {
			t.Fatalf("NormalKL of N(%g, e^%g) from itself is %g, want 0", mu1, lv1, got)
		}
		got := NormalKL(mu1, lv1, mu2, lv2)
		if !(got > 0) {
			t.Fatalf("NormalKL(%g, %g, %g, %g) = %g: two different Gaussians are a positive KL apart", mu1, lv1, mu2, lv2, got)
		}
		if a, b := NormalKL(mu1, lv1, mu1, lv2), NormalKL(mu1, lv1, mu2, lv1); !(a > 0 && b > 0) {
			t.Fatalf("NormalKL = %g with only the variances different and %g with only the means: want both positive", a, b)
		}
		if trial < 20 {
			if want := gridKL(mu1, lv1, mu2, lv2); !near(got, want, 1e-9) {
				t.Fatalf("NormalKL(%g, %g, %g, %g) = %.12g, but ∫ p log(p/q), summed on a grid, is %.12g", mu1, lv1, mu2, lv2, got, want)
			}
		}
	}
}

// level returns the k-th of the 256 levels, -1 + 2k/255.
func level(k int) float64 { return 2*float64(k)/255 - 1 }

func TestDecoderByHand(t *testing.T) {
	const h = 1.0 / 255 // half a bin
	logVar := func(sigma float64) float64 { return 2 * math.Log(sigma) }
	cases := []struct {
		name          string
		x, mu, logVar float64
		want          float64 // the probability
		tol           float64 // on its log
	}{
		// the mean on the first bin's upper edge: half the mass below it
		{"first bin, μ at its edge", -1, -1 + h, 3, 0.5, 1e-14},
		{"last bin, μ at its edge", 1, 1 - h, -3, 0.5, 1e-14},
		// σ is half a bin: the bin is μ ± σ, Φ(1) - Φ(-1)
		{"a middle bin, μ at its centre", level(100), level(100), logVar(h), 0.6826894921370859, 1e-14},
		// μ on the bin's upper edge, σ half a bin: Φ(0) - Φ(-2)
		{"a middle bin, μ at its edge", level(200), level(200) + h, logVar(h), 0.4772498680518208, 1e-14},
		// the first bin reaches down to -∞: Φ(-1), not Φ(-1) - Φ(-1 - 2h/σ)
		{"first bin, stretched", -1, -1 + h + 0.1, logVar(0.1), 0.15865525393145707, 1e-14},
		// the last bin reaches up to +∞: 1 - Φ(2)
		{"last bin, stretched", 1, 1 - h - 0.1, logVar(0.05), 0.02275013194817921, 1e-13},
		// in the upper tail: Φ(-5) - Φ(-5 - 2h/σ)
		{"a bin 5σ above μ", level(200), level(200) - h - 0.1, logVar(0.02), 2.5184309534238397e-07, 1e-7},
		// far off: the floor
		{"last bin, μ at -1", 1, -1, logVar(0.01), 1e-12, 1e-15},
		{"first bin, μ at 1", -1, 1, logVar(0.01), 1e-12, 1e-15},
		{"a middle bin, μ far below", level(128), -0.9, logVar(0.001), 1e-12, 1e-15},
	}
	for _, c := range cases {
		got := DecoderLogLik(c.x, c.mu, c.logVar)
		if want := math.Log(c.want); !near(got, want, c.tol) {
			why := ""
			switch {
			case near(got, c.want, 1e-9):
				why = ": return the log of the probability"
			case math.IsInf(got, -1):
				why = ": floor the probability at 1e-12 before the log"
			}
			t.Errorf("%s: DecoderLogLik(x = %.6g, μ = %.6g, log σ² = %.4g) = %.15g, want log %.15g = %.15g%s", c.name, c.x, c.mu, c.logVar, got, c.want, want, why)
		}
	}
}

// TestDecoderSumsToOne: the 256 bins tile the line, so their masses add
// up to 1 (plus at most 256 floors of 1e-12), wherever the Gaussian is.
func TestDecoderSumsToOne(t *testing.T) {
	for _, mu := range []float64{0.01, 0.3, -0.99, 1, 2.5, -7, level(17)} {
		for _, logVar := range []float64{-14, -10, -6, -2, 0, 1, 4} {
			sum, best, bestK := 0.0, math.Inf(-1), -1
			for k := 0; k < 256; k++ {
				lp := DecoderLogLik(level(k), mu, logVar)
				if !(lp <= 1e-15) {
					t.Fatalf("DecoderLogLik(x = %.6g, μ = %g, log σ² = %g) = %g: a probability's log is at most 0", level(k), mu, logVar, lp)
				}
				sum += math.Exp(lp)
				if lp > best {
					best, bestK = lp, k
				}
			}
			if !(math.Abs(sum-1) <= 1e-9) {
				t.Fatalf("μ = %g, log σ² = %g: the 256 bins hold %.12g of the mass, want 1", mu, logVar, sum)
			}
			// A narrow Gaussian, or one centred at or beyond an end, is most
			// likely on the level nearest μ (μ clipped to [-1, 1]). A wide one
			// inside may prefer an end bin, which holds a whole tail.
			want := int(math.Round((math.Max(-1, math.Min(1, mu)) + 1) * 255 / 2))
			if (logVar <= -10 || math.Abs(mu) >= 1) && bestK != want {
				t.Fatalf("μ = %g, log σ² = %g: the most likely level is k = %d, want %d, the level nearest μ", mu, logVar, bestK, want)
			}
		}
	}
	// A narrow Gaussian at a level puts all its mass on that level.
	for _, k := range []int{0, 1, 127, 254, 255} {
		if got := DecoderLogLik(level(k), level(k), -20); !near(got, 0, 1e-12) {
			t.Fatalf("DecoderLogLik(x = μ = %.6g, σ = e⁻¹⁰) = %g, want log 1 = 0", level(k), got)
		}
	}
}
