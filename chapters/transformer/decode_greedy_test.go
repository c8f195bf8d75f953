package transformer

import (
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// TestDecodeGreedyTakesTheLargestLogit replays greedy decodings on random
// models: every token must be the largest of the logits that the model
// gives the prefix before it, and decoding must stop exactly at the end
// token or at maxLen.
func TestDecodeGreedyTakesTheLargestLogit(t *testing.T) {
	const vocab, maxLen, end = 6, 12, 0
	ended := 0
	for seed := uint64(1); seed <= 50; seed++ {
		m := randomMarkov(tensor.NewRNG(seed), vocab, 2, 0.3)
		prompt := []int{1 + int(seed)%(vocab-1)}
		out := Greedy(m.newState(), prompt, maxLen, end)
		prefix := append([]int(nil), prompt...)
		for i, tok := range out {
			z := m.score(prefix)
			for j := range z {
				if z[j] > z[tok] {
					t.Fatalf("seed %d: step %d chose %d (logit %.3f), but %d has logit %.3f", seed, i, tok, z[tok], j, z[j])
				}
			}
			if tok == end && i != len(out)-1 {
				t.Fatalf("seed %d: decoding went on after the end token: %v", seed, out)
			}
			prefix = append(prefix, tok)
		}
		if out[len(out)-1] == end {
			ended++
		} else if len(out) != maxLen {
			t.Fatalf("seed %d: stopped after %d tokens without the end token: %v", seed, len(out), out)
		}
	}
	// Both ways of stopping must have been exercised.
	if ended == 0 || ended == 50 {
		t.Errorf("%d of 50 decodings ended with the end token; the test needs both kinds", ended)
	}
}

// TestDecodeGreedyOnAKnownChain: from token 1 the chain 1 → 2 → 3 → 0 is
// the most likely at each step, so greedy returns [2 3 0] with end 0, and
// without an end token it goes round 0 → 1 → 2 ... until maxLen.
func TestDecodeGreedyOnAKnownChain(t *testing.T) {
	m := probTable([][]float64{
		{0.1, 0.6, 0.2, 0.1},
		{0.1, 0.2, 0.5, 0.2},
		{0.2, 0.1, 0.3, 0.4},
		{0.7, 0.1, 0.1, 0.1},
	})
	if got, want := Greedy(m.newState(), []int{1}, 10, 0), []int{2, 3, 0}; !sameInts(got, want) {
		t.Errorf("with end 0: %v, want %v", got, want)
	}
	if got, want := Greedy(m.newState(), []int{1}, 6, -1), []int{2, 3, 0, 1, 2, 3}; !sameInts(got, want) {
		t.Errorf("without an end token: %v, want %v", got, want)
	}
	if got, want := Greedy(m.newState(), []int{1}, 2, 0), []int{2, 3}; !sameInts(got, want) {
		t.Errorf("maxLen 2: %v, want %v", got, want)
	}
}

func TestDecodeGreedyRejectsBadArguments(t *testing.T) {
	m := randomMarkov(tensor.NewRNG(1), 3, 1, 0)
	wantPanic(t, "empty prompt", func() { Greedy(m.newState(), nil, 5, 0) })
	wantPanic(t, "maxLen 0", func() { Greedy(m.newState(), []int{1}, 0, 0) })
	wantPanic(t, "nil state", func() { Greedy(nil, []int{1}, 5, 0) })
}
