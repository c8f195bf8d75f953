//go:build graded

package ddim

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

// ho returns the test's own ᾱ_0, ..., ᾱ_1000 of Ho et al.'s linear
// schedule, betas evenly spaced from 1e-4 to 0.02.
func ho() []float64 {
	ab := []float64{1}
	for i := 0; i < 1000; i++ {
		ab = append(ab, ab[i]*(1-(1e-4+float64(i)*(0.02-1e-4)/999)))
	}
	return ab
}

// rough returns ᾱ_0, ..., ᾱ_12 of twelve large, uneven betas.
func rough() []float64 {
	rng := rand.New(rand.NewPCG(21, 22))
	ab := []float64{1}
	for i := 0; i < 12; i++ {
		ab = append(ab, ab[i]*(1-(0.02+0.9*rng.Float64())))
	}
	return ab
}

// byGrid returns the mean and the variance of q(x_{t'} | x_t, x_0) for one
// entry, 1 ≤ t' < t, found without algebra: the product of the prior
// factor q(y | x_0) = N(y; √ᾱ_{t'}·x_0, 1 - ᾱ_{t'}) and the t - t' forward
// steps taken as one, N(x_t; √(ᾱ_t/ᾱ_{t'})·y, 1 - ᾱ_t/ᾱ_{t'}), evaluated
// at 20,001 points y, normalised by its sum, and its first two moments
// summed up. The first window reaches twelve standard deviations of the
// wider factor beyond both factors' centres; each of the next two is
// sixteen of the last round's standard deviations either side of its
// mean, so that the last spacing is a small fraction of the product's
// width, where a sum of a Gaussian's values is exact to rounding.
func byGrid(x0, xt float64, t, tPrev int, alphaBar []float64) (mean, variance float64) {
	jump := alphaBar[t] / alphaBar[tPrev]
	m, v := math.Sqrt(alphaBar[tPrev])*x0, 1-alphaBar[tPrev]
	logp := func(y float64) float64 {
		r := xt - math.Sqrt(jump)*y
		return -r*r/(2*(1-jump)) - (y-m)*(y-m)/(2*v)
	}
	c := xt / math.Sqrt(jump)
	s := math.Max(math.Sqrt(v), math.Sqrt((1-jump)/jump))
	lo, hi := math.Min(m, c)-12*s, math.Max(m, c)+12*s
	const n = 20001
	for round := 0; round < 3; round++ {
		dy := (hi - lo) / (n - 1)
		top := math.Inf(-1)
		for k := 0; k < n; k++ {
			top = math.Max(top, logp(lo+float64(k)*dy))
		}
		var z, s1, s2 float64
		for k := 0; k < n; k++ {
			y := lo + float64(k)*dy
			w := math.Exp(logp(y) - top)
			z += w
			s1 += w * y
		}
		mean = s1 / z
		for k := 0; k < n; k++ {
			y := lo + float64(k)*dy
			s2 += math.Exp(logp(y)-top) * (y - mean) * (y - mean)
		}
		variance = s2 / z
		w := 16 * math.Max(math.Sqrt(variance), 2*dy)
		lo, hi = mean-w, mean+w
	}
	return mean, variance
}

// walkForward takes x0 forward t steps, one by one, with fresh noise at
// each, and returns x_t with the single standard normal noise the steps add
// up to (the merged noise of exercise 02's TestTwoStepsAreOne). For a step
// of DDIM, x0 is then the x̂_0 that x_t and ε̂ = eps imply.
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

