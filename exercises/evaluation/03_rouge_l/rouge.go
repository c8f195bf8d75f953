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
// empty, or the LCS is 0, all three are 0, never NaN. The functions take
// tokens; rouge-score would first lowercase the text and split it on
// anything that is not a letter or a digit.
package rougel

// LCS returns the length of the longest common subsequence of a and b.
// Use dynamic programming: with L[i][j] the LCS of a[:i] and b[:j],
//
//	L[i][j] = L[i-1][j-1] + 1                  if a[i-1] = b[j-1]
//	L[i][j] = max(L[i-1][j], L[i][j-1])        otherwise
//
// and L[i][0] = L[0][j] = 0; the answer is L[len(a)][len(b)], in
// O(len(a)·len(b)) time.
func LCS(a, b []string) int {
	// TODO: fill the table (two rows are enough).
	return 0
}

// RougeL returns ROUGE-L's precision (over the hypothesis' length),
// recall (over the reference's length) and F1 for a hypothesis against
// one reference.
func RougeL(hypothesis, reference []string) (precision, recall, f1 float64) {
	// TODO
	return 0, 0, 0
}
