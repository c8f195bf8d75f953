package metrics

import (
	"fmt"
	"math"
	"strings"
)

// BLEU (Papineni et al. 2002) as sacreBLEU 2.x computes it by default
// (Post 2018, "A Call for Clarity in Reporting BLEU Scores"). This file
// holds the score formula: from clipped n-gram counts and lengths to a
// number from 0 to 100. bleu_corpus.go turns text into those counts and
// bleu_ngrams.go counts them.

// The smoothing methods of Chen and Cherry (2014), under sacreBLEU's names.
const (
	// SmoothExp halves the stand-in precision of each successive order
	// that has no match: the k-th such order gets 1/(2^k · total). It is
	// the NIST mteval-v13a method and sacreBLEU's default (Chen and
	// Cherry's method 3).
	SmoothExp = "exp"
	// SmoothFloor gives an order with no match the precision ε/total
	// (method 1; ε = BLEUOptions.SmoothValue, default 0.1).
	SmoothFloor = "floor"
	// SmoothAddK adds k to the matches and to the total of every order
	// from 2 up (method 2; k = BLEUOptions.SmoothValue, default 1).
	SmoothAddK = "add-k"
	// SmoothNone leaves zero precisions zero, so BLEU is zero as soon as
	// one order has no match.
	SmoothNone = "none"
)

// BLEUMaxOrder is the largest n-gram order BLEU counts by default.
const BLEUMaxOrder = 4

// BLEUOptions selects a BLEU convention. The zero value is sacreBLEU's
// default for corpus BLEU (the same as DefaultBLEUOptions): 13a
// tokenization, case-sensitive, n-grams up to 4, exp smoothing, no
// effective order.
type BLEUOptions struct {
	// Smooth is SmoothExp (also when empty), SmoothFloor, SmoothAddK or
	// SmoothNone.
	Smooth string
	// SmoothValue is floor's ε or add-k's k; 0 selects sacreBLEU's default
	// (0.1 and 1). sacreBLEU would also accept a literal 0, which makes
	// floor the same as none; here that is written Smooth: SmoothNone.
	SmoothValue float64
	// MaxOrder is the largest n-gram order; 0 means BLEUMaxOrder.
	MaxOrder int
	// Tokenizer is "13a" (Tokenize13a; also when empty) or "none" (split
	// at white space only, for text that is already tokenized).
	Tokenizer string
	// Lowercase lowercases hypotheses and references first (sacreBLEU's
	// -lc), by Python's rules (a word-final Σ becomes ς).
	Lowercase bool
	// EffectiveOrder averages only the orders up to the highest one the
	// hypotheses have any n-grams of, so that a 3-word sentence is not
	// zero for lack of 4-grams. SentenceBLEU always sets it, as
	// sacreBLEU's sentence_bleu does; corpus BLEU leaves it off.
	EffectiveOrder bool
}

// DefaultBLEUOptions returns sacreBLEU's defaults for corpus BLEU, spelled
// out: exp smoothing, n-grams up to 4, 13a tokenization, mixed case.
func DefaultBLEUOptions() BLEUOptions {
	return BLEUOptions{Smooth: SmoothExp, MaxOrder: BLEUMaxOrder, Tokenizer: "13a"}
}

// BLEUScore is a BLEU score with the statistics it was computed from,
// named as sacreBLEU names them.
type BLEUScore struct {
	// Score is BLEU on sacreBLEU's scale, from 0 to 100.
	Score float64 `json:"score"`
	// Precisions are the (smoothed) modified n-gram precisions, in
	// percent, for n = 1 … MaxOrder.
	Precisions []float64 `json:"precisions"`
	// BP is the brevity penalty.
	BP float64 `json:"bp"`
	// SysLen is the total length of the hypotheses, in tokens (c).
	SysLen int `json:"sys_len"`
	// RefLen is the total effective reference length (r): for each
	// segment, the reference length closest to the hypothesis'.
	RefLen int `json:"ref_len"`
	// Counts[n-1] is the number of clipped n-gram matches, summed over
	// the corpus. These are the raw counts: unlike sacreBLEU's, they do
	// not include add-k's k.
	Counts []int `json:"counts"`
	// Totals[n-1] is the number of hypothesis n-grams, summed over the
	// corpus (raw too).
	Totals []int `json:"totals"`
	// Signature records the convention like sacreBLEU's signature, e.g.
	// "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp". sacreBLEU ends it
	// with its own version number; as this is not sacreBLEU, that field
	// is left out. BLEUFromCounts, which sees no text, leaves it empty.
	// WithSignature prints it with the score.
	Signature string `json:"signature,omitempty"`
}

