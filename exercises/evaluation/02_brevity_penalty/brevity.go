// Package brevity is an exercise: BLEU's brevity penalty.
//
// BLEU (Papineni et al. 2002) multiplies the geometric mean of n-gram
// precisions by a brevity penalty, because precision alone rewards a
// hypothesis that says little: "the" against any English reference has
// unigram precision 1. With c the hypothesis length and r the reference
// length, both in tokens:
//
//	BP = 1             if c ≥ r
//	BP = e^{1 - r/c}   if 0 < c < r
//	BP = 0             if c = 0 < r
//
// The conventions follow sacreBLEU (Post 2018), the tool BLEU scores are
// reported with: with several references, r is the reference length
// closest to c, the shorter one on a tie; and for a corpus, c and r are
// the sums over its sentences, so the penalty is computed once for the
// whole corpus, never averaged over sentences.
//
// See the chapter section "Text: BLEU and ROUGE" in
// chapters/evaluation/README.md.
package brevity

// BrevityPenalty returns BP for a hypothesis of c tokens and a reference
// length of r tokens (1 when c ≥ r, including c = r = 0, as sacreBLEU).
func BrevityPenalty(c, r int) float64 {
	// TODO: mind the integer division in r/c, and c = 0.
	return 0
}

// ClosestRefLength returns the reference length closest to the hypothesis
// length c, the shorter one when two are equally close (so that the order
// of the references does not matter). With no references it returns 0.
func ClosestRefLength(c int, refLens []int) int {
	// TODO
	return 0
}

// CorpusBrevityPenalty returns the brevity penalty of a corpus:
// hypLens[i] is the length of sentence i's hypothesis and refLens[i] the
// lengths of its references. c is the sum of the hypothesis lengths, r the
// sum of each sentence's closest reference length.
func CorpusBrevityPenalty(hypLens []int, refLens [][]int) float64 {
	// TODO
	return 0
}
