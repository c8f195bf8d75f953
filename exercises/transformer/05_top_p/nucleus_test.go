//go:build graded

package nucleus

import (
	"math"
	"math/rand/v2"
	"testing"
)

var ninf = math.Inf(-1)

// equal reports whether a and b hold the same numbers (-Inf matching -Inf).
func equal(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.IsInf(b[i], -1) != math.IsInf(a[i], -1) || (!math.IsInf(b[i], -1) && !(math.Abs(a[i]-b[i]) <= tol)) {
			return false
		}
	}
	return true
}

func TestTemperature(t *testing.T) {
	z := []float64{2, -4, 0, ninf}
	keep := append([]float64(nil), z...)
	cases := []struct {
		T    float64
		want []float64
	}{
		{1, []float64{2, -4, 0, ninf}},
		{2, []float64{1, -2, 0, ninf}},
		{0.5, []float64{4, -8, 0, ninf}},
		{0, []float64{2, ninf, ninf, ninf}},
	}
	for _, c := range cases {
		if got := Temperature(z, c.T); !equal(got, c.want, 1e-15) {
			t.Errorf("Temperature(%v, T = %g) = %v, want %v", z, c.T, got, c.want)
		}
	}
	if !equal(z, keep, 0) {
		t.Errorf("Temperature changed its input to %v: return new logits", z)
	}
	tie := []float64{1, 3, 3, -1}
	if got := Temperature(tie, 0); !equal(got, []float64{ninf, 3, ninf, ninf}, 0) {
		t.Errorf("Temperature(%v, T = 0) = %v, want only token 1 kept, with its logit 3 (ties go to the lower id)", tie, got)
	}
	// A low temperature sharpens: the top token's probability rises towards 1.
	w := []float64{0.5, 0.2, 0.1}
	prev := 0.0
	for _, T := range []float64{4, 1, 0.25, 0.05} {
		got := Temperature(w, T)
		if len(got) != len(w) {
			t.Fatalf("Temperature of 3 logits returned %d", len(got))
		}
		p := Softmax(got)[0]
		if !(p > prev) {
			t.Errorf("the top token's probability at T = %g is %g, not above %g at the higher temperature", T, p, prev)
		}
		prev = p
	}
}

// kept lists the tokens whose logit is finite.
func kept(z []float64) []int {
	var k []int
	for j, v := range z {
		if !math.IsInf(v, -1) {
			k = append(k, j)
		}
	}
	return k
}

func TestTopPByHand(t *testing.T) {
	// probabilities 0.1, 0.5, 0.25, 0.15: most likely first, tokens 1, 2, 3, 0
	z := []float64{math.Log(0.1), math.Log(0.5), math.Log(0.25), math.Log(0.15)}
	keep := append([]float64(nil), z...)
	cases := []struct {
		p    float64
		want []int
	}{
		{1e-9, []int{1}},
		{0.3, []int{1}},
		{0.6, []int{1, 2}},
		{0.8, []int{1, 2, 3}},
		{0.95, []int{0, 1, 2, 3}},
		{1, []int{0, 1, 2, 3}},
	}
	for _, c := range cases {
		got := TopP(z, c.p)
		if len(got) != len(z) {
			t.Errorf("TopP of 4 logits returned %d", len(got))
			continue
		}
		if k := kept(got); !sameInts(k, c.want) {
			why := ""
			if !contains(k, 1) {
				why = ": the most likely token is always kept"
			}
			t.Errorf("TopP(probabilities 0.1, 0.5, 0.25, 0.15; p = %g) keeps tokens %v, want %v%s", c.p, k, c.want, why)
			continue
		}
		for _, j := range c.want {
			if got[j] != z[j] {
				t.Errorf("TopP(p = %g): kept token %d has logit %g, want its own logit %g unchanged", c.p, j, got[j], z[j])
			}
		}
	}
	if !equal(z, keep, 0) {
		t.Errorf("TopP changed its input to %v: return new logits", z)
	}
	// Equal probabilities enter lower id first.
	tie := []float64{math.Log(0.4), math.Log(0.2), math.Log(0.4)}
	for _, c := range []struct {
		p    float64
		want []int
	}{{0.3, []int{0}}, {0.5, []int{0, 2}}} {
		if k := kept(TopP(tie, c.p)); !sameInts(k, c.want) {
			t.Errorf("TopP(probabilities 0.4, 0.2, 0.4; p = %g) keeps %v, want %v (of equal probabilities, the lower id first)", c.p, k, c.want)
		}
	}
	// Tokens of probability 0 never enter, even for p = 1.
	if k := kept(TopP([]float64{0, ninf, 0}, 1)); !sameInts(k, []int{0, 2}) {
		t.Errorf("TopP([0, -Inf, 0], p = 1) keeps %v, want [0 2]", k)
	}
}

// TestTopPRandom checks the nucleus's defining properties on random
// distributions: it holds the most likely token, it is made of the most
// likely tokens, it reaches p, and no smaller set of them does.
func TestTopPRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 300; trial++ {
		v := 2 + rng.IntN(40)
		z := make([]float64, v)
		for j := range z {
			z[j] = 3 * rng.NormFloat64()
		}
		p := 1 - rng.Float64() // in (0, 1]
		probs := Softmax(z)
		got := TopP(z, p)
		if len(got) != v {
			t.Fatalf("TopP of %d logits returned %d", v, len(got))
		}
		k := kept(got)
		in := map[int]bool{}
		sum, least := 0.0, math.Inf(1)
		for _, j := range k {
			in[j] = true
			sum += probs[j]
			least = math.Min(least, probs[j])
			if got[j] != z[j] {
				t.Fatalf("trial %d: kept token %d has logit %g, want %g", trial, j, got[j], z[j])
			}
		}
		top := 0
		for j := range z {
			if z[j] > z[top] {
				top = j
			}
		}
		switch {
		case !in[top]:
			t.Fatalf("trial %d, p = %.4f: the most likely token %d (probability %.4f) is not kept", trial, p, top, probs[top])
		case sum < p-1e-12:
			t.Fatalf("trial %d, p = %.4f: the kept tokens %v have probability %.6f, below p", trial, p, k, sum)
		case len(k) > 1 && sum-least >= p:
			t.Fatalf("trial %d, p = %.4f: the kept tokens %v have probability %.6f, and still %.6f ≥ p without the least likely: not the smallest set", trial, p, k, sum, sum-least)
		}
		for j := range z {
			if !in[j] && probs[j] > least {
				t.Fatalf("trial %d, p = %.4f: token %d (probability %.4f) was dropped while one of probability %.4f was kept", trial, p, j, probs[j], least)
			}
		}
	}
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func contains(a []int, x int) bool {
	for _, v := range a {
		if v == x {
			return true
		}
	}
	return false
}