func TestByHand(t *testing.T) {
	// ᾱ = 1, 0.8, 0.4: the steps 2 → 1 of exercise 03, whose posterior
	// variance is 1/6.
	ab := []float64{1, 0.8, 0.4}
	sigmas := []struct {
		t, tPrev  int
		eta, want float64
	}{
		{2, 1, 1, math.Sqrt(1.0 / 6)},
		{2, 1, 0.5, 0.5 * math.Sqrt(1.0/6)},
		{2, 1, 0, 0},
		{2, 0, 1, 0}, // x_0 is given: nothing left to draw
		{1, 0, 1, 0},
	}
	for _, c := range sigmas {
		if got := Sigma(c.t, c.tPrev, c.eta, ab); !near(got, c.want, 1e-15) {
			why := ""
			if c.want > 0 && near(got, c.want*c.want, 1e-12) {
				why = ": σ is a standard deviation, not a variance"
			}
			t.Errorf("Sigma(%d → %d, η = %g) with ᾱ = %v is %.15g, want %.15g%s", c.t, c.tPrev, c.eta, ab, got, c.want, why)
		}
	}
	// ᾱ = 1, 0.8, 0.2: a jump 2 → 1 with σ² = 3/16 at η = 1, and
	// ᾱ = 1, 0.75, 0.5, 0.25: a jump 3 → 1 with σ² = 2/9.
	if got, want := Sigma(2, 1, 1, []float64{1, 0.8, 0.2}), math.Sqrt(3.0)/4; !near(got, want, 1e-15) {
		t.Errorf("Sigma(2 → 1, η = 1) with ᾱ = 1, 0.8, 0.2 is %.15g, want √3/4 = %.15g", got, want)
	}
	if got, want := Sigma(3, 1, 1, []float64{1, 0.75, 0.5, 0.25}), math.Sqrt(2.0)/3; !near(got, want, 1e-15) {
		t.Errorf("Sigma(3 → 1, η = 1) with ᾱ = 1, 0.75, 0.5, 0.25 is %.15g, want √2/3 = %.15g", got, want)
	}

	// ᾱ = 1, 0.64, 0.36: numbers whose steps work out by hand.
	ab = []float64{1, 0.64, 0.36}
	xt := []float64{1.2, 0.6, -0.2}
	epsHat := []float64{0, 0.75, -1}
	keepX, keepE := append([]float64(nil), xt...), append([]float64(nil), epsHat...)
	if got, want := PredictX0(xt, 2, epsHat, ab), []float64{2, 0, 1}; !same(got, want, 1e-15) {
		t.Errorf("PredictX0(x_2 %v, ε̂ %v) with ᾱ = %v is %v, want %v", xt, epsHat, ab, got, want)
	}
	// η = 0.
	if got, want := Step(xt, 2, 1, epsHat, 0, nil, ab), []float64{1.6, 0.45, 0.2}; !same(got, want, 1e-15) {
		t.Errorf("Step(x_2 %v, 2 → 1, ε̂ %v, η = 0) with ᾱ = %v is %v, want %v", xt, epsHat, ab, got, want)
	}
	// η = 1: σ² = 63/256.
	z := []float64{1, 0, -2}
	keepZ := append([]float64(nil), z...)
	want := []float64{2.096078370824611, 0.25312500000000004, -0.5296567416492215}
	if got := Step(xt, 2, 1, epsHat, 1, z, ab); !same(got, want, 1e-15) {
		t.Errorf("Step(x_2 %v, 2 → 1, ε̂ %v, η = 1, z %v) with ᾱ = %v is %v, want %v", xt, epsHat, z, ab, got, want)
	}
	// η = ½: σ² = 63/1024.
	want = []float64{1.8480391854123055, 0.40974756424687875, -0.24240845648711568}
	if got := Step(xt, 2, 1, epsHat, 0.5, z, ab); !same(got, want, 1e-15) {
		t.Errorf("Step(x_2 %v, 2 → 1, ε̂ %v, η = ½, z %v) with ᾱ = %v is %v, want %v", xt, epsHat, z, ab, got, want)
	}
	if !same(xt, keepX, 0) || !same(epsHat, keepE, 0) || !same(z, keepZ, 0) {
		t.Errorf("the functions changed their inputs: x_t is now %v, ε̂ %v and z %v", xt, epsHat, z)
	}
}

// TestEtaOneIsDDPM: with η = 1 and t' = t - 1 the step is DDPM's ancestral
// step: the mean of q(x_{t-1} | x_t, x̂_0) plus its standard deviation
// times the same z, with both found on a grid.
func TestEtaOneIsDDPM(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	schedules := []struct {
		name  string
		ab    []float64
		steps []int
	}{
		{"Ho et al.'s schedule", ho(), []int{2, 10, 250, 999, 1000}},
		{"large uneven betas", rough(), []int{2, 3, 7, 12}},
	}
	for _, sc := range schedules {
		for _, step := range sc.steps {
			_, variance := byGrid(0, 0, step, step-1, sc.ab)
			if got := Sigma(step, step-1, 1, sc.ab); !(math.Abs(got*got-variance) <= 1e-9*variance) {
				t.Fatalf("%s, t = %d: Sigma(t → t - 1, η = 1)² = %.12g, but DDPM's posterior variance, found on a grid, is %.12g", sc.name, step, got*got, variance)
			}
			x0Hat := []float64{rng.NormFloat64(), -1.5}
			xt, epsHat := walkForward(rng, x0Hat, step, sc.ab)
			z := []float64{rng.NormFloat64(), rng.NormFloat64()}
			got := Step(xt, step, step-1, epsHat, 1, z, sc.ab)
			if len(got) != len(xt) {
				t.Fatalf("Step of %d entries returned %d", len(xt), len(got))
			}
			for i := range xt {
				mean, variance := byGrid(x0Hat[i], xt[i], step, step-1, sc.ab)
				if want := mean + math.Sqrt(variance)*z[i]; !near(got[i], want, 1e-9) {
					t.Fatalf("%s, t = %d, x_t = %g, ε̂ = %g, z = %g: the η = 1 step gives %.12g, DDPM's step %.12g", sc.name, step, xt[i], epsHat[i], z[i], got[i], want)
				}
			}
		}
	}
}

