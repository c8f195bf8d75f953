//go:build graded

package guidance

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

func TestGuideEnds(t *testing.T) {
	c := []float64{1, -2, 0.5, 3}
	u := []float64{0.5, 1, 0.5, -1}
	keepC, keepU := append([]float64(nil), c...), append([]float64(nil), u...)
	cases := []struct {
		w    float64
		want []float64
		what string
	}{
		{0, []float64{1, -2, 0.5, 3}, "w = 0 is the plain conditional model"},
		{-1, []float64{0.5, 1, 0.5, -1}, "w = -1 is the unconditional model"},
		{1, []float64{1.5, -5, 0.5, 7}, "2·ε_c - ε_∅"},
		{3, []float64{2.5, -11, 0.5, 15}, "4·ε_c - 3·ε_∅"},
		{-0.5, []float64{0.75, -0.5, 0.5, 1}, "halfway between the two"},
	}
	for _, k := range cases {
		got := Guide(c, u, k.w)
		if !same(got, k.want, 1e-15) {
			why := ""
			if len(got) == len(c) && same(got, Guide(c, u, 0), 0) && k.w != 0 {
				why = ": w must change the prediction"
			}
			t.Errorf("Guide(ε_c %v, ε_∅ %v, w = %g) = %v, want %v (%s)%s", c, u, k.w, got, k.want, k.what, why)
		}
		if len(got) > 0 {
			got[0] = 99 // the result is the caller's to change
		}
		if !same(c, keepC, 0) || !same(u, keepU, 0) {
			t.Fatalf("Guide(w = %g) changed its inputs, or returned one of them: ε_c is now %v and ε_∅ %v", k.w, c, u)
		}
	}
	// The guidance scale s = 1 + w: ε_∅ + s·(ε_c - ε_∅).
	for _, s := range []float64{0, 1, 2.5, 7.5} {
		want := make([]float64, len(c))
		for i := range c {
			want[i] = u[i] + s*(c[i]-u[i])
		}
		if got := Guide(c, u, s-1); !same(got, want, 1e-14) {
			t.Errorf("Guide(ε_c %v, ε_∅ %v, w = %g) = %v, want ε_∅ + s·(ε_c - ε_∅) = %v with s = 1 + w = %g", c, u, s-1, got, want, s)
		}
	}
}

// TestGuideLinear: ε̃ is affine in w, moving along ε_c - ε_∅, and linear in
// the two predictions together; when the two agree, guidance changes
// nothing.
func TestGuideLinear(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	vec := func() []float64 {
		v := make([]float64, 5)
		for i := range v {
			v[i] = rng.NormFloat64()
		}
		return v
	}
	for trial := 0; trial < 50; trial++ {
		c1, u1, c2, u2 := vec(), vec(), vec(), vec()
		w1, w2 := 10*rng.Float64()-2, 10*rng.Float64()-2
		g1, g2 := Guide(c1, u1, w1), Guide(c1, u1, w2)
		if len(g1) != len(c1) || len(g2) != len(c1) {
			t.Fatalf("Guide of %d entries returned %d and %d", len(c1), len(g1), len(g2))
		}
		for i := range c1 {
			if d, want := g1[i]-g2[i], (w1-w2)*(c1[i]-u1[i]); !near(d, want, 1e-12) {
				t.Fatalf("Guide(w = %g) - Guide(w = %g) = %g in entry %d, want (w₁ - w₂)·(ε_c - ε_∅) = %g", w1, w2, d, i, want)
			}
		}
		a, b := rng.NormFloat64(), rng.NormFloat64()
		mix := func(x, y []float64) []float64 {
			m := make([]float64, len(x))
			for i := range x {
				m[i] = a*x[i] + b*y[i]
			}
			return m
		}
		got := Guide(mix(c1, c2), mix(u1, u2), w1)
		want := mix(g1, Guide(c2, u2, w1))
		if !same(got, want, 1e-12) {
			t.Fatalf("Guide(a·ε_c1 + b·ε_c2, a·ε_∅1 + b·ε_∅2, w) = %v, want a·Guide(ε_c1, ε_∅1, w) + b·Guide(ε_c2, ε_∅2, w) = %v", got, want)
		}
		if got := Guide(c1, c1, w1); !same(got, c1, 1e-12) {
			t.Fatalf("Guide(ε, ε, w = %g) = %v, want ε = %v: when the two predictions agree there is nothing to guide by", w1, got, c1)
		}
	}
}

