// Package modprec is an exercise: BLEU's clipped ("modified") n-gram
// precision (Papineni et al. 2002, section 2.1).
//
// Plain precision counts how many of the hypothesis' n-grams occur in a
// reference, and so rewards repetition: "the the the the the the the"
// against "the cat is on the mat" would score 7/7. BLEU clips each n-gram's
// count by the most times it occurs in any single reference:
//
//	numerator   = Σ over distinct n-grams g of the hypothesis of
//	              min(count of g in the hypothesis, max over references of count of g)
//	denominator = the number of n-grams in the hypothesis, max(len - n + 1, 0)
//
// For the sentence above against "the cat is on the mat" and "there is a
// cat on the mat", "the" is clipped to 2 (the first reference has it
// twice): the unigram precision is 2/7.
//
// BLEU adds numerators and denominators over a corpus before dividing,
// which is why the function returns both rather than their ratio (and why
// 0/0 for a hypothesis shorter than n is no problem). The conventions
// follow sacreBLEU: the maximum is taken over the references one at a
// time, never their sum.
package modprec

import "strings"

// ModifiedPrecision returns the clipped count of the hypothesis' n-grams
// (numerator) and their number (denominator), for n ≥ 1, against the
// references. Tokens compare exactly (case and punctuation are the
// tokenizer's business).
func ModifiedPrecision(hypothesis []string, references [][]string, n int) (numerator, denominator int) {
	hyp := ngrams(hypothesis, n)
	// For each n-gram, the most times it occurs in any one reference.
	maxRef := map[string]int{}
	for _, ref := range references {
		for g, c := range ngrams(ref, n) {
			if c > maxRef[g] {
				maxRef[g] = c
			}
		}
	}
	for g, c := range hyp {
		if m := maxRef[g]; m < c {
			numerator += m
		} else {
			numerator += c
		}
	}
	if len(hypothesis) >= n {
		denominator = len(hypothesis) - n + 1
	}
	return numerator, denominator
}

// ngrams counts the n-grams of tokens, each keyed by its tokens joined with
// a NUL byte (a space would confuse "a b"+"c" with "a"+"b c" if a token
// held a space).
func ngrams(tokens []string, n int) map[string]int {
	counts := map[string]int{}
	for i := 0; i+n <= len(tokens); i++ {
		counts[strings.Join(tokens[i:i+n], "\x00")]++
	}
	return counts
}
