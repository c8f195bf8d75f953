//go:build graded

package modprec

import (
	"strings"
	"testing"
)

func check(t *testing.T, hyp string, refs []string, n, wantNum, wantDen int) {
	t.Helper()
	var rs [][]string
	for _, r := range refs {
		rs = append(rs, strings.Fields(r))
	}
	num, den := ModifiedPrecision(strings.Fields(hyp), rs, n)
	if num != wantNum || den != wantDen {
		t.Errorf("%d-grams of %q against %q: %d/%d, want %d/%d", n, hyp, refs, num, den, wantNum, wantDen)
	}
}

// TestPapineniExamples: the paper's Examples 1 and 2, lowercased and
// without the final full stops.
func TestPapineniExamples(t *testing.T) {
	// Example 2: "the" clipped to 2; no bigram "the the" in any reference.
	cat := []string{"the cat is on the mat", "there is a cat on the mat"}
	check(t, "the the the the the the the", cat, 1, 2, 7)
	check(t, "the the the the the the the", cat, 2, 0, 6)

	// Example 1. Candidate 1: every unigram but "obeys" is matched, 17/18;
	// 10 of its 17 bigrams are in a reference. Candidate 2: 8/14 and 1/13.
	refs := []string{
		"it is a guide to action that ensures that the military will forever heed party commands",
		"it is the guiding principle which guarantees the military forces always being under the command of the party",
		"it is the practical guide for the army always to heed the directions of the party",
	}
	c1 := "it is a guide to action which ensures that the military always obeys the commands of the party"
	c2 := "it is to insure the troops forever hearing the activity guidebook that party direct"
	check(t, c1, refs, 1, 17, 18)
	check(t, c1, refs, 2, 10, 17)
	check(t, c2, refs, 1, 8, 14)
	check(t, c2, refs, 2, 1, 13)
}

// TestClipsByMaxReference: "a" occurs once in the first reference and twice
// in the second; the clip is max(1, 2) = 2, not 1 + 2 = 3.
func TestClipsByMaxReference(t *testing.T) {
	check(t, "a a a", []string{"a b", "a a c"}, 1, 2, 3)
	check(t, "a a a", []string{"a a c", "a b"}, 1, 2, 3)
	// Bigrams: "a a" twice in the hypothesis, at most once in a reference.
	check(t, "a a a", []string{"a a c", "a b a a"}, 2, 1, 2)
	// A trigram is matched only as a whole: "x b c" shares "b c" but not "a b c".
	check(t, "a b c d", []string{"x b c d", "a b x d"}, 3, 1, 2)
}

// TestShortAndEmpty: the denominator counts the hypothesis' n-grams, 0
// when it is shorter than n; with no references nothing is matched.
func TestShortAndEmpty(t *testing.T) {
	check(t, "a b c", []string{"a b c"}, 3, 1, 1) // exactly one trigram
	check(t, "a b", []string{"a b c"}, 3, 0, 0)   // shorter than n
	check(t, "", []string{"a b c"}, 1, 0, 0)      // empty hypothesis
	check(t, "a b c", nil, 1, 0, 3)               // no references
	check(t, "a b c", []string{""}, 2, 0, 2)      // an empty reference
	check(t, "x y", []string{"a b c"}, 1, 0, 2)   // no overlap
}
