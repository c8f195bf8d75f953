package metrics

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// corpusOne scores a one-segment corpus against one reference.
func corpusOne(t *testing.T, hyp, ref string, opt BLEUOptions) BLEUScore {
	t.Helper()
	s, err := CorpusBLEU([]string{hyp}, [][]string{{ref}}, opt)
	if err != nil {
		t.Fatalf("CorpusBLEU(%q, %q): %v", hyp, ref, err)
	}
	return s
}

func TestCorpusBLEUIdentical(t *testing.T) {
	// 6 tokens: every n-gram matches (6/6, 5/5, 4/4, 3/3), c = r = 6.
	s := corpusOne(t, "the cat sat on the mat", "the cat sat on the mat", BLEUOptions{})
	want := "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)"
	if !textClose(s.Score, 100) || s.WithSignature() != want {
		t.Errorf("identical: %v (score %.17g), want %s", s, s.Score, want)
	}
	if diff := cmp.Diff([]int{6, 5, 4, 3}, s.Counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
}

// TestCorpusBLEUEmptyHypothesis: c = 0 < r = 6 gives BP = 0 and no
// n-grams at all; BLEU is 0 under every smoothing, never NaN.
func TestCorpusBLEUEmptyHypothesis(t *testing.T) {
	for _, sm := range []string{SmoothExp, SmoothNone, SmoothFloor, SmoothAddK} {
		s := corpusOne(t, "", "the cat sat on the mat", BLEUOptions{Smooth: sm})
		if s.Score != 0 || s.BP != 0 || s.SysLen != 0 || s.RefLen != 6 {
			t.Errorf("%s: %v, want BLEU 0, BP 0, lengths 0 and 6", sm, s)
		}
	}
	// Empty against empty: BP = 1 (c ≥ r), still no match, still 0.
	if s := corpusOne(t, "", "", BLEUOptions{}); s.Score != 0 || s.BP != 1 || s.Ratio() != 0 {
		t.Errorf("empty vs empty: %v, want 0 with BP 1", s)
	}
}

// TestCorpusBLEUNoOverlap: "a b c d" and "w x y z" share nothing, and
// sacreBLEU returns 0 before smoothing (its issue #141): smoothing fills in
// higher orders, it does not invent unigram matches. "a b c d" against
// "d c b a" matches every unigram and nothing longer, which smoothing
// does rescue (the arithmetic is in TestBLEUFromCountsSmoothing).
func TestCorpusBLEUNoOverlap(t *testing.T) {
	for _, c := range []struct {
		smooth        string
		none, unigram float64
	}{
		{SmoothNone, 0, 0},
		{SmoothExp, 0, 100 / math.Pow(384, 0.25)},       // ≈ 22.59
		{SmoothFloor, 0, 100 * math.Pow(0.001/6, 0.25)}, // ≈ 11.36
		{SmoothAddK, 0, 100 / math.Pow(24, 0.25)},       // ≈ 45.18
	} {
		s := corpusOne(t, "a b c d", "w x y z", BLEUOptions{Smooth: c.smooth})
		if s.Score != c.none {
			t.Errorf("%s, no overlap: BLEU = %v, want 0", c.smooth, s.Score)
		}
		s = corpusOne(t, "a b c d", "d c b a", BLEUOptions{Smooth: c.smooth})
		if !textClose(s.Score, c.unigram) {
			t.Errorf("%s, unigrams only: BLEU = %.15g, want %.15g", c.smooth, s.Score, c.unigram)
		}
	}
}

// TestCorpusBLEULength: the brevity penalty on text.
func TestCorpusBLEULength(t *testing.T) {
	// Longer: "the cat sat on the mat today" (c = 7) against "the cat sat on
	// the mat" (r = 6): BP = 1; matches 6/7 ("today" is extra), 5/6, 4/5,
	// 3/4; BLEU = 100 · (6/7 · 5/6 · 4/5 · 3/4)^(1/4) = 100 · (3/7)^(1/4).
	s := corpusOne(t, "the cat sat on the mat today", "the cat sat on the mat", BLEUOptions{})
	if s.BP != 1 || !textClose(s.Score, 100*math.Pow(3.0/7, 0.25)) {
		t.Errorf("longer: %v, want BP 1 and BLEU %.10g", s, 100*math.Pow(3.0/7, 0.25))
	}
	// Shorter: "the cat sat on" (c = 4, r = 6): every n-gram matches, so
	// BLEU = BP = exp(1 - 6/4) = e^-0.5 ≈ 0.6065, i.e. 60.65.
	s = corpusOne(t, "the cat sat on", "the cat sat on the mat", BLEUOptions{})
	if !textClose(s.BP, math.Exp(-0.5)) || !textClose(s.Score, 100*math.Exp(-0.5)) {
		t.Errorf("shorter: %v, want BP %.10g", s, math.Exp(-0.5))
	}
}

// TestCorpusBLEUClipping scores Papineni's repeated "the" as a corpus:
// unigrams 2/7 (clipped); bigrams 0/6, trigrams 0/5, 4-grams 0/4 smoothed by
// exp to 100/(2·6), 100/(4·5), 100/(8·4); c = 7 > r = 6 so BP = 1:
// BLEU = 100 · (2/7 · 1/12 · 1/20 · 1/32)^(1/4) ≈ 7.81.
func TestCorpusBLEUClipping(t *testing.T) {
	s := corpusOne(t, "the the the the the the the", "the cat is on the mat", BLEUOptions{})
	want := 100 * math.Pow(2.0/7/12/20/32, 0.25)
	if s.Counts[0] != 2 || s.Totals[0] != 7 || !textClose(s.Precisions[0], 200.0/7) || !textClose(s.Score, want) {
		t.Errorf("%v (counts %v/%v), want unigrams 2/7 and BLEU %.10g", s, s.Counts, s.Totals, want)
	}
	// With Papineni's capitalised references, only lowercasing finds both "the"s.
	refs := [][]string{{"The cat is on the mat"}, {"There is a cat on the mat"}}
	for _, lc := range []bool{false, true} {
		s, err := CorpusBLEU([]string{"the the the the the the the"}, refs, BLEUOptions{Lowercase: lc})
		if want := map[bool]int{false: 1, true: 2}[lc]; err != nil || s.Counts[0] != want {
			t.Errorf("lowercase %v: unigram matches %v (%v), want %d", lc, s.Counts, err, want)
		}
	}
}

// TestCorpusBLEUMultipleReferences: the effective reference length is the
// closest reference length, the shorter on a tie.
func TestCorpusBLEUMultipleReferences(t *testing.T) {
	hyps := []string{"a b c d e"} // c = 5
	// Lengths 3 and 7 are both 2 away: r = 3, BP = 1; every n-gram of the
	// hypothesis is in the second reference, so BLEU = 100.
	s, err := CorpusBLEU(hyps, [][]string{{"a b c"}, {"a b c d e f g"}}, BLEUOptions{})
	if err != nil || s.RefLen != 3 || s.BP != 1 || !textClose(s.Score, 100) {
		t.Errorf("tie: %v (%v), want ref_len 3, BP 1, BLEU 100", s, err)
	}
	// Lengths 2 and 6: 6 is closer (1 away, not 3): BP = exp(1 - 6/5).
	s, err = CorpusBLEU(hyps, [][]string{{"a b"}, {"a b c d e f"}}, BLEUOptions{})
	if err != nil || s.RefLen != 6 || !textClose(s.Score, 100*math.Exp(-0.2)) {
		t.Errorf("closest: %v (%v), want ref_len 6, BLEU %.10g", s, err, 100*math.Exp(-0.2))
	}
	if want := "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp"; s.Signature != want {
		t.Errorf("signature %q, want %q", s.Signature, want)
	}
}

// TestCorpusBLEUSumsOverSegments: counts and lengths are summed before
// dividing. Segment 1 is perfect (6/6, 5/5, 4/4, 3/3, lengths 6 and 6);
// segment 2, "a dog" against "the dog barked", matches 1/2 unigrams and
// 0/1 bigrams (lengths 2 and 3). Totals: 7/8, 5/6, 4/4, 3/3, c = 8, r = 9:
// BLEU = e^(1 - 9/8) · 100 · (7/8 · 5/6)^(1/4) ≈ 81.55.
func TestCorpusBLEUSumsOverSegments(t *testing.T) {
	s, err := CorpusBLEU([]string{"the cat sat on the mat", "a dog"},
		[][]string{{"the cat sat on the mat", "the dog barked"}}, BLEUOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := math.Exp(-1.0/8) * 100 * math.Pow(7.0/8*5/6, 0.25)
	if !textClose(s.Score, want) || s.SysLen != 8 || s.RefLen != 9 {
		t.Errorf("%v, want BLEU %.10g", s, want)
	}
	if diff := cmp.Diff([]int{7, 5, 4, 3}, s.Counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{8, 6, 4, 3}, s.Totals); diff != "" {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
}

// TestSentenceBLEU: sentence BLEU uses effective order, corpus BLEU does not.
func TestSentenceBLEU(t *testing.T) {
	// "the cat sat" (c = 3) against "the cat sat on the mat" (r = 6): all
	// of its 1-, 2- and 3-grams match and it has no 4-grams. As a corpus the
	// empty 4th order gives 0; as a sentence the mean stops at order 3:
	// BLEU = BP = e^(1 - 6/3) = e^-1 ≈ 36.79.
	if s := corpusOne(t, "the cat sat", "the cat sat on the mat", BLEUOptions{}); s.Score != 0 {
		t.Errorf("as a corpus: BLEU = %v, want 0", s.Score)
	}
	s, err := SentenceBLEU("the cat sat", []string{"the cat sat on the mat"}, BLEUOptions{})
	if err != nil || !textClose(s.Score, 100*math.Exp(-1)) {
		t.Errorf("sentence: %v (%v), want %.10g", s, err, 100*math.Exp(-1))
	}
	if want := "nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp"; s.Signature != want {
		t.Errorf("signature %q, want %q", s.Signature, want)
	}
	// "a dog" against "the dog barked": p1 = 1/2; no bigram matches, so exp
	// gives p2 = 100/(2·1); no trigrams, so the mean stops at 2:
	// BLEU = e^(1 - 3/2) · (50 · 50)^(1/2) = 50 e^-0.5 ≈ 30.33.
	s, err = SentenceBLEU("a dog", []string{"the dog barked"}, BLEUOptions{})
	if err != nil || !textClose(s.Score, 50*math.Exp(-0.5)) {
		t.Errorf("a dog: %v (%v), want %.10g", s, err, 50*math.Exp(-0.5))
	}
}

// TestCorpusBLEUSacreBLEUSuite runs the text cases of sacreBLEU's test
// suite (test/test_bleu.py), whose expected values come from sacreBLEU.
func TestCorpusBLEUSacreBLEUSuite(t *testing.T) {
	// The README example: three segments, two reference streams.
	refs := [][]string{
		{"The dog bit the man.", "It was not unexpected.", "The man bit him first."},
		{"The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."},
	}
	hyps := []string{"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."}
	for _, c := range []struct {
		opt  BLEUOptions
		want float64
	}{
		{BLEUOptions{}, 48.530827},
		{DefaultBLEUOptions(), 48.530827},
		{BLEUOptions{Tokenizer: "none"}, 49.1919566},
		{BLEUOptions{Smooth: SmoothNone}, 48.530827},
	} {
		s, err := CorpusBLEU(hyps, refs, c.opt)
		if err != nil || math.Abs(s.Score-c.want) > 1e-6 {
			t.Errorf("%+v: BLEU = %.9g (%v), want %.9g", c.opt, s.Score, err, c.want)
		}
	}
	// test_max_ngram_order, to two decimals.
	for order, want := range map[int]string{1: "77.65", 2: "60.50", 3: "53.93", 4: "48.53", 5: "46.14", 6: "43.28"} {
		s, err := CorpusBLEU(hyps, refs, BLEUOptions{MaxOrder: order})
		if got := fmt.Sprintf("%.2f", s.Score); err != nil || got != want || len(s.Precisions) != order {
			t.Errorf("max order %d: BLEU = %s (%v), want %s", order, got, err, want)
		}
	}
	// Empty hypotheses are kept, not dropped: BLEU 0.
	if s, err := CorpusBLEU([]string{"", "", ""}, refs, BLEUOptions{}); err != nil || s.Score != 0 {
		t.Errorf("empty hypotheses: %v (%v), want 0", s, err)
	}
	// raw_corpus_bleu: no tokenization, floor smoothing, effective order.
	raw := func(eps float64) BLEUOptions {
		return BLEUOptions{Tokenizer: "none", Smooth: SmoothFloor, SmoothValue: eps, EffectiveOrder: true}
	}
	// test_statistics and test_offset.
	s, err := CorpusBLEU([]string{"am I am a character sequence"}, [][]string{{"I am a symbol string sequence a a"}}, raw(0.1))
	if err != nil || math.Abs(s.Score/100-0.1555722182) > 1e-10 ||
		cmp.Diff([]int{4, 2, 1, 0}, s.Counts) != "" || cmp.Diff([]int{6, 5, 4, 3}, s.Totals) != "" {
		t.Errorf("test_offset: %v counts %v totals %v (%v), want 15.55722182, 4,2,1,0 of 6,5,4,3", s, s.Counts, s.Totals, err)
	}
	// test_raw_bleu.
	for _, c := range []struct {
		hyps []string
		refs [][]string
		want float64
	}{
		{[]string{"this is a test", "another test"}, [][]string{{"ref1", "ref2"}}, 0},
		{[]string{"this is a test"}, [][]string{{"this is a test"}}, 1},
		{[]string{"this is a fest"}, [][]string{{"this is a test"}}, 0.223606797749979},
	} {
		s, err := CorpusBLEU(c.hyps, c.refs, raw(0.01))
		if err != nil || math.Abs(s.Score/100-c.want) > 1e-8 {
			t.Errorf("test_raw_bleu %v: %v (%v), want %v", c.hyps, s.Score/100, err, c.want)
		}
	}
}

// TestCorpusBLEUPreprocessing: lowercasing, tokenizers and trailing white
// space, as sacreBLEU prepares a line.
func TestCorpusBLEUPreprocessing(t *testing.T) {
	// Case-sensitive by default: no token matches.
	if s := corpusOne(t, "The Cat Sat On The Mat", "the cat sat on the mat", BLEUOptions{}); s.Score != 0 {
		t.Errorf("mixed case: BLEU %v, want 0", s.Score)
	}
	s := corpusOne(t, "The Cat Sat On The Mat", "the cat sat on the mat", BLEUOptions{Lowercase: true})
	if !textClose(s.Score, 100) || s.Signature != "nrefs:1|case:lc|eff:no|tok:13a|smooth:exp" {
		t.Errorf("lowercased: %v, want 100", s)
	}
	// 13a splits the punctuation off, so the two lines agree token for
	// token; "none" sees the hypothesis as "Hello," and "world!", neither
	// of which is a reference token.
	s = corpusOne(t, "Hello, world!", "Hello , world !", BLEUOptions{Smooth: SmoothFloor})
	if s.Counts[0] != 4 || s.Totals[0] != 4 || s.Signature != "nrefs:1|case:mixed|eff:no|tok:13a|smooth:floor[0.10]" {
		t.Errorf("13a: %v counts %v/%v", s, s.Counts, s.Totals)
	}
	s = corpusOne(t, "Hello, world!", "Hello , world !", BLEUOptions{Tokenizer: "none", Smooth: SmoothAddK})
	if s.Counts[0] != 0 || s.Totals[0] != 2 || s.Signature != "nrefs:1|case:mixed|eff:no|tok:none|smooth:add-k[1.00]" {
		t.Errorf("none: %v counts %v/%v", s, s.Counts, s.Totals)
	}
	// Trailing white space is stripped before 13a, so a final "-\n" is
	// not a line break to join: "four-" stays a token.
	s = corpusOne(t, "one two three four-\n", "one two three four-", BLEUOptions{})
	if !textClose(s.Score, 100) || s.SysLen != 4 {
		t.Errorf("trailing newline: %v, want 100 over 4 tokens", s)
	}
}

func TestCorpusBLEUErrors(t *testing.T) {
	_, err := CorpusBLEU([]string{"a", "b", "c"}, [][]string{{"a", "b", "c"}, {"a", "b"}}, BLEUOptions{})
	textWantErr(t, "short stream", err, "CorpusBLEU", "stream 1", "2 lines", "3 hypotheses")
	_, err = CorpusBLEU([]string{"a"}, nil, BLEUOptions{})
	textWantErr(t, "no streams", err, "no reference streams")
	_, err = CorpusBLEU(nil, [][]string{{}}, BLEUOptions{})
	textWantErr(t, "no hypotheses", err, "no hypotheses")
	_, err = CorpusBLEU([]string{"a"}, [][]string{{"a"}}, BLEUOptions{Smooth: "add-one"})
	textWantErr(t, "bad smoothing", err, "CorpusBLEU", `"add-one"`)
	_, err = SentenceBLEU("a", nil, BLEUOptions{})
	textWantErr(t, "sentence without references", err, "SentenceBLEU", "no references")
}
