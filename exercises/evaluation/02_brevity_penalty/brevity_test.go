//go:build graded

package brevity

import (
	"math"
	"testing"
)

func TestBrevityPenalty(t *testing.T) {
	cases := []struct {
		c, r int
		want float64
	}{
		{10, 10, 1},
		{12, 10, 1},                // longer than the reference: no penalty
		{5, 10, math.Exp(-1)},      // e^{1 - 10/5}
		{8, 10, math.Exp(-0.25)},   // e^{1 - 10/8}: 10/8 in integers would be 1
		{3, 4, math.Exp(-1.0 / 3)}, // e^{1 - 4/3}
		{0, 10, 0},                 // an empty hypothesis
		{0, 0, 1},                  // c ≥ r: sacreBLEU's BP is 1
	}
	for _, c := range cases {
		if got := BrevityPenalty(c.c, c.r); math.Abs(got-c.want) > 1e-12 || math.IsNaN(got) {
			t.Errorf("BrevityPenalty(c %d, r %d) = %g, want %g", c.c, c.r, got, c.want)
		}
	}
}

func TestClosestRefLength(t *testing.T) {
	cases := []struct {
		c    int
		refs []int
		want int
	}{
		{10, []int{11}, 11},
		{10, []int{9, 13}, 9},
		{10, []int{20, 10, 3}, 10},
		{10, []int{8, 12}, 8}, // a tie goes to the shorter reference
		{10, []int{12, 8}, 8}, // whatever the order
		{10, []int{12, 12, 14}, 12},
		{0, []int{7, 4}, 4},
		{5, nil, 0}, // no references
	}
	for _, c := range cases {
		if got := ClosestRefLength(c.c, c.refs); got != c.want {
			t.Errorf("ClosestRefLength(%d, %v) = %d, want %d", c.c, c.refs, got, c.want)
		}
	}
}

func TestCorpusBrevityPenalty(t *testing.T) {
	cases := []struct {
		name string
		hyp  []int
		refs [][]int
		want float64
	}{
		// Sentence 1: 10 tokens, closest reference 9. Sentence 2: 5 tokens,
		// closest 7. c = 15, r = 16: BP = e^{1 - 16/15}. Averaging the
		// sentences' penalties instead would give (1 + e^{1 - 7/5})/2 ≈ 0.835.
		{"one long, one short", []int{10, 5}, [][]int{{9, 12}, {10, 7}}, math.Exp(-1.0 / 15)},
		// Ties: 8 (not 12) for sentence 1, 4 (not 6) for sentence 2:
		// c = 15, r = 12, no penalty. Taking the longer on ties would make
		// r = 18 and BP = e^{1 - 18/15}.
		{"ties", []int{10, 5}, [][]int{{12, 8}, {6, 4}}, 1},
		// c = 6, r = 3 + 9 = 12: BP = e^{1 - 2}.
		{"short corpus", []int{3, 3}, [][]int{{3}, {9}}, math.Exp(-1)},
		{"single sentence", []int{4}, [][]int{{6, 5}}, math.Exp(1 - 5.0/4)},
		{"empty hypotheses", []int{0, 0}, [][]int{{3}, {4}}, 0},
		{"empty corpus", nil, nil, 1},
	}
	for _, c := range cases {
		if got := CorpusBrevityPenalty(c.hyp, c.refs); math.Abs(got-c.want) > 1e-12 || math.IsNaN(got) {
			t.Errorf("%s: CorpusBrevityPenalty(%v, %v) = %g, want %g", c.name, c.hyp, c.refs, got, c.want)
		}
	}
}