// TestImplicitClassifier: a data distribution whose scores are known in
// closed form, a mixture of two 1-D Gaussians, p(x_0 | c) = N(m_c, s_c²)
// with class probabilities π_c. Then q(x_t | c) = N(√ᾱ_t·m_c,
// ᾱ_t·s_c² + 1 - ᾱ_t), p(x_t) is their π-weighted sum, the exact noise
// predictions follow from the scores, and ∇ log p(c | x_t) is taken by
// central differences of log p(c | x_t), with no identity assumed. Each
// entry of a vector is its own 1-D point.
func TestImplicitClassifier(t *testing.T) {
	// A hand case: √(1 - ᾱ_1) = ½.
	ab := []float64{1, 0.75}
	ec, eu := []float64{1, 0, 0.25}, []float64{0, 1, 0.25}
	keepC, keepU := append([]float64(nil), ec...), append([]float64(nil), eu...)
	if got, want := ClassifierGrad(ec, eu, 1, ab), []float64{-2, 2, 0}; !same(got, want, 1e-15) {
		t.Errorf("ClassifierGrad(ε_c %v, ε_∅ %v, t = 1, ᾱ %v) = %v, want %v", ec, eu, ab, got, want)
	}
	if !same(ec, keepC, 0) || !same(eu, keepU, 0) {
		t.Errorf("ClassifierGrad changed its inputs: ε_c is now %v and ε_∅ %v", ec, eu)
	}

	ab = []float64{1}
	for i := 0; i < 1000; i++ {
		ab = append(ab, ab[i]*(1-(1e-4+float64(i)*(0.02-1e-4)/999)))
	}
	m := [2]float64{-2, 1.5}
	s2 := [2]float64{0.25, 0.09}
	pi := [2]float64{0.3, 0.7}
	for _, step := range []int{5, 100, 300, 600, 1000} {
		a := ab[step]
		sd := math.Sqrt(1 - a)
		mean := func(c int) float64 { return math.Sqrt(a) * m[c] }
		vr := func(c int) float64 { return a*s2[c] + 1 - a }
		logN := func(x float64, c int) float64 {
			return -0.5*math.Log(2*math.Pi*vr(c)) - (x-mean(c))*(x-mean(c))/(2*vr(c))
		}
		logPost := func(x float64, c int) float64 { // log p(c | x_t)
			l0, l1 := math.Log(pi[0])+logN(x, 0), math.Log(pi[1])+logN(x, 1)
			top := math.Max(l0, l1)
			return []float64{l0, l1}[c] - top - math.Log(math.Exp(l0-top)+math.Exp(l1-top))
		}
		var xs []float64
		for x := -4.0; x <= 4; x += 0.25 {
			xs = append(xs, x)
		}
		for c := 0; c < 2; c++ {
			ec, eu, fd := make([]float64, len(xs)), make([]float64, len(xs)), make([]float64, len(xs))
			for i, x := range xs {
				scoreC := -(x - mean(c)) / vr(c)
				// ∇ log p(x_t) = Σ_k p(k | x_t)·∇ log p(x_t | k)
				scoreU := 0.0
				for k := 0; k < 2; k++ {
					scoreU += math.Exp(logPost(x, k)) * -(x - mean(k)) / vr(k)
				}
				ec[i], eu[i] = -sd*scoreC, -sd*scoreU
				const h = 1e-5
				fd[i] = (logPost(x+h, c) - logPost(x-h, c)) / (2 * h)
			}
			got := ClassifierGrad(ec, eu, step, ab)
			if len(got) != len(xs) {
				t.Fatalf("ClassifierGrad of %d entries returned %d", len(xs), len(got))
			}
			for i, x := range xs {
				if !near(got[i], fd[i], 1e-6) {
					t.Fatalf("t = %d, class %d, x_t = %g: ClassifierGrad = %.10g, but the slope of log p(c | x_t) is %.10g", step, c, x, got[i], fd[i])
				}
			}
			for _, w := range []float64{0, 1, 3, 7.5} {
				g := Guide(ec, eu, w)
				for i, x := range xs {
					scoreC := -(x - mean(c)) / vr(c)
					want := -sd * (scoreC + w*fd[i])
					if len(g) != len(xs) || !near(g[i], want, 1e-6) {
						t.Fatalf("t = %d, class %d, x_t = %g, w = %g: Guide gives %v, want -√(1 - ᾱ_t)·(∇ log p(x_t | c) + w·∇ log p(c | x_t)) = %.10g", step, c, x, w, g, want)
					}
				}
			}
		}
	}
}

