package metrics

import "strings"

// Counting n-grams for BLEU (and ROUGE-N): the clipped matches of one
// segment and the reference length its brevity is judged against.

// ngramCounts counts the n-grams of tokens (n ≥ 1), each keyed by its
// tokens joined with single spaces. Tokens never contain white space, so
// the key is unambiguous.
func ngramCounts(tokens []string, n int) map[string]int {
	counts := make(map[string]int)
	for i := 0; i+n <= len(tokens); i++ {
		counts[strings.Join(tokens[i:i+n], " ")]++
	}
	return counts
}

// ModifiedPrecision returns BLEU's clipped n-gram matches of one tokenized
// hypothesis against its tokenized references, and the number of
// hypothesis n-grams (Papineni et al. 2002, §2.1). Each distinct n-gram of
// the hypothesis is credited at most as many times as it occurs in the
// one reference where it occurs most (the maximum is over references, not
// their sum):
//
//	matched = Σ_g min(count_hyp(g), max_j count_ref_j(g)),   total = Σ_g count_hyp(g)
//
// so "the the the the the the the" against "the cat is on the mat" has 2
// unigram matches out of 7. BLEU adds matched and total over the corpus
// before dividing. With no references nothing matches.
func ModifiedPrecision(hyp []string, refs [][]string, n int) (matched, total int) {
	if n < 1 {
		return 0, 0
	}
	maxRef := make(map[string]int)
	for _, ref := range refs {
		for g, c := range ngramCounts(ref, n) {
			maxRef[g] = max(maxRef[g], c)
		}
	}
	for g, c := range ngramCounts(hyp, n) {
		total += c
		matched += min(c, maxRef[g])
	}
	return matched, total
}

// ClosestRefLength is the effective reference length of one segment for
// BLEU's brevity penalty: among refLens, the one closest to hypLen, the
// shorter of two equally close (sacreBLEU's rule; Papineni et al. call it
// the "best match length"). It is 0 when there are no references.
func ClosestRefLength(hypLen int, refLens []int) int {
	best, bestDiff := 0, -1
	for _, r := range refLens {
		d := hypLen - r
		if d < 0 {
			d = -d
		}
		if bestDiff < 0 || d < bestDiff || (d == bestDiff && r < best) {
			best, bestDiff = r, d
		}
	}
	return best
}
