package transformer

import (
	"slices"
	"strings"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/nn"
)

// Seq2SeqScores is how well a model's decoded outputs match the test
// targets.
type Seq2SeqScores struct {
	Examples int     // how many test examples were decoded
	Beam     int     // the beam width; 1 is greedy decoding
	Alpha    float64 // the beam's length normalisation α (unused by greedy decoding)
	Exact    float64 // the fraction of outputs equal to their target, end token included
	// TokenAcc is the fraction of target tokens matched by the output's
	// token at the same position (a missing token is a miss).
	TokenAcc float64
	// Hyps are the decoded outputs, as Decode returns them.
	Hyps [][]int
}

// BeamAlpha is the length normalisation beam search ranks by unless told
// otherwise: GNMT's α = 0.6 (Wu et al. 2016).
const BeamAlpha = 0.6

// Decode translates one source sentence src: greedy decoding for beam ≤ 1,
// and otherwise the best hypothesis of a beam search of that width with
// length normalisation alpha, through an EncoderDecoderState from
// task.Start. The model should be in
// evaluation mode (EvaluateSeq2Seq sees to that).
func Decode(m *EncoderDecoder, task *Seq2SeqTask, src []int, beam int, alpha float64) []int {
	s := NewEncoderDecoderState(m, src)
	if beam <= 1 {
		return Greedy(s, []int{task.Start}, task.MaxLen, task.End)
	}
	hyps := BeamSearch(s, []int{task.Start}, BeamConfig{Width: beam, MaxLen: task.MaxLen, End: task.End, Alpha: alpha})
	return hyps[0].Tokens
}

// EvaluateSeq2Seq decodes the first n test examples of task (all of them
// when n is 0 or more than there are) with Decode (beam and alpha as
// there), dropout off, and
// scores the outputs against the targets. Dropout is switched back on
// after, if it was on.
func EvaluateSeq2Seq(m *EncoderDecoder, task *Seq2SeqTask, n, beam int, alpha float64) Seq2SeqScores {
	test := task.Test
	if n <= 0 || n > test.Len() {
		n = test.Len()
	}
	training := m.Drop.Training()
	nn.SetTraining(m, false)
	defer nn.SetTraining(m, training)
	sc := Seq2SeqScores{Examples: n, Beam: max(beam, 1), Alpha: alpha, Hyps: make([][]int, n)}
	exact, hit, tokens := 0, 0, 0
	for i := range n {
		hyp, ref := Decode(m, task, test.Src[i], beam, alpha), test.TgtOut[i]
		sc.Hyps[i] = hyp
		if slices.Equal(hyp, ref) {
			exact++
		}
		for j, t := range ref {
			if j < len(hyp) && hyp[j] == t {
				hit++
			}
		}
		tokens += len(ref)
	}
	sc.Exact, sc.TokenAcc = float64(exact)/float64(n), float64(hit)/float64(tokens)
	return sc
}

// Spell writes a decoded output or a target as text: its tokens up to the
// end token (which is left out) spelled by spell and joined by sep.
func Spell(ids []int, end int, spell func(int) string, sep string) string {
	var words []string
	for _, id := range ids {
		if id == end {
			break
		}
		words = append(words, spell(id))
	}
	return strings.Join(words, sep)
}

// Seq2SeqBLEU returns the corpus BLEU of the outputs hyps against the
// targets of the first len(hyps) test examples, with the target tokens
// themselves as BLEU's words: each line is the tokens spelled by
// task.TgtToken and joined by spaces, and sacreBLEU's options are its
// defaults but for the tokenizer "none" (split at the spaces only). For
// the Chinese numerals every character is a word, so the 4-grams are
// runs of four characters.
//
// When the task has Refs, the references are those words instead of the
// targets' tokens, so that a word the vocabulary lacks counts as a miss
// whatever the model writes.
func Seq2SeqBLEU(task *Seq2SeqTask, hyps [][]int) (metrics.BLEUScore, error) {
	sys, ref := make([]string, len(hyps)), make([]string, len(hyps))
	for i, h := range hyps {
		sys[i] = Spell(h, task.End, task.TgtToken, " ")
		ref[i] = strings.Join(testRef(task, i), " ")
	}
	opt := metrics.DefaultBLEUOptions()
	opt.Tokenizer = "none"
	return metrics.CorpusBLEU(sys, [][]string{ref}, opt)
}

// testRef returns the i-th test target as words: task.Refs[i], or the
// target's tokens up to the end token spelled by task.TgtToken.
func testRef(task *Seq2SeqTask, i int) []string {
	if task.Refs != nil {
		return task.Refs[i]
	}
	return strings.Fields(Spell(task.Test.TgtOut[i], task.End, task.TgtToken, " "))
}

// Seq2SeqRougeL returns the mean over the outputs hyps of their ROUGE-L
// F-measure against the first len(hyps) test targets (Lin 2004; the
// per-sentence mean, as rouge-score reports it), with the words BLEU
// counts (Seq2SeqBLEU) as ROUGE's tokens: with LCS the longest common
// subsequence of the two word lists, P = LCS/|hyp|, R = LCS/|ref| and
// F = 2PR/(P+R). rouge-score's own tokenizer keeps only a-z and 0-9, which
// would cut Spanish words at their accents; these words are the target
// vocabulary's own, case kept.
func Seq2SeqRougeL(task *Seq2SeqTask, hyps [][]int) float64 {
	if len(hyps) == 0 {
		return 0
	}
	sum := 0.0
	for i, h := range hyps {
		hyp, ref := strings.Fields(Spell(h, task.End, task.TgtToken, " ")), testRef(task, i)
		if len(hyp) == 0 || len(ref) == 0 {
			continue
		}
		lcs := float64(metrics.LCSLength(hyp, ref))
		p, r := lcs/float64(len(hyp)), lcs/float64(len(ref))
		if p+r > 0 {
			// F = 2PR/(P+R)
			sum += 2 * p * r / (p + r)
		}
	}
	return sum / float64(len(hyps))
}
