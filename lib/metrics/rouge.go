package metrics

import (
	"fmt"
	"strconv"
	"strings"
)

// ROUGE (Lin 2004) as Google's rouge-score package (rouge_scorer) computes
// it with its default tokenizer. That package replicates the original
// ROUGE-1.5.5 Perl script run with "-e data -n 2": no stemming, no stopword
// removal. Its optional Porter stemmer (use_stemmer=True) and the
// summary-level "rougeLsum" are not implemented here.

// RougeScore is one ROUGE measurement: Precision is the overlap over the
// hypothesis' units (n-grams, or tokens for ROUGE-L), Recall over the
// reference's, and F their harmonic mean 2PR/(P+R), 0 when both are 0.
// All three lie in [0, 1].
type RougeScore struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F         float64 `json:"f"`
}

// newRougeScore builds a score from the overlap and the two counts. A
// count of 0 divides as 1 (the score is then 0), as rouge-score does.
func newRougeScore(overlap, hypCount, refCount int) RougeScore {
	p := float64(overlap) / float64(max(hypCount, 1))
	r := float64(overlap) / float64(max(refCount, 1))
	s := RougeScore{Precision: p, Recall: r}
	if p+r > 0 {
		s.F = 2 * p * r / (p + r)
	}
	return s
}

// RougeTokenize splits text as rouge-score's default tokenizer does:
// lowercase (by Python's rules), treat every character other than a–z and
// 0–9 as a space, split. "Don't stop!" gives don, t, stop. Letters outside
// ASCII are separators too, so "café" gives caf: the package was written
// for English.
func RougeTokenize(s string) []string {
	return strings.FieldsFunc(pyLower(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
}

// RougeN is ROUGE-N of a hypothesis against one reference (note the
// order: rouge-score's score(target, prediction) takes the reference
// first). Both are tokenized with RougeTokenize; the overlap is
// Σ_g min(count_hyp(g), count_ref(g)) over n-grams g, precision divides it
// by the hypothesis' n-grams and recall by the reference's. RougeN
// panics if n < 1, as rouge-score rejects "rouge0".
func RougeN(hyp, ref string, n int) RougeScore {
	if n < 1 {
		panic(fmt.Sprintf("metrics: RougeN: n = %d, must be at least 1", n))
	}
	h := ngramCounts(RougeTokenize(hyp), n)
	r := ngramCounts(RougeTokenize(ref), n)
	var overlap, hypCount, refCount int
	for g, c := range h {
		hypCount += c
		overlap += min(c, r[g])
	}
	for _, c := range r {
		refCount += c
	}
	return newRougeScore(overlap, hypCount, refCount)
}

// ANCHOR: rouge_l

// LCSTable fills the dynamic-programming table of the longest common
// subsequence of a and b: L[i][j] is the LCS length of a[:i] and b[:j],
//
//	L[i][j] = L[i-1][j-1] + 1             if a[i-1] = b[j-1]
//	L[i][j] = max(L[i-1][j], L[i][j-1])   otherwise,
//
// with a row and a column of zeros for the empty prefixes. It takes
// O(len(a)·len(b)) time and space.
func LCSTable(a, b []string) [][]int {
	L := make([][]int, len(a)+1)
	for i := range L {
		L[i] = make([]int, len(b)+1)
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				L[i][j] = L[i-1][j-1] + 1
			} else {
				L[i][j] = max(L[i-1][j], L[i][j-1])
			}
		}
	}
	return L
}

// ANCHOR_END: rouge_l

// ANCHOR: lcs_two_rows

// LCSLength is the length of the longest common subsequence of a and b:
// the most tokens both contain in the same order, not necessarily
// adjacent ("a b c d" and "a c d b" share "a c d", length 3). It fills
// LCSTable's rows in the same order, but each row needs only the one
// before it, so it keeps two rows as long as the shorter sequence: the
// same answer in O(min(len(a), len(b))) memory.
func LCSLength(a, b []string) int {
	if len(b) > len(a) {
		a, b = b, a // the LCS is symmetric; rows run along the shorter
	}
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// ANCHOR_END: lcs_two_rows

// MaxLCSCells bounds the table MeanRouge lets ROUGE-L fill for one pair
// of lines: len(hyp)·len(ref) tokens, 2³² (two lines of 65,536 tokens).
// Each cell is a comparison, so that is seconds of work; a pair beyond it
// is refused with an error naming the line rather than left to run for
// hours.
const MaxLCSCells = 1 << 32

// RougeL is sentence-level ROUGE-L (rouge-score's "rougeL"): with LCS the
// longest common subsequence of the tokenized hypothesis and reference,
// P = LCS/len(hyp), R = LCS/len(ref) and F their harmonic mean (Lin's
// F-measure with β = 1). Newlines are ordinary white space. An empty side
// gives all zeros.
func RougeL(hyp, ref string) RougeScore {
	h, r := RougeTokenize(hyp), RougeTokenize(ref)
	if len(h) == 0 || len(r) == 0 {
		return RougeScore{}
	}
	return newRougeScore(LCSLength(h, r), len(h), len(r))
}

// MeanRouge averages one kind of ROUGE over lines: hyps[i] is scored
// against refs[i], and Precision, Recall and F are each the plain mean of
// the per-line values (F is not recomputed from the mean P and R). kind is
// rouge-score's name: "rouge1" … "rouge9" for ROUGE-N, "rougeL" for
// ROUGE-L. rouge-score's BootstrapAggregator reports as "mid" the median
// of bootstrap resamples of this mean, which is close to it but random.
// The line counts must agree and not be zero.
func MeanRouge(hyps, refs []string, kind string) (RougeScore, error) {
	score, err := rougeKind(kind)
	if err != nil {
		return RougeScore{}, err
	}
	if len(hyps) != len(refs) {
		return RougeScore{}, fmt.Errorf("metrics: MeanRouge: %d hypotheses but %d references", len(hyps), len(refs))
	}
	if len(hyps) == 0 {
		return RougeScore{}, fmt.Errorf("metrics: MeanRouge: no lines to score")
	}
	if kind == "rougeL" {
		for i := range hyps {
			h, r := len(RougeTokenize(hyps[i])), len(RougeTokenize(refs[i]))
			if cells := int64(h) * int64(r); cells > MaxLCSCells {
				return RougeScore{}, fmt.Errorf("metrics: MeanRouge: line %d: ROUGE-L of %d by %d tokens would fill %d table cells, more than MaxLCSCells (%d); split the line", i+1, h, r, cells, int64(MaxLCSCells))
			}
		}
	}
	var mean RougeScore
	for i := range hyps {
		s := score(hyps[i], refs[i])
		mean.Precision += s.Precision
		mean.Recall += s.Recall
		mean.F += s.F
	}
	n := float64(len(hyps))
	mean.Precision /= n
	mean.Recall /= n
	mean.F /= n
	return mean, nil
}

// rougeKind returns the scorer that rouge-score's type name selects.
func rougeKind(kind string) (func(hyp, ref string) RougeScore, error) {
	if kind == "rougeL" {
		return RougeL, nil
	}
	if digits, ok := strings.CutPrefix(kind, "rouge"); ok && len(digits) == 1 {
		if n, err := strconv.Atoi(digits); err == nil && n >= 1 {
			return func(hyp, ref string) RougeScore { return RougeN(hyp, ref, n) }, nil
		}
	}
	return nil, fmt.Errorf("metrics: MeanRouge: unknown ROUGE kind %q (want rouge1 … rouge9 or rougeL)", kind)
}
