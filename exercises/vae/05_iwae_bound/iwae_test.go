//go:build graded

package iwae

import (
	"math"
	"math/rand/v2"
	"testing"
)

// near reports whether got is within tol of want, relative to |want|
// when |want| > 1; NaN matches only NaN and an infinity only itself.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func TestLogMeanExp(t *testing.T) {
	l2, l3 := math.Log(2), math.Log(3)
	inf := math.Inf(1)
	cases := []struct {
		name string
		a    []float64
		want float64
	}{
		{"one weight of 1", []float64{0}, 0},
		{"three weights of 1", []float64{0, 0, 0}, 0},
		// log((1 + 3)/2)
		{"weights 1 and 3", []float64{0, l3}, l2},
		// log((2 + 4 + 6)/3)
		{"weights 2, 4, 6", []float64{l2, 2 * l2, l2 + l3}, 2 * l2},
		// log((0 + 1)/2): a weight of 0 counts in K but adds nothing.
		{"a weight of 0", []float64{-inf, 0}, -l2},
		{"every weight 0", []float64{-inf, -inf}, -inf},
		{"no weights", nil, math.NaN()},
	}
	for _, c := range cases {
		got := LogMeanExp(c.a)
		if !near(got, c.want, 1e-12) {
			why := ""
			if len(c.a) > 1 && near(got, c.want+math.Log(float64(len(c.a))), 1e-12) {
				why = " (that is log Σ exp(a_k): the mean divides by K, so subtract log K)"
			} else if c.name == "every weight 0" && math.IsNaN(got) {
				why = " (every weight is 0, so the mean is 0 and its log -Inf; -Inf - (-Inf) is NaN, so mind any subtraction)"
			} else if c.name == "no weights" {
				why = " (a mean over no draws is undefined)"
			}
			t.Errorf("%s: LogMeanExp(%v) = %.15g, want %.15g%s", c.name, c.a, got, c.want, why)
		}
	}
}

// TestNoOverflow: log-weights of ±1000, where exp overflows to +Inf or
// underflows to 0.
func TestNoOverflow(t *testing.T) {
	l3 := math.Log(3)
	many := make([]float64, 10000)
	for i := range many {
		many[i] = 1000
	}
	cases := []struct {
		name string
		a    []float64
		want float64
	}{
		{"two weights of e^1000", []float64{1000, 1000}, 1000},
		{"e^1000 and 3·e^1000", []float64{1000, 1000 + l3}, 1000.6931471805599},
		// exp(-1000) is 0, and log 0 = -Inf, if taken naively.
		{"e^-1000 and 3·e^-1000", []float64{-1000, -1000 + l3}, -999.3068528194401},
		{"one weight of e^-1000", []float64{-1000}, -1000},
		// The small weight is e^-2000 of the large, far below float64's 16 digits.
		{"e^1000 and e^-1000", []float64{1000, -1000}, 999.3068528194401},
		{"three large weights", []float64{800, 799, 798}, 799.3089936757763},
		{"10,000 weights of e^1000", many, 1000},
	}
	for _, c := range cases {
		got := LogMeanExp(c.a)
		if math.IsNaN(got) || math.IsInf(got, 0) || !near(got, c.want, 1e-13) {
			show := c.a
			if len(show) > 3 {
				show = show[:3]
			}
			t.Errorf("%s: LogMeanExp(%v...) = %.17g, want %.17g: exp of these log-weights overflows or underflows; rearrange so that no exponential can", c.name, show, got, c.want)
		}
	}
}

