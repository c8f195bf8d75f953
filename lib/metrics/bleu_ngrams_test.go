package metrics

import (
	"strings"
	"testing"
)

// TestModifiedPrecisionClipping is the example of Papineni et al. (2002),
// §2.1: the candidate "the the the the the the the" would have unigram
// precision 7/7, but "the" occurs at most twice in a reference, so it is
// credited twice: 2/7.
func TestModifiedPrecisionClipping(t *testing.T) {
	hyp := strings.Fields("the the the the the the the")
	for _, c := range []struct {
		what          string
		refs          []string
		n             int
		matched, want int
	}{
		{"one reference", []string{"the cat is on the mat"}, 1, 2, 7},
		// Papineni's two references: "the" occurs twice in the first
		// (lowercased), once in the second; the clip is the maximum, 2.
		{"two references", []string{"the cat is on the mat", "there is a cat on the mat"}, 1, 2, 7},
		// Case matters: "The" is another token; each reference has one "the".
		{"mixed case", []string{"The cat is on the mat", "There is a cat on the mat"}, 1, 1, 7},
		// six "the the" bigrams, none in the reference
		{"bigrams", []string{"the cat is on the mat"}, 2, 0, 6},
		{"no references", nil, 1, 0, 7},
	} {
		refs := make([][]string, len(c.refs))
		for j, r := range c.refs {
			refs[j] = strings.Fields(r)
		}
		m, tot := ModifiedPrecision(hyp, refs, c.n)
		if m != c.matched || tot != c.want {
			t.Errorf("%s: ModifiedPrecision = %d/%d, want %d/%d", c.what, m, tot, c.matched, c.want)
		}
	}
}

// TestModifiedPrecisionMaxNotSum: "the the the" against "the cat" and
// "the the dog" is clipped at max(1, 2) = 2, not at the sum 1 + 2 = 3.
func TestModifiedPrecisionMaxNotSum(t *testing.T) {
	m, tot := ModifiedPrecision(strings.Fields("the the the"),
		[][]string{strings.Fields("the cat"), strings.Fields("the the dog")}, 1)
	if m != 2 || tot != 3 {
		t.Errorf("ModifiedPrecision = %d/%d, want 2/3", m, tot)
	}
	// Bigrams: two "the the" in the hypothesis, one in the second reference.
	m, tot = ModifiedPrecision(strings.Fields("the the the"),
		[][]string{strings.Fields("the cat"), strings.Fields("the the dog")}, 2)
	if m != 1 || tot != 2 {
		t.Errorf("bigrams: ModifiedPrecision = %d/%d, want 1/2", m, tot)
	}
	// No n-grams of an order longer than the hypothesis, nor of order 0.
	for _, n := range []int{0, 4} {
		if m, tot := ModifiedPrecision(strings.Fields("the the the"), [][]string{{"the"}}, n); m != 0 || tot != 0 {
			t.Errorf("n = %d: ModifiedPrecision = %d/%d, want 0/0", n, m, tot)
		}
	}
}

func TestClosestRefLength(t *testing.T) {
	for _, c := range []struct {
		hyp  int
		refs []int
		want int
	}{
		{5, []int{3, 7}, 3},    // both 2 away: the shorter
		{5, []int{7, 3}, 3},    // whatever the order
		{5, []int{2, 6}, 6},    // 1 away beats 3 away, even if longer
		{5, []int{9, 5, 4}, 5}, // an exact match
		{0, []int{4, 1}, 1},
		{5, nil, 0},
	} {
		if got := ClosestRefLength(c.hyp, c.refs); got != c.want {
			t.Errorf("ClosestRefLength(%d, %v) = %d, want %d", c.hyp, c.refs, got, c.want)
		}
	}
}

func TestNgramCounts(t *testing.T) {
	got := ngramCounts(strings.Fields("a b a b"), 2)
	// a b, b a, a b
	if len(got) != 2 || got["a b"] != 2 || got["b a"] != 1 {
		t.Errorf("ngramCounts(a b a b, 2) = %v, want map[a b:2 b a:1]", got)
	}
}
