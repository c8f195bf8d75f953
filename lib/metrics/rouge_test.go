package metrics

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Expected values are worked by hand under rouge-score's conventions (Lin
// 2004; Google's rouge_scorer, default tokenizer, no stemming).

// checkRouge compares a score with P, R, F = p, r, f within textTol.
func checkRouge(t *testing.T, what string, got RougeScore, p, r, f float64) {
	t.Helper()
	if !textClose(got.Precision, p) || !textClose(got.Recall, r) || !textClose(got.F, f) {
		t.Errorf("%s = %+v, want P %.10g R %.10g F %.10g", what, got, p, r, f)
	}
}

// TestRougeReadmeExample is the example of rouge-score's README:
// score(target = "The quick brown fox jumps over the lazy dog",
// prediction = "The quick brown dog jumps on the log.").
func TestRougeReadmeExample(t *testing.T) {
	hyp := "The quick brown dog jumps on the log."
	ref := "The quick brown fox jumps over the lazy dog"
	// Tokens: hyp = the quick brown dog jumps on the log (8),
	// ref = the quick brown fox jumps over the lazy dog (9).
	// Unigram overlap: the ×2, quick, brown, dog, jumps = 6.
	// P = 6/8, R = 6/9, F = 2·(3/4)(2/3)/(3/4 + 2/3) = 1/(17/12) = 12/17.
	checkRouge(t, "ROUGE-1", RougeN(hyp, ref, 1), 6.0/8, 6.0/9, 12.0/17)
	// Bigrams: hyp has 7, ref 8; shared: "the quick", "quick brown" = 2.
	// P = 2/7, R = 2/8, F = 2·(2/7)(1/4)/(2/7 + 1/4) = (1/7)/(15/28) = 4/15.
	checkRouge(t, "ROUGE-2", RougeN(hyp, ref, 2), 2.0/7, 2.0/8, 4.0/15)
	// LCS: the quick brown … jumps … the = 5 ("dog" comes last in the
	// reference, so taking it would give only the quick brown dog = 4).
	// P = 5/8, R = 5/9, F = 2·(25/72)/(85/72) = 10/17.
	checkRouge(t, "ROUGE-L", RougeL(hyp, ref), 5.0/8, 5.0/9, 10.0/17)
}

// TestRougeScorerSuite repeats the small cases of rouge-score's own tests
// (rouge_scorer_test.py), with the arguments in this package's order
// (hypothesis first).
func TestRougeScorerSuite(t *testing.T) {
	ref := "testing one two"
	// 1 of 1 hypothesis unigram matches, 1 of 3 reference unigrams:
	// F = 2·1·(1/3)/(4/3) = 1/2.
	checkRouge(t, "ROUGE-1(testing)", RougeN("testing", ref, 1), 1, 1.0/3, 0.5)
	// "testing one" is 1 of 2 reference bigrams: F = 2·(1/2)/(3/2) = 2/3.
	checkRouge(t, "ROUGE-2(testing one)", RougeN("testing one", ref, 2), 1, 0.5, 2.0/3)
	// LCS 2 whether or not the words are adjacent: F = 2·(2/3)/(5/3) = 4/5.
	checkRouge(t, "ROUGE-L(testing one)", RougeL("testing one", ref), 1, 2.0/3, 0.8)
	checkRouge(t, "ROUGE-L(testing two)", RougeL("testing two", ref), 1, 2.0/3, 0.8)
}

// TestRougeEmpty: nothing to count gives zeros, not 0/0 = NaN.
func TestRougeEmpty(t *testing.T) {
	for _, c := range []struct{ what, hyp, ref string }{
		{"empty hypothesis", "", "testing one two"},
		{"empty reference", "testing one two", ""},
		{"both empty", "", ""},
		// rouge-score's case of a summary of non-word characters only
		{"punctuation only", "/", "w1 w2 w3"},
	} {
		for name, s := range map[string]RougeScore{
			"ROUGE-1": RougeN(c.hyp, c.ref, 1),
			"ROUGE-2": RougeN(c.hyp, c.ref, 2),
			"ROUGE-L": RougeL(c.hyp, c.ref),
		} {
			checkRouge(t, c.what+": "+name, s, 0, 0, 0)
		}
	}
	// A one-word hypothesis has no bigrams: P = 0/max(0, 1) = 0.
	checkRouge(t, "ROUGE-2 of one word", RougeN("testing", "testing one", 2), 0, 0, 0)
}

func TestRougeNoOverlap(t *testing.T) {
	checkRouge(t, "ROUGE-1", RougeN("alpha beta", "gamma delta", 1), 0, 0, 0)
	checkRouge(t, "ROUGE-L", RougeL("alpha beta", "gamma delta"), 0, 0, 0)
	// Shared words, no shared bigram: ROUGE-1 and -L see them, ROUGE-2 not.
	// "b a" against "a b": unigrams 2/2, LCS 1 ("a" or "b"), bigrams 0.
	checkRouge(t, "ROUGE-2 reversed", RougeN("b a", "a b", 2), 0, 0, 0)
	checkRouge(t, "ROUGE-L reversed", RougeL("b a", "a b"), 0.5, 0.5, 0.5)
}

// TestRougeLongerHypothesis: saying more than the reference costs
// precision, not recall.
func TestRougeLongerHypothesis(t *testing.T) {
	hyp, ref := "the cat sat on the mat today", "The cat sat."
	// 3 of 7 hypothesis tokens match, all 3 reference tokens are covered:
	// F = 2·(3/7)·1/(3/7 + 1) = (6/7)/(10/7) = 3/5.
	checkRouge(t, "ROUGE-1", RougeN(hyp, ref, 1), 3.0/7, 1, 0.6)
	// Bigrams: 2 of 6, all 2 of the reference's: F = 2·(1/3)/(4/3) = 1/2.
	checkRouge(t, "ROUGE-2", RougeN(hyp, ref, 2), 2.0/6, 1, 0.5)
	checkRouge(t, "ROUGE-L", RougeL(hyp, ref), 3.0/7, 1, 0.6)
}

