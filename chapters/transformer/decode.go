package transformer

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// An autoregressive model factors the probability of a sequence
// y = (y_1, ..., y_n) that follows a prompt x into one choice per token,
//
//	p(y | x) = Π_t p(y_t | x, y_<t)
//
// and gives each factor as logits z over the vocabulary, with
// p(y_t = j | x, y_<t) = softmax(z)_j. A decoder chooses tokens one at a
// time from these factors. The decoders here never look inside a model:
// they see only the logits it returns for a prefix.

// Scorer returns the logits of the token that follows prefix, one per
// vocabulary entry. The prefix holds the prompt and every token decoded so
// far; a Scorer recomputes all of it on every call, which is simple and
// always correct, and costs a pass over the whole prefix per token.
// A translator's Scorer closes over its source sentence.
type Scorer func(prefix []int) []float64

// State is a model partway through decoding a sequence: it holds whatever
// the model has computed about the tokens fed so far (for a Transformer,
// the keys and values of every layer, the KV cache), so that each step
// costs only the newest token's work.
//
// Feed appends token to the sequence and returns the logits of the token
// after it; the returned slice belongs to the caller. Fork returns an
// independent copy: feeding the copy must not change the original, nor
// the other way round. Greedy decoding and sampling follow one sequence
// and never fork. Beam search follows several hypotheses that share a
// prefix and then part, so it forks the state once per hypothesis it
// keeps; a Fork that shared its cache would let one hypothesis write into
// another's history.
//
// Fork's result must itself be a State. It is typed any because the
// notebooks' Go interpreter cannot pass between cells a type that names
// itself, as a Fork() State would.
type State interface {
	Feed(token int) []float64
	Fork() any
}

// NewScorerState returns a State that keeps the tokens fed to it and asks
// score for the logits of the whole prefix at every step: the stateless
// form of a model, usable wherever a State is.
func NewScorerState(score Scorer) State {
	if score == nil {
		panic("transformer: NewScorerState: nil Scorer")
	}
	return &scorerState{score: score}
}

// scorerState is a Scorer with the prefix it has been fed.
type scorerState struct {
	score  Scorer
	prefix []int
}

// Feed appends token to the prefix and scores it.
func (s *scorerState) Feed(token int) []float64 {
	s.prefix = append(s.prefix, token)
	return s.score(s.prefix)
}

// Fork copies the prefix into a fresh slice: two forks that appended to
// one backing array would overwrite each other's tokens.
func (s *scorerState) Fork() any {
	return &scorerState{score: s.score, prefix: append([]int(nil), s.prefix...)}
}

// fork returns s.Fork() as a State, and panics if it is not one.
func fork(who string, s State) State {
	r := s.Fork()
	f, ok := r.(State)
	if !ok || f == nil {
		panic(fmt.Sprintf("transformer: %s: %T.Fork returned %T, not a State", who, s, r))
	}
	return f
}

// feedPrompt feeds the prompt to s and returns the logits of the first
// token to decode. A decoder needs at least one token to condition on
// (a start-of-sequence token if nothing else).
func feedPrompt(who string, s State, prompt []int) []float64 {
	if s == nil {
		panic(fmt.Sprintf("transformer: %s: nil State", who))
	}
	if len(prompt) == 0 {
		panic(fmt.Sprintf("transformer: %s: empty prompt; start it with a start-of-sequence token", who))
	}
	var logits []float64
	for _, tok := range prompt {
		logits = s.Feed(tok)
	}
	checkLogits(who, logits)
	return logits
}

// checkLogits panics if a model returned no logits or a NaN among them.
func checkLogits(who string, logits []float64) {
	if len(logits) == 0 {
		panic(fmt.Sprintf("transformer: %s: the model returned no logits", who))
	}
	for j, z := range logits {
		if math.IsNaN(z) {
			panic(fmt.Sprintf("transformer: %s: logit %d of %d is NaN", who, j, len(logits)))
		}
	}
}

// checkMaxLen panics unless maxLen, a number of tokens to decode, is positive.
func checkMaxLen(who string, maxLen int) {
	if maxLen < 1 {
		panic(fmt.Sprintf("transformer: %s: maxLen %d, want at least 1", who, maxLen))
	}
}

// logProbs returns log softmax(z)_j = z_j - logsumexp(z) for every token j.
func logProbs(logits []float64) []float64 {
	return tensor.LogSoftmax(tensor.FromSlice(logits, len(logits))).Data
}

// argmax returns the index of the largest logit; of equal logits, the
// lowest index, so that ties break the same way in every decoder.
func argmax(logits []float64) int {
	best := 0
	for j, z := range logits {
		if z > logits[best] {
			best = j
		}
	}
	return best
}