// Ratio is SysLen/RefLen, the hypothesis-to-reference length ratio
// (0 when RefLen is 0, as in sacreBLEU).
func (s BLEUScore) Ratio() float64 {
	if s.RefLen == 0 {
		return 0
	}
	return float64(s.SysLen) / float64(s.RefLen)
}

// String formats the score as sacreBLEU's str(score) does, e.g.
//
//	BLEU = 27.30 60.0/33.3/20.0/12.5 (BP = 1.000 ratio = 1.000 hyp_len = 10 ref_len = 10)
//
// The signature is not part of it; WithSignature adds it.
func (s BLEUScore) String() string {
	prec := make([]string, len(s.Precisions))
	for i, p := range s.Precisions {
		prec[i] = fmt.Sprintf("%.1f", p)
	}
	return fmt.Sprintf("BLEU = %.2f %s (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)",
		s.Score, strings.Join(prec, "/"), s.BP, s.Ratio(), s.SysLen, s.RefLen)
}

// WithSignature formats the score as sacreBLEU's command line prints it,
// with the signature after "BLEU|", e.g.
//
//	BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp = 27.30 60.0/33.3/20.0/12.5 (BP = …)
//
// It is String when there is no signature.
func (s BLEUScore) WithSignature() string {
	line := s.String()
	if s.Signature == "" {
		return line
	}
	return "BLEU|" + s.Signature + strings.TrimPrefix(line, "BLEU")
}

// BrevityPenalty is BLEU's penalty for hypotheses shorter than their
// references, from the total hypothesis length c and the total effective
// reference length r: 1 when c ≥ r, exp(1 − r/c) when 0 < c < r, and 0
// when c = 0 < r (the limit, and sacreBLEU's value). Precision alone
// would reward saying little; the penalty is computed once for the corpus,
// so one short sentence is not punished on its own.
func BrevityPenalty(c, r int) float64 {
	switch {
	case c >= r:
		return 1
	case c == 0:
		return 0
	}
	return math.Exp(1 - float64(r)/float64(c))
}