// TestRougeNClips: a repeated word counts at most as often as the
// reference has it: "the the the" against "the cat" overlaps min(3, 1) = 1;
// P = 1/3, R = 1/2, F = 2·(1/6)/(5/6) = 2/5.
func TestRougeNClips(t *testing.T) {
	checkRouge(t, "ROUGE-1", RougeN("the the the", "the cat", 1), 1.0/3, 0.5, 0.4)
}

func TestRougeTokenize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"one Two three", []string{"one", "two", "three"}},
		{"one\n Two \nthree", []string{"one", "two", "three"}},
		// Apostrophes, dashes, periods and non-ASCII letters all separate.
		{"Don't STOP—it's 3.14 o'clock, café!", []string{"don", "t", "stop", "it", "s", "3", "14", "o", "clock", "caf"}},
		{"under_score x-ray", []string{"under", "score", "x", "ray"}},
		// The Kelvin sign lowercases to an ASCII k; Python lowercases İ to
		// i and a combining dot, which separates.
		{"\u212A9 İx", []string{"k9", "i", "x"}},
		{" ,;! ", nil},
	} {
		if diff := cmp.Diff(c.want, RougeTokenize(c.in), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("RougeTokenize(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

// TestLCSTable is rouge-score's LCS table case (ref 1 2 3 4 5 against
// 2 5 3 4), in letters, with the whole table filled by hand. Rows are the
// prefixes of a = a b c d e, columns those of b = b e c d.
func TestLCSTable(t *testing.T) {
	a, b := strings.Fields("a b c d e"), strings.Fields("b e c d")
	want := [][]int{
		//   ∅  b  e  c  d
		{0, 0, 0, 0, 0}, // ∅
		{0, 0, 0, 0, 0}, // a: in no prefix of b
		{0, 1, 1, 1, 1}, // b: matches b[0]; the max carries right
		{0, 1, 1, 2, 2}, // c: matches b[2]: L[2][2] + 1 = 2
		{0, 1, 1, 2, 3}, // d: matches b[3]: L[3][3] + 1 = 3 (b c d)
		{0, 1, 2, 2, 3}, // e: matches b[1]: L[4][1] + 1 = 2 (b e), not longer
	}
	if diff := cmp.Diff(want, LCSTable(a, b)); diff != "" {
		t.Errorf("LCSTable (-want +got):\n%s", diff)
	}
	if got := LCSLength(a, b); got != 3 {
		t.Errorf("LCSLength = %d, want 3", got)
	}
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"a b c d", "a c d b", 3},
		{"a b", "x y", 0},
		{"", "a b", 0},
		{"a b c", "a b c", 3},
		{"a a a", "a", 1},
	} {
		if got := LCSLength(strings.Fields(c.a), strings.Fields(c.b)); got != c.want {
			t.Errorf("LCSLength(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestMeanRouge(t *testing.T) {
	hyps := []string{"testing", "the the the"}
	refs := []string{"testing one two", "the cat"}
	// ROUGE-1 per line: (1, 1/3, 1/2) and (1/3, 1/2, 2/5); means of each.
	got, err := MeanRouge(hyps, refs, "rouge1")
	if err != nil {
		t.Fatal(err)
	}
	checkRouge(t, "mean ROUGE-1", got, (1+1.0/3)/2, (1.0/3+0.5)/2, (0.5+0.4)/2)
	// ROUGE-L per line: LCS 1 each: (1, 1/3, 1/2) and (1/3, 1/2, 2/5) again.
	got, err = MeanRouge(hyps, refs, "rougeL")
	if err != nil {
		t.Fatal(err)
	}
	checkRouge(t, "mean ROUGE-L", got, (1+1.0/3)/2, (1.0/3+0.5)/2, (0.5+0.4)/2)
	// ROUGE-2: line 1 has no hypothesis bigram (0, 0, 0); line 2 has "the
	// the" twice, absent from "the cat" (0, 0, 0).
	got, err = MeanRouge(hyps, refs, "rouge2")
	if err != nil {
		t.Fatal(err)
	}
	checkRouge(t, "mean ROUGE-2", got, 0, 0, 0)
	if math.IsNaN(got.F) {
		t.Error("mean ROUGE-2 F is NaN")
	}
}

func TestMeanRougeErrors(t *testing.T) {
	_, err := MeanRouge([]string{"a", "b", "c"}, []string{"a", "b"}, "rouge1")
	textWantErr(t, "3 vs 2 lines", err, "MeanRouge", "3 hypotheses", "2 references")
	_, err = MeanRouge(nil, nil, "rougeL")
	textWantErr(t, "no lines", err, "no lines")
	for _, kind := range []string{"rouge0", "rouge10", "rougeLsum", "ROUGE-1", "rougen", ""} {
		_, err = MeanRouge([]string{"a"}, []string{"a"}, kind)
		textWantErr(t, kind, err, "unknown ROUGE kind", "rouge1")
	}
	if _, err := MeanRouge([]string{"a"}, []string{"a"}, "rouge9"); err != nil {
		t.Errorf("rouge9: %v", err)
	}
}

func TestRougeNPanicsBelowOne(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "n = 0") {
			t.Errorf("RougeN(n = 0) recovered %v, want a panic naming n = 0", r)
		}
	}()
	RougeN("a", "a", 0)
}
