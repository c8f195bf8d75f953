// Package rougel is an exercise: ROUGE-L, the longest-common-subsequence
// measure of summaries (Lin 2004).
//
// A common subsequence of two token sequences keeps their order but may
// skip tokens: "police the gunman" is one of "police killed the gunman"
// and "police kill the gunman". Its length LCS rewards in-order overlap
// without asking the matches to be contiguous. With the hypothesis
// (candidate) of length m and the reference of length n:
//
//	P = LCS/m,   R = LCS/n,   F1 = 2PR/(P + R)
//
// The conventions follow Google's rouge-score package (the F-measure is
// the harmonic mean, β = 1), including its edge case: when either side is
// empty, or the LCS is 0, all three are 0, never NaN (chapter section
// "Text: BLEU and ROUGE", chapters/evaluation/README.md). The functions take
// tokens; rouge-score would first lowercase the text and split it on
// anything that is not a letter or a digit.
package rougel

// LCS returns the length of the longest common subsequence of a and b, in
// O(len(a)·len(b)) time: trying every subsequence would take exponential
// time, so build the answer for longer prefixes of a and b from the
// answers for shorter ones (dynamic programming).
func LCS(a, b []string) int {
	// TODO: the LCS of each pair of prefixes, from shorter ones.
	return 0
}

// RougeL returns ROUGE-L's precision (over the hypothesis' length),
// recall (over the reference's length) and F1 for a hypothesis against
// one reference.
func RougeL(hypothesis, reference []string) (precision, recall, f1 float64) {
	// TODO
	return 0, 0, 0
}