func TestIWAEBound(t *testing.T) {
	// K = 1: log w = -3.5 + (-1.2) - (-0.9) = -3.8, the one-draw ELBO estimate.
	if got := IWAEBound([]float64{-3.5}, []float64{-1.2}, []float64{-0.9}); !near(got, -3.8, 1e-12) {
		t.Errorf("IWAEBound(log p(x|z) -3.5, log p(z) -1.2, log q(z|x) -0.9) = %.15g, want the ELBO estimate -3.5 - 1.2 + 0.9 = -3.8", got)
	}
	// K = 2: log w = (-100 - 1 - 0.5, -101 + 0 + 0.5) = (-101.5, -100.5).
	const want = -100.87988549304173
	if got := IWAEBound([]float64{-100, -101}, []float64{-1, 0}, []float64{0.5, -0.5}); !near(got, want, 1e-13) {
		t.Errorf("IWAEBound with log-weights -101.5 and -100.5 = %.15g, want %.15g", got, want)
	}
	// Image-sized log-likelihoods: log w = (-1500.5, -1000.5); the first
	// weight is e^-500 times the second, too small to count.
	if got := IWAEBound([]float64{-1500, -1000}, []float64{-1, -1}, []float64{-0.5, -0.5}); !near(got, -1001.1931471805599, 1e-13) {
		t.Errorf("IWAEBound with log-weights -1500.5 and -1000.5 = %.15g, want -1001.1931471805599", got)
	}
	if got := IWAEBound(nil, nil, nil); !math.IsNaN(got) {
		t.Errorf("IWAEBound of no draws = %g, want NaN", got)
	}
}

// TestBoundTightens on a model whose log p(x) is known: z ~ N(0, 1),
// x|z ~ N(z, 1), so p(x) = N(x; 0, 2) and p(z|x) = N(x/2, ½). For x = 1.5
// and the proposal q = N(0.2, 1.5), the ELBO falls short of log p(x) by
// KL(q ‖ p(z|x)) ≈ 0.753 nats; L_K must close the gap as K grows.
func TestBoundTightens(t *testing.T) {
	logN := func(v, mean, variance float64) float64 {
		return -0.5*math.Log(2*math.Pi*variance) - (v-mean)*(v-mean)/(2*variance)
	}
	const x = 1.5
	logPx := logN(x, 0, 2)
	rng := rand.New(rand.NewPCG(7, 8))
	// draws returns, for K codes from N(m, s2), the three log-densities.
	draws := func(k int, m, s2 float64) (lpxz, lpz, lqz []float64) {
		for i := 0; i < k; i++ {
			z := m + math.Sqrt(s2)*rng.NormFloat64()
			lpxz, lpz, lqz = append(lpxz, logN(x, z, 1)), append(lpz, logN(z, 0, 1)), append(lqz, logN(z, m, s2))
		}
		return
	}

	// q is the exact posterior: every weight is p(x), so L_K = log p(x).
	for _, k := range []int{1, 7} {
		if got := IWAEBound(draws(k, x/2, 0.5)); !near(got, logPx, 1e-12) {
			t.Errorf("K = %d draws from the exact posterior: IWAEBound = %.15g, want log p(x) = %.15g exactly: each w_k is p(x)", k, got, logPx)
		}
	}

	// q = N(0.2, 1.5): the analytic ELBO is log p(x) - KL(q ‖ N(0.75, 0.5)).
	const m, s2 = 0.2, 1.5
	elbo := logPx - 0.5*(math.Log(0.5/s2)+(s2+(m-x/2)*(m-x/2))/0.5-1)
	const reps = 4000
	mean := map[int]float64{}
	se := map[int]float64{}
	for _, k := range []int{1, 4, 64} {
		s, ss := 0.0, 0.0
		for r := 0; r < reps; r++ {
			l := IWAEBound(draws(k, m, s2))
			s, ss = s+l, ss+l*l
		}
		mean[k] = s / reps
		se[k] = math.Sqrt(math.Max(0, ss/reps-mean[k]*mean[k]) / reps)
	}
	if math.IsNaN(mean[1]) || math.Abs(mean[1]-elbo) > 5*se[1] {
		t.Errorf("K = 1: the mean of %d bounds is %.4f, want the ELBO %.4f ± %.4f: L_1 is the one-draw ELBO estimate", reps, mean[1], elbo, 5*se[1])
	}
	for _, p := range [][2]int{{1, 4}, {4, 64}} {
		lo, hi := p[0], p[1]
		if !(mean[hi]-mean[lo] > 5*math.Hypot(se[lo], se[hi])) {
			t.Errorf("the mean bound at K = %d is %.4f, at K = %d %.4f: want it to rise with K, towards log p(x) = %.4f",
				lo, mean[lo], hi, mean[hi], logPx)
		}
	}
	if !(mean[64] <= logPx+5*se[64] && logPx-mean[64] < 0.05) {
		t.Errorf("K = 64: the mean bound is %.4f ± %.4f; want it below log p(x) = %.4f, and within 0.05 of it", mean[64], 5*se[64], logPx)
	}
}
