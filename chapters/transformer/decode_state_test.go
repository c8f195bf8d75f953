package transformer

import (
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// TestDecodeScorerStateForksDoNotShareTokens feeds one prefix, forks it
// twice, and feeds each fork a different token: each must score its own
// prefix. Growing the prefix leaves spare capacity in its array, so forks
// that shared it would overwrite each other's last token.
func TestDecodeScorerStateForksDoNotShareTokens(t *testing.T) {
	var seen [][]int
	record := func(prefix []int) []float64 {
		seen = append(seen, append([]int(nil), prefix...))
		return []float64{0, 0, 0, 0, 0}
	}
	s := NewScorerState(record)
	for _, tok := range []int{1, 2, 3} {
		s.Feed(tok)
	}
	a, b := fork("test", s), fork("test", s)
	a.Feed(4)
	b.Feed(0)
	a.Feed(4)
	want := [][]int{{1, 2, 3, 4}, {1, 2, 3, 0}, {1, 2, 3, 4, 4}}
	for i, w := range want {
		if got := seen[3+i]; !sameInts(got, w) {
			t.Errorf("call %d scored %v, want %v", 3+i, got, w)
		}
	}
	s.Feed(2)
	if got, w := seen[len(seen)-1], []int{1, 2, 3, 2}; !sameInts(got, w) {
		t.Errorf("the original, fed after its forks, scored %v, want %v", got, w)
	}
}

// TestDecodeMarkovStatesAgree checks the test model itself: its cached
// form must give the logits its stateless form gives, prefix by prefix,
// or the tests that compare the two forms of the decoders prove nothing.
func TestDecodeMarkovStatesAgree(t *testing.T) {
	rng := tensor.NewRNG(7)
	m := randomMarkov(rng, 5, 1, 0.4)
	s := m.newState()
	prefix := []int{}
	for i := 0; i < 20; i++ {
		tok := rng.Intn(5)
		prefix = append(prefix, tok)
		got, want := s.Feed(tok), m.score(prefix)
		for j := range want {
			if got[j] != want[j] {
				t.Fatalf("after %v: cached logit %d = %g, stateless %g", prefix, j, got[j], want[j])
			}
		}
	}
}

// TestDecodeGreedyStateMatchesScorer: greedy decoding gives the same
// tokens through the model's cached form and through its Scorer.
func TestDecodeGreedyStateMatchesScorer(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		m := randomMarkov(tensor.NewRNG(seed), 7, 1.5, -0.5)
		prompt := []int{3, 1}
		cached := Greedy(m.newState(), prompt, 15, 0)
		stateless := Greedy(NewScorerState(m.score), prompt, 15, 0)
		if !sameInts(cached, stateless) {
			t.Fatalf("seed %d: cached %v, stateless %v", seed, cached, stateless)
		}
	}
}

// badFork is a State whose Fork returns something else.
type badFork struct{ markovState }

func (badFork) Fork() any { return "not a State" }

// TestDecodeBeamSearchChecksForks: beam search panics, naming the type,
// when a State's Fork returns something that is not a State.
func TestDecodeBeamSearchChecksForks(t *testing.T) {
	m := randomMarkov(tensor.NewRNG(3), 4, 1, 0)
	s := &badFork{markovState{m: m, counts: make([]float64, 4)}}
	defer func() {
		msg, _ := recover().(string)
		if !strings.Contains(msg, "Fork returned string, not a State") {
			t.Errorf("panic %q, want one that names what Fork returned", msg)
		}
	}()
	BeamSearch(s, []int{1}, BeamConfig{Width: 2, MaxLen: 3, End: -1})
}