// TestEtaOneSkips: with η = 1 and t' < t - 1 the step is a draw from the
// posterior of the whole jump, q(x_{t'} | x_t, x̂_0), found on a grid.
func TestEtaOneSkips(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	schedules := []struct {
		name  string
		ab    []float64
		jumps [][2]int
	}{
		{"Ho et al.'s schedule", ho(), [][2]int{{1000, 980}, {500, 300}, {20, 1}, {1000, 1}, {3, 1}}},
		{"large uneven betas", rough(), [][2]int{{12, 6}, {5, 2}, {12, 1}}},
	}
	for _, sc := range schedules {
		for _, j := range sc.jumps {
			from, to := j[0], j[1]
			_, variance := byGrid(0, 0, from, to, sc.ab)
			sigma := Sigma(from, to, 1, sc.ab)
			if !(math.Abs(sigma*sigma-variance) <= 1e-9*variance) {
				t.Fatalf("%s, %d → %d: Sigma(η = 1)² = %.12g, but q(x_{t'} | x_t, x_0), found on a grid, has variance %.12g", sc.name, from, to, sigma*sigma, variance)
			}
			for _, eta := range []float64{0.3, 2.0 / 3} {
				if got := Sigma(from, to, eta, sc.ab); !near(got, eta*sigma, 1e-15) {
					t.Fatalf("%s, %d → %d: Sigma(η = %g) = %.15g, want η·Sigma(η = 1) = %.15g", sc.name, from, to, eta, got, eta*sigma)
				}
			}
			x0Hat := []float64{rng.NormFloat64()}
			xt, epsHat := walkForward(rng, x0Hat, from, sc.ab)
			z := []float64{rng.NormFloat64()}
			got := Step(xt, from, to, epsHat, 1, z, sc.ab)
			mean, variance := byGrid(x0Hat[0], xt[0], from, to, sc.ab)
			if want := mean + math.Sqrt(variance)*z[0]; len(got) != 1 || !near(got[0], want, 1e-9) {
				t.Fatalf("%s, %d → %d, x_t = %g, ε̂ = %g, z = %g: the η = 1 step gives %v, want the posterior's draw %.12g", sc.name, from, to, xt[0], epsHat[0], z[0], got, want)
			}
		}
	}
}

// forwardWithNoise returns where x0 lands at step t when the noises of the
// t steps add up to the standard normal eps: the signal shrunk step by
// step, plus eps scaled to the standard deviation the steps' noises
// accumulate.
func forwardWithNoise(x0, eps []float64, t int, alphaBar []float64) []float64 {
	x := append([]float64(nil), x0...)
	v := 0.0
	for s := 1; s <= t; s++ {
		b := 1 - alphaBar[s]/alphaBar[s-1]
		v = (1-b)*v + b
		for i := range x {
			x[i] *= math.Sqrt(1 - b)
		}
	}
	for i := range x {
		x[i] += math.Sqrt(v) * eps[i]
	}
	return x
}

