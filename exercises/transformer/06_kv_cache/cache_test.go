//go:build graded

package kvcache

import (
	"math"
	"math/rand/v2"
	"testing"
)

// full returns the causal self-attention output at the last of the tokens
// xs, recomputed from scratch over all of them.
func full(xs [][]float64, wq, wk, wv [][]float64) []float64 {
	last := xs[len(xs)-1]
	q := mul(last, wq)
	s := make([]float64, len(xs))
	top := math.Inf(-1)
	for j, x := range xs {
		k := mul(x, wk)
		for i := range q {
			s[j] += q[i] * k[i]
		}
		s[j] /= math.Sqrt(float64(len(q)))
		top = math.Max(top, s[j])
	}
	z := 0.0
	for j := range s {
		s[j] = math.Exp(s[j] - top)
		z += s[j]
	}
	out := make([]float64, len(wv[0]))
	for j, x := range xs {
		v := mul(x, wv)
		for i := range out {
			out[i] += s[j] / z * v[i]
		}
	}
	return out
}

func mul(x []float64, w [][]float64) []float64 {
	out := make([]float64, len(w[0]))
	for i := range x {
		for j := range w[i] {
			out[j] += x[i] * w[i][j]
		}
	}
	return out
}

func near(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !(math.Abs(a[i]-b[i]) <= tol) {
			return false
		}
	}
	return true
}

func TestByHand(t *testing.T) {
	id := [][]float64{{1, 0}, {0, 1}}
	c := NewCache(id, id, id)
	if got := c.Step([]float64{1, 0}); !near(got, []float64{1, 0}, 0) {
		t.Fatalf("the first step's output is %v, want its own value (1, 0) exactly: one key gets weight 1", got)
	}
	// q = (0, 1) against the keys (1, 0) and (0, 1): scores 0 and 1/√2.
	e := math.Exp(1 / math.Sqrt2)
	want := []float64{1 / (1 + e), e / (1 + e)}
	if got := c.Step([]float64{0, 1}); !near(got, want, 1e-15) {
		why := ""
		if near(got, []float64{0, 1}, 1e-12) {
			why = ": the new query attends to every cached key, not to its own only"
		}
		t.Fatalf("the second step's output is %v, want %v%s", got, want, why)
	}
	if len(c.K) != 2 || len(c.V) != 2 {
		t.Errorf("after two steps the cache holds %d keys and %d values, want 2 and 2", len(c.K), len(c.V))
	}
}

// TestStepMatchesFull: every cached step gives the last row of the full
// recomputation, and the cache holds the projected keys and values.
func TestStepMatchesFull(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const n, d, dk, dv = 12, 6, 4, 3
	wq, wk, wv := random(rng, d, dk), random(rng, d, dk), random(rng, d, dv)
	xs := random(rng, n, d)
	c := NewCache(wq, wk, wv)
	for s := 0; s < n; s++ {
		got := c.Step(xs[s])
		want := full(xs[:s+1], wq, wk, wv)
		if !near(got, want, 1e-12) {
			t.Fatalf("step %d: output %v, want the full pass's last row %v", s, got, want)
		}
		if len(c.K) != s+1 || len(c.V) != s+1 {
			t.Fatalf("after step %d the cache holds %d keys and %d values, want %d", s, len(c.K), len(c.V), s+1)
		}
		for j := 0; j <= s; j++ {
			if !near(c.K[j], mul(xs[j], wk), 1e-12) || !near(c.V[j], mul(xs[j], wv), 1e-12) {
				t.Fatalf("after step %d, cached key or value %d is not x_%d W_K, x_%d W_V", s, j, j, j)
			}
		}
	}
}

// TestFork: two forks of one prefix, extended by different tokens, each
// decode as if alone, and the original is untouched.
func TestFork(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	const d, dk, dv = 5, 3, 4
	wq, wk, wv := random(rng, d, dk), random(rng, d, dk), random(rng, d, dv)
	for _, n := range []int{3, 5} {
		prefix := random(rng, n, d)
		c := NewCache(wq, wk, wv)
		for _, x := range prefix {
			c.Step(x)
		}
		f1, f2 := c.Fork(), c.Fork()
		if f1 == nil || f2 == nil || f1 == c || f2 == c || f1 == f2 {
			t.Fatalf("Fork must return a new cache each time")
		}
		a, b, e := random(rng, 3, d), random(rng, 2, d), random(rng, 1, d)
		f1.Step(a[0])
		f2.Step(b[0])
		c.Step(e[0])
		f2.Step(b[1])
		got1a := f1.Step(a[1])
		got1b := f1.Step(a[2])
		seq := func(tail ...[]float64) [][]float64 {
			return append(append([][]float64(nil), prefix...), tail...)
		}
		if want := full(seq(a[0], a[1]), wq, wk, wv); !near(got1a, want, 1e-12) {
			t.Fatalf("prefix of %d: a fork's output %v, want %v: do the forks share the arrays their keys are appended to?", n, got1a, want)
		}
		if want := full(seq(a[0], a[1], a[2]), wq, wk, wv); !near(got1b, want, 1e-12) {
			t.Fatalf("prefix of %d: a fork's next output %v, want %v", n, got1b, want)
		}
		if len(c.K) != n+1 || len(f1.K) != n+3 || len(f2.K) != n+2 {
			t.Fatalf("prefix of %d: the original holds %d keys, the forks %d and %d; want %d, %d and %d", n, len(c.K), len(f1.K), len(f2.K), n+1, n+3, n+2)
		}
		if want := full(seq(e[0], a[0]), wq, wk, wv); !near(c.Step(a[0]), want, 1e-12) {
			t.Fatalf("prefix of %d: the original's output after its forks grew is wrong", n)
		}
	}
}

// random returns an r × c matrix of standard normal entries.
func random(rng *rand.Rand, r, c int) [][]float64 {
	m := make([][]float64, r)
	for i := range m {
		m[i] = make([]float64, c)
		for j := range m[i] {
			m[i][j] = rng.NormFloat64()
		}
	}
	return m
}
