package metrics

import (
	"fmt"
	"strings"
)

// CorpusBLEU scores hypotheses against references as sacreBLEU's
// corpus_bleu does. refs holds reference streams in sacreBLEU's layout:
// refs[j][i] is the j-th reference for segment i, so every stream must
// have one line per hypothesis (an error names the counts otherwise).
//
// Each line is lowercased if asked, stripped of trailing white space and
// tokenized (13a unless opt says "none"). For every segment the clipped
// n-gram matches (ModifiedPrecision) and hypothesis n-grams are counted,
// its length added to c and the closest reference length
// (ClosestRefLength) to r; the sums go to BLEUFromCounts. Summing before
// dividing is what makes BLEU a corpus metric: the mean of sentence BLEUs
// is a different number.
func CorpusBLEU(hyps []string, refs [][]string, opt BLEUOptions) (BLEUScore, error) {
	return corpusBLEU("CorpusBLEU", hyps, refs, opt)
}

// SentenceBLEU scores one hypothesis against its references as
// sacreBLEU's sentence_bleu does: like CorpusBLEU on a one-segment corpus,
// but with EffectiveOrder set (whatever opt says), so a sentence shorter
// than MaxOrder words is averaged over the orders it has. The default
// smoothing is still exp. BLEU was designed for corpora; sentence scores
// are noisy and mostly zero without smoothing.
func SentenceBLEU(hyp string, refs []string, opt BLEUOptions) (BLEUScore, error) {
	if len(refs) == 0 {
		return BLEUScore{}, fmt.Errorf("metrics: SentenceBLEU: no references")
	}
	streams := make([][]string, len(refs))
	for j, r := range refs {
		streams[j] = []string{r}
	}
	opt.EffectiveOrder = true
	return corpusBLEU("SentenceBLEU", []string{hyp}, streams, opt)
}

// corpusBLEU is CorpusBLEU, with fn naming the caller in errors.
func corpusBLEU(fn string, hyps []string, refs [][]string, opt BLEUOptions) (BLEUScore, error) {
	opt, err := opt.resolve(fn)
	if err != nil {
		return BLEUScore{}, err
	}
	if len(hyps) == 0 {
		return BLEUScore{}, fmt.Errorf("metrics: %s: no hypotheses", fn)
	}
	if len(refs) == 0 {
		return BLEUScore{}, fmt.Errorf("metrics: %s: no reference streams", fn)
	}
	for j, stream := range refs {
		if len(stream) != len(hyps) {
			return BLEUScore{}, fmt.Errorf("metrics: %s: reference stream %d has %d lines but there are %d hypotheses",
				fn, j, len(stream), len(hyps))
		}
	}
	counts := make([]int, opt.MaxOrder)
	totals := make([]int, opt.MaxOrder)
	var sysLen, refLen int
	refToks := make([][]string, len(refs))
	refLens := make([]int, len(refs))
	for i, hyp := range hyps {
		h := opt.tokens(hyp)
		for j := range refs {
			refToks[j] = opt.tokens(refs[j][i])
			refLens[j] = len(refToks[j])
		}
		sysLen += len(h)
		refLen += ClosestRefLength(len(h), refLens)
		for n := 1; n <= opt.MaxOrder; n++ {
			m, t := ModifiedPrecision(h, refToks, n)
			counts[n-1] += m
			totals[n-1] += t
		}
	}
	s, err := BLEUFromCounts(counts, totals, sysLen, refLen, opt)
	if err != nil {
		return BLEUScore{}, err
	}
	s.Signature = opt.signature(len(refs))
	return s, nil
}

// tokens prepares one line as sacreBLEU does before counting: lowercase
// (if asked), strip trailing white space (so a final "-\n" is not taken
// for a hyphenated line break), tokenize.
func (o BLEUOptions) tokens(line string) []string {
	if o.Lowercase {
		line = pyLower(line)
	}
	line = strings.TrimRightFunc(line, isPySpace)
	if o.Tokenizer == "none" {
		return splitPySpace(line)
	}
	return Tokenize13a(line)
}

// signature spells resolved options the way sacreBLEU's BLEU signature
// does, without the version field.
func (o BLEUOptions) signature(nrefs int) string {
	caseName, eff := "mixed", "no"
	if o.Lowercase {
		caseName = "lc"
	}
	if o.EffectiveOrder {
		eff = "yes"
	}
	smooth := o.Smooth
	if o.Smooth == SmoothFloor || o.Smooth == SmoothAddK {
		smooth += fmt.Sprintf("[%.2f]", o.SmoothValue)
	}
	return fmt.Sprintf("nrefs:%d|case:%s|eff:%s|tok:%s|smooth:%s", nrefs, caseName, eff, o.Tokenizer, smooth)
}