// TestEtaZero: η = 0 draws nothing, so z does not matter, and the step
// keeps both x̂_0 and ε̂: it moves x_t along the line the network sees, to
// the one x_{t'} from which ε̂ again implies the same x̂_0. A step down to
// t' = 0 returns x̂_0 for every η.
func TestEtaZero(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	ab := ho()
	for _, j := range [][2]int{{1000, 999}, {1000, 950}, {600, 100}, {40, 1}, {2, 1}} {
		from, to := j[0], j[1]
		if got := Sigma(from, to, 0, ab); got != 0 {
			t.Fatalf("Sigma(%d → %d, η = 0) = %g, want 0", from, to, got)
		}
		x0Hat := []float64{rng.NormFloat64(), rng.NormFloat64(), 2}
		xt, epsHat := walkForward(rng, x0Hat, from, ab)
		z := []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		a := Step(xt, from, to, epsHat, 0, nil, ab)
		b := Step(xt, from, to, epsHat, 0, z, ab)
		if !same(a, b, 0) {
			t.Fatalf("%d → %d, η = 0: the step is %v with z = nil and %v with z = %v; η = 0 draws no noise", from, to, a, b, z)
		}
		if len(a) != len(xt) {
			t.Fatalf("Step of %d entries returned %d", len(xt), len(a))
		}
		want := forwardWithNoise(x0Hat, epsHat, to, ab)
		if !same(a, want, 1e-11) {
			t.Fatalf("%d → %d, η = 0, x_t = %v, ε̂ = %v: the step gives %v, want x_{t'} with the same x̂_0 and ε̂, %v", from, to, xt, epsHat, a, want)
		}
	}
	// Down to t' = 0, from anywhere, with any η.
	for _, from := range []int{1, 2, 50, 1000} {
		want := []float64{rng.NormFloat64(), 2}
		xt, epsHat := walkForward(rng, want, from, ab)
		z := []float64{rng.NormFloat64(), rng.NormFloat64()}
		if got := PredictX0(xt, from, epsHat, ab); !same(got, want, 1e-11) {
			t.Fatalf("PredictX0(x_t %v, t = %d, ε̂ %v) = %v, want %v", xt, from, epsHat, got, want)
		}
		for _, eta := range []float64{0, 0.5, 1} {
			if got := Step(xt, from, 0, epsHat, eta, z, ab); !same(got, want, 1e-11) {
				t.Fatalf("Step(x_t %v, %d → 0, ε̂ %v, η = %g) = %v, want x̂_0 = %v", xt, from, epsHat, eta, got, want)
			}
		}
	}
}

// TestLandsOnX0: when the data is the single point c, the best noise
// estimate is known exactly, ε̂(x_t, t) = (x_t - √ᾱ_t·c)/√(1 - ᾱ_t), and
// deterministic DDIM over any decreasing subset of the steps carries any
// x_T to c, along the line of the one noise in x_T. With η = 1 the path
// wanders, but the last step, down to 0, still lands on c.
func TestLandsOnX0(t *testing.T) {
	ab := ho()
	c := []float64{0.3, -1.2, 2}
	epsOf := func(x []float64, step int) []float64 {
		e := make([]float64, len(x))
		for i := range x {
			e[i] = (x[i] - math.Sqrt(ab[step])*c[i]) / math.Sqrt(1-ab[step])
		}
		return e
	}
	strided := []int{}
	for s := 1000; s >= 0; s -= 20 {
		strided = append(strided, s)
	}
	uneven := []int{} // denser near t = 0
	for i := 20; i >= 0; i-- {
		uneven = append(uneven, int(math.Round(1000*float64(i*i)/400)))
	}
	rng := rand.New(rand.NewPCG(29, 30))
	starts := [][]float64{{5, -5, 0}, {rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}}
	for si, steps := range [][]int{strided, uneven, {1000, 0}} {
		for _, xT := range starts {
			for _, eta := range []float64{0, 1} {
				x := append([]float64(nil), xT...)
				noise := epsOf(xT, 1000)
				for k := 0; k+1 < len(steps); k++ {
					var z []float64
					if eta > 0 {
						z = []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
					}
					x = Step(x, steps[k], steps[k+1], epsOf(x, steps[k]), eta, z, ab)
					if len(x) != len(c) {
						t.Fatalf("Step of %d entries returned %d", len(c), len(x))
					}
					if to := steps[k+1]; eta == 0 && to > 0 && !same(epsOf(x, to), noise, 1e-9) {
						t.Fatalf("schedule %d, x_T = %v, η = 0: after the step to %d the noise in x_t is %v, want the noise of x_T, %v, kept", si, xT, to, epsOf(x, to), noise)
					}
				}
				if !same(x, c, 1e-9) {
					t.Errorf("schedule %d (%d steps from %d), x_T = %v, η = %g: DDIM ends at %v, want the data point %v", si, len(steps)-1, steps[0], xT, eta, x, c)
				}
			}
		}
	}
}
