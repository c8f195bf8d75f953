//go:build graded

package beam

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

var ninf = math.Inf(-1)

func ln(p float64) float64 { return math.Log(p) }

func same(got, want []Candidate) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i].From != want[i].From || got[i].Token != want[i].Token || math.Abs(got[i].LogProb-want[i].LogProb) > 1e-12 {
			return false
		}
	}
	return true
}

func TestStepByHand(t *testing.T) {
	// The first step: one beam, the empty prefix, log p = 0.
	first := Step([]float64{0}, [][]float64{{ln(0.1), ln(0.6), ln(0.3)}}, 2)
	want := []Candidate{{0, 1, ln(0.6)}, {0, 2, ln(0.3)}}
	if !same(first, want) {
		t.Errorf("Step from the empty prefix with next-token probabilities (0.1, 0.6, 0.3), b = 2: got %v, want %v", first, want)
	}

	// Two beams of probability 0.5 and 0.4. Beam 0's tokens (0.5, 0.3,
	// 0.2) reach 0.25, 0.15, 0.1; beam 1's (0.9, 0.05, 0.05) reach 0.36,
	// 0.02, 0.02. The best three: 0.36 (beam 1, token 0), 0.25 and 0.15.
	lp := []float64{ln(0.5), ln(0.4)}
	next := [][]float64{{ln(0.5), ln(0.3), ln(0.2)}, {ln(0.9), ln(0.05), ln(0.05)}}
	got := Step(lp, next, 3)
	want = []Candidate{{1, 0, ln(0.4) + ln(0.9)}, {0, 0, ln(0.5) + ln(0.5)}, {0, 1, ln(0.5) + ln(0.3)}}
	if !same(got, want) {
		why := ""
		if len(got) == 3 && got[0].From == 0 {
			why = " (the best extension need not come from the best beam: add the beam's log-probability to each token's)"
		}
		t.Errorf("Step with two beams, b = 3: got %v, want %v%s", got, want, why)
	}

	// Ties: every extension has log-probability log 0.25. The earlier beam
	// first, then the lower token.
	q := ln(0.5)
	got = Step([]float64{q, q}, [][]float64{{q, q}, {q, q}}, 3)
	want = []Candidate{{0, 0, 2 * q}, {0, 1, 2 * q}, {1, 0, 2 * q}}
	if !same(got, want) {
		t.Errorf("Step with four equal extensions, b = 3: got %v, want %v (ties: the earlier beam, then the lower token)", got, want)
	}

	// Tokens of probability 0 are never taken, even to fill the beam.
	got = Step([]float64{0, ln(0.5)}, [][]float64{{0, ninf, ninf}, {ninf, ninf, 0}}, 3)
	want = []Candidate{{0, 0, 0}, {1, 2, ln(0.5)}}
	if !same(got, want) {
		t.Errorf("Step where only two extensions have probability above 0, b = 3: got %v, want %v", got, want)
	}
}

// TestStepRandom against sorting all B·V extensions.
func TestStepRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := 0; trial < 50; trial++ {
		nb, v, b := 1+rng.IntN(4), 2+rng.IntN(9), 1+rng.IntN(6)
		lp := make([]float64, nb)
		next := make([][]float64, nb)
		var all []Candidate
		for i := range next {
			lp[i] = -5 * rng.Float64()
			next[i] = make([]float64, v)
			for y := range next[i] {
				// rounded, so that ties happen
				next[i][y] = -float64(rng.IntN(6))
				all = append(all, Candidate{i, y, lp[i] + next[i][y]})
			}
		}
		sort.SliceStable(all, func(x, y int) bool { return all[x].LogProb > all[y].LogProb })
		want := all[:min(b, len(all))]
		if got := Step(lp, next, b); !same(got, want) {
			t.Fatalf("Step(%v, %v, %d) = %v, want %v", lp, next, b, got, want)
		}
	}
}

func TestLengthPenalty(t *testing.T) {
	cases := []struct {
		length int
		alpha  float64
		want   float64
	}{
		{1, 0.6, 1}, {1, 3, 1}, {10, 0, 1}, {7, 1, 2}, {7, 0.5, math.Sqrt2}, {19, 1, 4}, {31, 0.5, math.Sqrt(6)}, {13, 2, 9},
	}
	for _, c := range cases {
		if got := LengthPenalty(c.length, c.alpha); math.Abs(got-c.want) > 1e-14 {
			t.Errorf("LengthPenalty(%d, %g) = %.17g, want %.17g", c.length, c.alpha, got, c.want)
		}
	}
	if got := Score(-6, 7, 1); math.Abs(got+3) > 1e-14 {
		t.Errorf("Score(log p = -6, 7 tokens, α = 1) = %g, want -6 / lp = -6/2 = -3", got)
	}
	if got := Score(-6, 7, 0); got != -6 {
		t.Errorf("Score(log p = -6, 7 tokens, α = 0) = %g, want the log-probability -6", got)
	}
}

// TestBreakEven: the longer hypothesis at the break-even log-probability
// scores the same; a little more, and it wins; with α = 0 it must be as
// probable as the shorter one.
func TestBreakEven(t *testing.T) {
	if got := BreakEven(-4, 3, 9, 0); got != -4 {
		t.Errorf("BreakEven(-4, 3 tokens, 9 tokens, α = 0) = %g, want -4: without a penalty, only log p counts", got)
	}
	// lp(1) = 1, lp(7) = 2 at α = 1: a 7-token hypothesis needs log p = -6 to tie with -3 at one token.
	if got := BreakEven(-3, 1, 7, 1); math.Abs(got+6) > 1e-14 {
		t.Errorf("BreakEven(-3, 1 token, 7 tokens, α = 1) = %g, want -6", got)
	}
	for _, c := range []struct {
		l           float64
		short, long int
		alpha       float64
	}{{-2.5, 4, 12, 0.6}, {-10, 8, 9, 0.7}, {-0.3, 2, 40, 1.5}} {
		l2 := BreakEven(c.l, c.short, c.long, c.alpha)
		s1, s2 := Score(c.l, c.short, c.alpha), Score(l2, c.long, c.alpha)
		if math.IsNaN(l2) || math.Abs(s1-s2) > 1e-12 {
			t.Errorf("BreakEven(%g, %d, %d, %g) = %g: its score %g differs from the shorter one's %g", c.l, c.short, c.long, c.alpha, l2, s2, s1)
			continue
		}
		if !(l2 < c.l) {
			t.Errorf("BreakEven(%g, %d, %d, α = %g) = %g: with α > 0 a longer hypothesis may be less probable and still tie", c.l, c.short, c.long, c.alpha, l2)
		}
		if Score(l2+1e-6, c.long, c.alpha) <= s1 {
			t.Errorf("a longer hypothesis slightly more probable than the break-even %g should outrank the shorter one", l2)
		}
	}
}
