//go:build graded

package closedform

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

// linear returns the test's own ᾱ_0, ..., ᾱ_T and betas of Ho et al.'s
// schedule: T betas evenly spaced from 1e-4 to 0.02.
func linear(T int) (alphaBar, betas []float64) {
	alphaBar, betas = make([]float64, T+1), make([]float64, T)
	alphaBar[0] = 1
	for i := range betas {
		betas[i] = 1e-4 + float64(i)*(0.02-1e-4)/float64(T-1)
		alphaBar[i+1] = alphaBar[i] * (1 - betas[i])
	}
	return alphaBar, betas
}

// ᾱ_0, ..., ᾱ_3 = 1, 0.64, 0.36, 0: numbers whose steps work out by hand.
var handAlphaBar = []float64{1, 0.64, 0.36, 0}

func TestNoiseByHand(t *testing.T) {
	x0 := []float64{1, -2, 0.5}
	eps := []float64{0.5, 1, -1}
	keepX, keepE := append([]float64(nil), x0...), append([]float64(nil), eps...)
	cases := []struct {
		t    int
		want []float64
		slip []float64 // what weighing by variances instead of standard deviations gives
	}{
		{0, []float64{1, -2, 0.5}, nil}, // no noise yet
		{1, []float64{1.1, -1.0, -0.2}, []float64{0.82, -0.92, -0.04}},
		{2, []float64{1.0, -0.4, -0.5}, []float64{0.68, -0.08, -0.46}},
		{3, []float64{0.5, 1, -1}, nil}, // ᾱ_3 = 0: pure noise
	}
	for _, c := range cases {
		got := Noise(x0, c.t, eps, handAlphaBar)
		if !same(got, c.want, 1e-15) {
			why := ""
			if c.slip != nil && same(got, c.slip, 1e-12) {
				why = ": ᾱ_t and 1 - ᾱ_t are variances; x_t is built from standard deviations"
			}
			t.Errorf("Noise(x_0 %v, t = %d, ε %v, ᾱ %v) = %v, want %v%s", x0, c.t, eps, handAlphaBar, got, c.want, why)
		}
	}
	if !same(x0, keepX, 0) || !same(eps, keepE, 0) {
		t.Errorf("Noise changed its inputs: x_0 is now %v and ε %v", x0, eps)
	}
}

// walkForward takes x0 through the forward steps of betas one by one,
// x ← √(1 - β)·x + √β·n with a fresh standard normal n for each entry, and
// returns where it lands with the noise it gathered on the way: the noise
// already in x shrinks with the signal at each step and the new draw joins
// it with standard deviation √β, and at the end the sum is scaled to unit
// variance (which grows as v ← (1 - β)·v + β).
func walkForward(rng *rand.Rand, x0, betas []float64) (x, noise []float64) {
	x = append([]float64(nil), x0...)
	noise = make([]float64, len(x0))
	v := 0.0
	for _, b := range betas {
		v = (1-b)*v + b
		for i := range x {
			n := rng.NormFloat64()
			x[i] = math.Sqrt(1-b)*x[i] + math.Sqrt(b)*n
			noise[i] = math.Sqrt(1-b)*noise[i] + math.Sqrt(b)*n
		}
	}
	for i := range noise {
		noise[i] /= math.Sqrt(v)
	}
	return x, noise
}

// TestTwoStepsAreOne takes t steps with noises ε_1, ..., ε_t, merges the
// noises into the single standard normal ε that they add up to, and asks
// Noise for x_t from that ε: it must land on the same point.
func TestTwoStepsAreOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 20; trial++ {
		steps := 1 + rng.IntN(40)
		betas := make([]float64, steps)
		alphaBar := []float64{1}
		for i := range betas {
			betas[i] = 0.01 + 0.3*rng.Float64()
			alphaBar = append(alphaBar, alphaBar[i]*(1-betas[i]))
		}
		x0 := []float64{rng.NormFloat64(), rng.NormFloat64(), 3}
		x, merged := walkForward(rng, x0, betas)
		got := Noise(x0, steps, merged, alphaBar)
		if !same(got, x, 1e-12) {
			t.Fatalf("trial %d: %d steps from x_0 = %.4g reach %.12g, but Noise with their merged noise gives %.12g", trial, steps, x0, x, got)
		}
	}
}

// TestStatistics draws x_t 20,000 times by Noise with a fresh ε, and
// 20,000 times by taking the t steps one by one, and compares the means
// and variances of the two samples: they must agree within five standard
// errors.
func TestStatistics(t *testing.T) {
	const T, n = 1000, 20000
	alphaBar, betas := linear(T)
	x0 := []float64{1.5, -0.5}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, step := range []int{1, 50, 400} {
		var jump, walk [2][]float64 // per entry: the samples of each way
		for k := 0; k < n; k++ {
			eps := []float64{rng.NormFloat64(), rng.NormFloat64()}
			got := Noise(x0, step, eps, alphaBar)
			if len(got) != len(x0) {
				t.Fatalf("Noise of %d entries returned %d", len(x0), len(got))
			}
			x := append([]float64(nil), x0...)
			for s := 0; s < step; s++ {
				for i := range x {
					x[i] = math.Sqrt(1-betas[s])*x[i] + math.Sqrt(betas[s])*rng.NormFloat64()
				}
			}
			for i := range x0 {
				jump[i] = append(jump[i], got[i])
				walk[i] = append(walk[i], x[i])
			}
		}
		for i := range x0 {
			m1, v1 := meanVar(jump[i])
			m2, v2 := meanVar(walk[i])
			if se := math.Sqrt((v1 + v2) / n); !(math.Abs(m1-m2) <= 5*se) {
				t.Errorf("t = %d, x_0 = %g: the mean of Noise's x_t is %.5f, of %d steps taken one by one %.5f ± %.5f (five standard errors)", step, x0[i], m1, step, m2, 5*se)
			}
			// The variance of a sample variance of n normal draws is 2σ⁴/(n - 1).
			if se := math.Sqrt(2 * (v1*v1 + v2*v2) / (n - 1)); !(math.Abs(v1-v2) <= 5*se) {
				t.Errorf("t = %d, x_0 = %g: the variance of Noise's x_t is %.6f, of %d steps taken one by one %.6f ± %.6f (five standard errors)", step, x0[i], v1, step, v2, 5*se)
			}
		}
	}
}