// BLEUFromCounts computes BLEU from its sufficient statistics, as
// sacreBLEU's compute_bleu does: counts[n-1] clipped n-gram matches out of
// totals[n-1] hypothesis n-grams (one entry per order up to MaxOrder),
// the hypotheses' total length and the total effective reference length.
// Only opt's smoothing, MaxOrder and EffectiveOrder matter here.
//
//	BLEU = BP · exp( (1/N) Σ_{n=1..N} ln p_n ),  p_n = 100 · counts[n-1] / totals[n-1]
//
// When nothing at all matches the score is 0, whatever the smoothing
// (sacreBLEU issue #141). Otherwise an order with no match gets the
// smoothed precision; an order with no n-grams at all (a corpus shorter
// than n words) ends the loop, and its precision stays 0 (so BLEU is 0)
// unless EffectiveOrder stops the mean N at the order before.
func BLEUFromCounts(counts, totals []int, sysLen, refLen int, opt BLEUOptions) (BLEUScore, error) {
	opt, err := opt.resolve("BLEUFromCounts")
	if err != nil {
		return BLEUScore{}, err
	}
	if err := checkBLEUCounts(counts, totals, sysLen, refLen, opt.MaxOrder); err != nil {
		return BLEUScore{}, err
	}
	s := BLEUScore{
		Precisions: make([]float64, opt.MaxOrder),
		BP:         BrevityPenalty(sysLen, refLen),
		SysLen:     sysLen,
		RefLen:     refLen,
		Counts:     append([]int(nil), counts...),
		Totals:     append([]int(nil), totals...),
	}
	matched := false
	for _, c := range counts {
		matched = matched || c > 0
	}
	if !matched {
		return s, nil
	}
	// ANCHOR: bleu
	order := opt.MaxOrder // how many precisions the geometric mean takes
	halvings := 1.0       // exp smoothing: 2^(orders with no match so far)
	for n := 1; n <= opt.MaxOrder; n++ {
		correct, total := float64(counts[n-1]), float64(totals[n-1])
		if opt.Smooth == SmoothAddK && n > 1 {
			correct += opt.SmoothValue
			total += opt.SmoothValue
		}
		if total == 0 {
			break
		}
		if opt.EffectiveOrder {
			order = n
		}
		switch {
		case correct > 0:
			s.Precisions[n-1] = 100 * correct / total
		case opt.Smooth == SmoothExp:
			halvings *= 2
			s.Precisions[n-1] = 100 / (halvings * total)
		case opt.Smooth == SmoothFloor:
			s.Precisions[n-1] = 100 * opt.SmoothValue / total
		}
	}
	// The geometric mean, in logs. A zero precision makes BLEU exactly 0:
	// sacreBLEU floors ln 0 at -9999999999, whose exponential is 0.
	var logSum float64
	for _, p := range s.Precisions[:order] {
		if p == 0 {
			return s, nil
		}
		logSum += math.Log(p)
	}
	s.Score = s.BP * math.Exp(logSum/float64(order))
	return s, nil
	// ANCHOR_END: bleu
}

// checkBLEUCounts reports statistics that no corpus could produce.
func checkBLEUCounts(counts, totals []int, sysLen, refLen, order int) error {
	if len(counts) != order || len(totals) != order {
		return fmt.Errorf("metrics: BLEUFromCounts: %d counts and %d totals for max order %d; want one of each per order",
			len(counts), len(totals), order)
	}
	if sysLen < 0 || refLen < 0 {
		return fmt.Errorf("metrics: BLEUFromCounts: negative length (sys %d, ref %d)", sysLen, refLen)
	}
	for i := range counts {
		if counts[i] < 0 || counts[i] > totals[i] {
			return fmt.Errorf("metrics: BLEUFromCounts: %d-gram matches %d out of %d n-grams", i+1, counts[i], totals[i])
		}
	}
	return nil
}

// resolve fills in defaults and rejects options sacreBLEU would reject;
// fn names the caller in errors.
func (o BLEUOptions) resolve(fn string) (BLEUOptions, error) {
	if o.Smooth == "" {
		o.Smooth = SmoothExp
	}
	if o.SmoothValue < 0 || math.IsNaN(o.SmoothValue) || math.IsInf(o.SmoothValue, 0) {
		return o, fmt.Errorf("metrics: %s: smoothing value %v must be a positive number (or 0 for the default)", fn, o.SmoothValue)
	}
	switch o.Smooth {
	case SmoothExp, SmoothNone:
		o.SmoothValue = 0
	case SmoothFloor:
		if o.SmoothValue == 0 {
			o.SmoothValue = 0.1
		}
	case SmoothAddK:
		if o.SmoothValue == 0 {
			o.SmoothValue = 1
		}
	default:
		return o, fmt.Errorf("metrics: %s: unknown smoothing %q (want exp, floor, add-k or none)", fn, o.Smooth)
	}
	if o.MaxOrder == 0 {
		o.MaxOrder = BLEUMaxOrder
	}
	if o.MaxOrder < 0 {
		return o, fmt.Errorf("metrics: %s: max order %d must be positive", fn, o.MaxOrder)
	}
	if o.Tokenizer == "" {
		o.Tokenizer = "13a"
	}
	if o.Tokenizer != "13a" && o.Tokenizer != "none" {
		return o, fmt.Errorf("metrics: %s: unknown tokenizer %q (want 13a or none)", fn, o.Tokenizer)
	}
	return o, nil
}