// dropped counts the entries of out that DropLabels set to null, checking
// that every other entry is the input's label.
func dropped(t *testing.T, in, out []int, null int) int {
	t.Helper()
	if len(out) != len(in) {
		t.Fatalf("DropLabels of %d labels returned %d", len(in), len(out))
	}
	n := 0
	for i := range in {
		switch {
		case out[i] == in[i]:
		case out[i] == null:
			n++
		default:
			t.Fatalf("DropLabels turned label %d at %d into %d: a label is kept or becomes the null label %d", in[i], i, out[i], null)
		}
	}
	return n
}

// labels returns n labels in 0, ..., 9.
func labels(n int) []int {
	rng := rand.New(rand.NewPCG(43, 44))
	out := make([]int, n)
	for i := range out {
		out[i] = rng.IntN(10)
	}
	return out
}

// TestDropoutRate: each label is dropped with probability p, so the count
// over n labels is binomial: within five standard deviations of n·p, in
// each half of the list as in the whole.
func TestDropoutRate(t *testing.T) {
	const n, null = 20000, 10
	in := labels(n)
	keep := append([]int(nil), in...)
	for _, p := range []float64{0.1, 0.2, 0.5, 0.9} {
		for _, seed := range []uint64{1, 2, 3} {
			out := DropLabels(in, null, p, seed)
			for _, part := range [][2]int{{0, n}, {0, n / 2}, {n / 2, n}} {
				k := float64(part[1] - part[0])
				got := float64(dropped(t, in[part[0]:part[1]], out[part[0]:part[1]], null))
				band := 5 * math.Sqrt(k*p*(1-p))
				if math.Abs(got-k*p) > band {
					t.Fatalf("p_uncond = %g, seed %d: %g of labels %d to %d dropped, want %g ± %.0f", p, seed, got, part[0], part[1], k*p, band)
				}
			}
		}
	}
	if got := dropped(t, in, DropLabels(in, null, 0, 7), null); got != 0 {
		t.Errorf("p_uncond = 0 dropped %d labels, want none", got)
	}
	if got := dropped(t, in, DropLabels(in, null, 1, 7), null); got != n {
		t.Errorf("p_uncond = 1 dropped %d of %d labels, want all", got, n)
	}
	for i := range in {
		if in[i] != keep[i] {
			t.Fatalf("DropLabels changed its input: label %d is now %d, was %d", i, in[i], keep[i])
		}
	}
	// A null label in the input stays null, and -1 serves as well as 10.
	in2 := []int{-1, 3, -1, 4, 5, -1}
	for seed := uint64(0); seed < 20; seed++ {
		out := DropLabels(in2, -1, 0.5, seed)
		for i, c := range in2 {
			if len(out) != len(in2) || (c == -1 && out[i] != -1) {
				t.Fatalf("DropLabels(%v, null -1, 0.5, seed %d) = %v: a null label stays null", in2, seed, out)
			}
		}
	}
}

// TestDropoutSeeded: the seed fixes which labels are dropped, and
// different seeds drop different, independent sets.
func TestDropoutSeeded(t *testing.T) {
	const n, null, p = 20000, 10, 0.5
	in := labels(n)
	masks := make([][]bool, 4)
	for s := range masks {
		seed := uint64(100 + s)
		a, b := DropLabels(in, null, p, seed), DropLabels(in, null, p, seed)
		dropped(t, in, a, null)
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("two calls with seed %d differ at label %d (%d, then %d): the seed must fix the draws", seed, i, a[i], b[i])
			}
		}
		masks[s] = make([]bool, n)
		for i := range a {
			masks[s][i] = a[i] == null && in[i] != null
		}
	}
	// Two independent masks of rate ½ both drop a quarter of the labels.
	for i := range masks {
		for j := i + 1; j < len(masks); j++ {
			both := 0
			for k := 0; k < n; k++ {
				if masks[i][k] && masks[j][k] {
					both++
				}
			}
			want, band := float64(n)/4, 5*math.Sqrt(float64(n)*0.25*0.75)
			if math.Abs(float64(both)-want) > band {
				t.Fatalf("seeds %d and %d both drop %d labels, want about %g ± %.0f as for independent draws", 100+i, 100+j, both, want, band)
			}
		}
	}
}