// meanVar returns the mean and the unbiased variance of xs.
func meanVar(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, variance / float64(len(xs)-1)
}

func TestPredictX0(t *testing.T) {
	xt := []float64{1.1, -1.0, -0.2}
	eps := []float64{0.5, 1, -1}
	keepX, keepE := append([]float64(nil), xt...), append([]float64(nil), eps...)
	// The first case of TestNoiseByHand, read backwards.
	if got, want := PredictX0(xt, 1, eps, handAlphaBar), []float64{1, -2, 0.5}; !same(got, want, 1e-15) {
		t.Errorf("PredictX0(x_t %v, t = 1, ε̂ %v, ᾱ %v) = %v, want %v", xt, eps, handAlphaBar, got, want)
	}
	if !same(xt, keepX, 0) || !same(eps, keepE, 0) {
		t.Errorf("PredictX0 changed its inputs: x_t is now %v and ε̂ %v", xt, eps)
	}
	// Given the very noise that was added, x_0 comes back at every step,
	// even where 4e-5 is all that is left of it. x_t is reached by taking
	// the steps one by one, and its noise merged as in TestTwoStepsAreOne.
	alphaBar, betas := linear(1000)
	rng := rand.New(rand.NewPCG(9, 10))
	// What a miss of 0.01 in every entry of ε̂ costs in x̂_0 at each step,
	// worked out for this schedule: 1e-4 at t = 1, about 1.6 at t = 1000.
	missCost := map[int]float64{1: 0.00010000500037502575, 10: 0.0004357054370523739,
		100: 0.0033882834898350746, 500: 0.034241366190440416, 1000: 1.5740728081040758}
	for _, step := range []int{1, 10, 100, 500, 1000} {
		x0 := []float64{rng.NormFloat64(), rng.NormFloat64(), -1, 0.25}
		xt, e := walkForward(rng, x0, betas[:step])
		if got := PredictX0(xt, step, e, alphaBar); !same(got, x0, 1e-10) {
			t.Errorf("t = %d: PredictX0 with the noise that was added gives %.12g, want x_0 = %.12g", step, got, x0)
		}
		miss := make([]float64, len(e))
		for i := range e {
			miss[i] = e[i] + 0.01
		}
		got := PredictX0(xt, step, miss, alphaBar)
		if len(got) != len(x0) {
			t.Fatalf("PredictX0 of %d entries returned %d", len(x0), len(got))
		}
		for i := range got {
			if err := x0[i] - got[i]; !near(err, missCost[step], 1e-8) {
				t.Errorf("t = %d: a miss of 0.01 in ε̂ moves x̂_0 by %.10g, want %.10g", step, err, missCost[step])
				break
			}
		}
	}
}

func TestSNR(t *testing.T) {
	alphaBar := []float64{1, 0.8, 0.5, 0.2, 0}
	want := []float64{math.Inf(1), 4, 1, 0.25, 0}
	for step := range alphaBar {
		got := SNR(step, alphaBar)
		if step == 0 {
			if !math.IsInf(got, 1) {
				t.Errorf("SNR(0) = %g, want +Inf: x_0 carries no noise", got)
			}
			continue
		}
		if !near(got, want[step], 1e-14) {
			why := ""
			if near(got, math.Sqrt(want[step]), 1e-12) {
				why = ": that is a ratio of standard deviations; SNR compares variances"
			}
			t.Errorf("SNR(%d) with ᾱ_%d = %g is %.15g, want %g%s", step, step, alphaBar[step], got, want[step], why)
		}
	}
	// Ho et al.'s schedule: the ratio falls at every step, crosses 1
	// (as much signal as noise) once, and ends near ᾱ_T ≈ 4e-5.
	ho, _ := linear(1000)
	crossings := 0
	prev := SNR(0, ho)
	for step := 1; step <= 1000; step++ {
		got := SNR(step, ho)
		if !(got < prev) || !(got > 0) {
			t.Fatalf("SNR(%d) = %g after SNR(%d) = %g: it must fall, and stay above 0 while ᾱ_t > 0", step, got, step-1, prev)
		}
		if got < 1 && prev >= 1 {
			crossings++
		}
		prev = got
	}
	if crossings != 1 {
		t.Errorf("SNR crosses 1 %d times on Ho et al.'s schedule, want once", crossings)
	}
	if !near(prev, 4.03599265116842e-05, 1e-12) {
		t.Errorf("SNR(1000) = %g on Ho et al.'s schedule, want about 4.04e-5", prev)
	}
}
