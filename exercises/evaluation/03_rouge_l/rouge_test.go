//go:build graded

package rougel

import (
	"math"
	"strings"
	"testing"
)

func TestLCS(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"police killed the gunman", "police kill the gunman", 3},
		{"police killed the gunman", "the gunman kill police", 2},
		{"A B C B D A B", "B D C A B A", 4}, // CLRS's example: BCBA
		{"a x b y c", "a b c", 3},           // a subsequence, not a substring
		{"the the the", "the", 1},
		{"a b c", "a b c", 3},
		{"a b", "c d", 0},
		{"", "a b c", 0},
		{"a b c", "", 0},
	}
	for _, c := range cases {
		a, b := strings.Fields(c.a), strings.Fields(c.b)
		if got := LCS(a, b); got != c.want {
			t.Errorf("LCS(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := LCS(b, a); got != c.want {
			t.Errorf("LCS(%q, %q) = %d, want %d (LCS is symmetric)", c.b, c.a, got, c.want)
		}
	}
}

func TestRougeL(t *testing.T) {
	cases := []struct {
		name     string
		hyp, ref string
		p, r, f1 float64
	}{
		// Lin 2004's example: LCS 3 ("police the gunman") of 4 and 4.
		{"Lin's S2", "police kill the gunman", "police killed the gunman", 0.75, 0.75, 0.75},
		// LCS 2 ("the gunman").
		{"Lin's S3", "the gunman kill police", "police killed the gunman", 0.5, 0.5, 0.5},
		// LCS 4 of 4 and 6: P = 1, R = 2/3, F1 = 2·(2/3)/(5/3) = 0.8.
		{"short hypothesis", "the cat on mat", "the cat sat on the mat", 1, 2.0 / 3, 0.8},
		// The same pair the other way round swaps precision and recall.
		{"long hypothesis", "the cat sat on the mat", "the cat on mat", 2.0 / 3, 1, 0.8},
		// LCS 3 ("b d f") of 6 and 4: P = 0.5, R = 0.75, F1 = 0.75/1.25 = 0.6.
		{"skips", "a b c d e f", "b d f x", 0.5, 0.75, 0.6},
		{"identical", "a b c", "a b c", 1, 1, 1},
		{"no overlap", "a b", "c d", 0, 0, 0},
		{"empty hypothesis", "", "a b c", 0, 0, 0},
		{"empty reference", "a b c", "", 0, 0, 0},
		{"both empty", "", "", 0, 0, 0},
	}
	for _, c := range cases {
		p, r, f := RougeL(strings.Fields(c.hyp), strings.Fields(c.ref))
		if math.Abs(p-c.p) > 1e-12 || math.Abs(r-c.r) > 1e-12 || math.Abs(f-c.f1) > 1e-12 ||
			math.IsNaN(p) || math.IsNaN(r) || math.IsNaN(f) {
			t.Errorf("%s: RougeL(%q, %q) = P %g, R %g, F1 %g; want %g, %g, %g", c.name, c.hyp, c.ref, p, r, f, c.p, c.r, c.f1)
		}
	}
}
