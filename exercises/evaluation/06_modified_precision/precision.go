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
//
// See the chapter section "Text: BLEU and ROUGE" in
// chapters/evaluation/README.md.
package modprec

// ModifiedPrecision returns the clipped count of the hypothesis' n-grams
// (numerator) and their number (denominator), for n ≥ 1, against the
// references. Tokens compare exactly (case and punctuation are the
// tokenizer's business).
func ModifiedPrecision(hypothesis []string, references [][]string, n int) (numerator, denominator int) {
	// TODO: count the n-grams of each sequence in a map keyed by the n-gram.
	return 0, 0
}
