package transformer

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// markov is the hand-made model the decoding tests run on. The logits of
// the next token are a table's row for the last token plus a bonus for
// every earlier occurrence of each token,
//
//	z_j = A[y_last][j] + repeat · n_j(prefix)
//
// so with repeat ≠ 0 they depend on the whole prefix, not only on its last
// token, and the cached form (markovState) must carry the counts n_j.
type markov struct {
	table  [][]float64 // A, vocab × vocab
	repeat float64
}

// score is m's stateless form: it recounts the whole prefix.
func (m *markov) score(prefix []int) []float64 {
	last := prefix[len(prefix)-1]
	n := make([]float64, len(m.table))
	for _, tok := range prefix {
		n[tok]++
	}
	z := append([]float64(nil), m.table[last]...)
	for j := range z {
		z[j] += m.repeat * n[j]
	}
	return z
}

// newState returns m's cached form, empty.
func (m *markov) newState() State {
	return &markovState{m: m, counts: make([]float64, len(m.table))}
}

// markovState is m partway through a sequence: its last token and the
// counts of every token fed, updated one token at a time.
type markovState struct {
	m      *markov
	last   int
	counts []float64
}

func (s *markovState) Feed(tok int) []float64 {
	s.last = tok
	s.counts[tok]++
	z := append([]float64(nil), s.m.table[tok]...)
	for j := range z {
		z[j] += s.m.repeat * s.counts[j]
	}
	return z
}

func (s *markovState) Fork() any {
	return &markovState{m: s.m, last: s.last, counts: append([]float64(nil), s.counts...)}
}

// randomMarkov returns a markov model whose table holds N(0, scale²) logits.
func randomMarkov(rng *tensor.RNG, vocab int, scale, repeat float64) *markov {
	m := &markov{table: make([][]float64, vocab), repeat: repeat}
	for i := range m.table {
		m.table[i] = make([]float64, vocab)
		for j := range m.table[i] {
			m.table[i][j] = rng.Normal(0, scale)
		}
	}
	return m
}

// probTable returns a markov model (repeat 0) whose next-token
// probabilities are the rows of p: its logits are log p, -Inf where p is 0.
func probTable(p [][]float64) *markov {
	m := &markov{table: make([][]float64, len(p))}
	for i, row := range p {
		m.table[i] = make([]float64, len(row))
		for j, q := range row {
			m.table[i][j] = math.Log(q)
		}
	}
	return m
}

// logSoftmaxByHand is log softmax written out again, so the tests do not
// check the decoders against the code they use.
func logSoftmaxByHand(z []float64) []float64 {
	s := 0.0
	for _, v := range z {
		s += math.Exp(v)
	}
	out := make([]float64, len(z))
	for j, v := range z {
		out[j] = v - math.Log(s)
	}
	return out
}

// sequence is one complete decoding: its tokens and their log-probability.
type sequence struct {
	tokens   []int
	logProb  float64
	finished bool
}

// enumerate lists every sequence a decoder with these limits could
// return after prompt: those that produce end within maxLen tokens and
// those of maxLen tokens that never produce it, with log p(y | prompt)
// summed by hand from score.
func enumerate(score Scorer, prompt []int, maxLen, end int) []sequence {
	var out []sequence
	var walk func(tokens []int, logProb float64)
	walk = func(tokens []int, logProb float64) {
		prefix := append(append([]int(nil), prompt...), tokens...)
		lp := logSoftmaxByHand(score(prefix))
		for j, l := range lp {
			if math.IsInf(l, -1) {
				continue
			}
			next := append(append([]int(nil), tokens...), j)
			switch {
			case j == end:
				out = append(out, sequence{next, logProb + l, true})
			case len(next) == maxLen:
				out = append(out, sequence{next, logProb + l, false})
			default:
				walk(next, logProb+l)
			}
		}
	}
	walk(nil, 0)
	return out
}

// wantPanic fails t unless f panics.
func wantPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", what)
		}
	}()
	f()
}

// sameInts reports whether a and b hold the same ints.
func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
