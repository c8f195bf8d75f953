package diffusion

import (
	"math"
	"testing"
)

func TestNormalKLHandCases(t *testing.T) {
	for _, c := range []struct {
		mu1, var1, mu2, var2, want float64
	}{
		{0.3, 2, 0.3, 2, 0},
		// ½(log 4 − 0 + 1/4 + 1/4 − 1) = log 2 − 1/4
		{0, 1, 1, 4, math.Log(2) - 0.25},
		// ½(0 + 1 + 9 − 1) = 4.5: a shift of 3 standard deviations
		{3, 1, 0, 1, 4.5},
		// ½(log(1/4) + 4 + 0 − 1): the wider Gaussian from the narrower
		{0, 4, 0, 1, 0.5 * (math.Log(0.25) + 3)},
	} {
		if got := NormalKL(c.mu1, math.Log(c.var1), c.mu2, math.Log(c.var2)); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("KL(N(%g, %g) ‖ N(%g, %g)) = %.17g; want %.17g", c.mu1, c.var1, c.mu2, c.var2, got, c.want)
		}
	}
}

// level returns the k-th of the 256 intensity levels in [−1, 1].
func level(k int) float64 { return -1 + float64(k)*DecoderBinWidth }

// The decoder's 256 bins hold all of N(μ, σ²)'s mass, wherever μ is, plus
// at most the floor DecoderMinProb for each bin far in a tail.
func TestDiscretizedDecoderSumsToOne(t *testing.T) {
	for _, c := range [][2]float64{{0, 0}, {0.3, math.Log(0.01)}, {-0.99, math.Log(1e-4)}, {1.5, math.Log(0.5)}, {level(17), math.Log(1e-6)}} {
		sum := 0.0
		for k := 0; k < 256; k++ {
			sum += math.Exp(DiscretizedGaussianLogLik(level(k), c[0], c[1]))
		}
		if sum < 1-1e-12 || sum > 1+256*DecoderMinProb {
			t.Errorf("μ %g, log σ² %g: the bins hold %.15f", c[0], c[1], sum)
		}
	}
}

func TestDiscretizedDecoderHandCases(t *testing.T) {
	// σ = 1 and x = μ = level 100: Φ(1/255) − Φ(−1/255) = erf(1/(255√2))
	x := level(100)
	if got, want := DiscretizedGaussianLogLik(x, x, 0), math.Log(math.Erf(1/(255*math.Sqrt2))); math.Abs(got-want) > 1e-12 {
		t.Errorf("σ = 1: log p = %.15f; want %.15f", got, want)
	}
	// a narrow decoder centred on the level puts all its mass there
	if got := DiscretizedGaussianLogLik(x, x, math.Log(1e-8)); math.Abs(got) > 1e-12 {
		t.Errorf("σ = 1e-4 at the level: log p = %g; want 0", got)
	}
	// the end bins reach to infinity: a mean far beyond 1 lands in the top bin
	if got := DiscretizedGaussianLogLik(1, 5, 0); math.Abs(got-math.Log(1-0.5*math.Erfc(-(1-1.0/255-5)/math.Sqrt2))) > 1e-12 {
		t.Errorf("top bin: log p = %g", got)
	}
	// far in a tail the probability is floored, not −∞
	if got := DiscretizedGaussianLogLik(level(0), 0.9, math.Log(1e-6)); got != math.Log(DecoderMinProb) {
		t.Errorf("far tail: log p = %g; want the floor %g", got, math.Log(DecoderMinProb))
	}
}
