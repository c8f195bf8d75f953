package transformer

import (
	"math"
	"sort"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// logProbOf sums log p(y_t | prompt, y_<t) over tokens, by hand from score.
func logProbOf(score Scorer, prompt, tokens []int) float64 {
	prefix := append([]int(nil), prompt...)
	sum := 0.0
	for _, tok := range tokens {
		sum += logSoftmaxByHand(score(prefix))[tok]
		prefix = append(prefix, tok)
	}
	return sum
}

// TestDecodeBeamWidthOneIsGreedy: with one hypothesis kept, beam search
// is greedy decoding, on random models with and without an end token; its
// log-probability and score are those of the tokens it returns.
func TestDecodeBeamWidthOneIsGreedy(t *testing.T) {
	for seed := uint64(1); seed <= 100; seed++ {
		m := randomMarkov(tensor.NewRNG(seed), 6, 1.5, 0.3)
		prompt := []int{1 + int(seed)%5}
		end := 0
		if seed%4 == 0 {
			end = -1
		}
		greedy := Greedy(m.newState(), prompt, 10, end)
		hyps := BeamSearch(m.newState(), prompt, BeamConfig{Width: 1, MaxLen: 10, End: end, Alpha: 0.6})
		if len(hyps) != 1 {
			t.Fatalf("seed %d: %d hypotheses for B = 1", seed, len(hyps))
		}
		h := hyps[0]
		if !sameInts(h.Tokens, greedy) {
			t.Fatalf("seed %d: beam search with B = 1 gave %v, greedy %v", seed, h.Tokens, greedy)
		}
		wantLogProb := logProbOf(m.score, prompt, h.Tokens)
		if math.Abs(h.LogProb-wantLogProb) > 1e-9 {
			t.Errorf("seed %d: LogProb %.12g, by hand %.12g", seed, h.LogProb, wantLogProb)
		}
		wantScore := wantLogProb / math.Pow((5+float64(len(h.Tokens)))/6, 0.6)
		if math.Abs(h.Score-wantScore) > 1e-9 {
			t.Errorf("seed %d: Score %.12g, by hand %.12g", seed, h.Score, wantScore)
		}
		if h.Finished != (greedy[len(greedy)-1] == end) {
			t.Errorf("seed %d: Finished %v for %v with end %d", seed, h.Finished, h.Tokens, end)
		}
	}
}

// TestDecodeBeamWideEnoughIsExhaustive: with B = V^maxLen, no hypothesis
// is ever dropped, so beam search returns every sequence there is, ranked
// as brute force ranks them, and its best is the exact optimum, for each
// length normalisation.
func TestDecodeBeamWideEnoughIsExhaustive(t *testing.T) {
	const vocab, maxLen, end = 3, 4, 0
	width := int(math.Pow(vocab, maxLen))
	for seed := uint64(1); seed <= 20; seed++ {
		m := randomMarkov(tensor.NewRNG(seed), vocab, 1, 0.5)
		prompt := []int{1}
		all := enumerate(m.score, prompt, maxLen, end)
		for _, alpha := range []float64{0, 0.6, 2} {
			score := func(s sequence) float64 {
				return s.logProb / math.Pow((5+float64(len(s.tokens)))/6, alpha)
			}
			sort.SliceStable(all, func(i, j int) bool { return score(all[i]) > score(all[j]) })
			hyps := BeamSearch(m.newState(), prompt, BeamConfig{Width: width, MaxLen: maxLen, End: end, Alpha: alpha})
			if len(hyps) != len(all) {
				t.Fatalf("seed %d α %g: %d hypotheses, brute force has %d sequences", seed, alpha, len(hyps), len(all))
			}
			for i, h := range hyps {
				want := all[i]
				if !sameInts(h.Tokens, want.tokens) || h.Finished != want.finished ||
					math.Abs(h.LogProb-want.logProb) > 1e-9 || math.Abs(h.Score-score(want)) > 1e-9 {
					t.Fatalf("seed %d α %g: hypothesis %d is %v (log p %.6f, score %.6f, finished %v), brute force %v (log p %.6f, score %.6f, finished %v)",
						seed, alpha, i, h.Tokens, h.LogProb, h.Score, h.Finished, want.tokens, want.logProb, score(want), want.finished)
				}
			}
		}
	}
}

// gardenPath is a model on which greedy decoding takes the wrong turn.
// From the start token 5, token 1 is the likelier first step (0.55), but
// it leads to four near-equal continuations, the best 0.28; token 2 (0.45)
// is followed by token 3 with probability 0.9. The most probable
// two-token sequence is therefore [2 3] (0.405), not [1 1] (0.154).
func gardenPath() *markov {
	return probTable([][]float64{
		{1, 0, 0, 0, 0, 0},
		{0, 0.28, 0.24, 0.24, 0.24, 0},
		{0, 0, 0.05, 0.9, 0.05, 0},
		{1, 0, 0, 0, 0, 0},
		{1, 0, 0, 0, 0, 0},
		{0, 0.55, 0.45, 0, 0, 0},
	})
}

// TestDecodeBeamGardenPath: on the garden path, B = 1 (and greedy
// decoding) commits to token 1 and misses the most probable sequence,
// which B = 2 keeps in view and finds.
func TestDecodeBeamGardenPath(t *testing.T) {
	m := gardenPath()
	prompt := []int{5}
	all := enumerate(m.score, prompt, 2, -1)
	best := all[0]
	for _, s := range all {
		if s.logProb > best.logProb {
			best = s
		}
	}
	if want := []int{2, 3}; !sameInts(best.tokens, want) {
		t.Fatalf("brute force finds %v, the example was built for %v", best.tokens, want)
	}
	narrow := BeamSearch(m.newState(), prompt, BeamConfig{Width: 1, MaxLen: 2, End: -1})
	greedy := Greedy(m.newState(), prompt, 2, -1)
	if !sameInts(narrow[0].Tokens, greedy) || sameInts(greedy, best.tokens) {
		t.Errorf("B = 1 found %v and greedy %v; both should take the garden path [1 1]", narrow[0].Tokens, greedy)
	}
	wide := BeamSearch(m.newState(), prompt, BeamConfig{Width: 2, MaxLen: 2, End: -1})
	if !sameInts(wide[0].Tokens, best.tokens) || math.Abs(wide[0].LogProb-math.Log(0.405)) > 1e-12 {
		t.Errorf("B = 2 found %v (log p %.4f), want %v (log 0.405 = %.4f)", wide[0].Tokens, wide[0].LogProb, best.tokens, math.Log(0.405))
	}
	if len(wide) != 2 || wide[1].Score > wide[0].Score {
		t.Errorf("B = 2 returned %d hypotheses %+v, want 2, best first", len(wide), wide)
	}
}

// lengthChoice is a model where the short answer is the more probable
// and the long one the better once normalised. Token 0 ends, 3 starts.
// [0] has p = 0.3 (log p = -1.204); [1 2 0] has p = 0.7·0.6·0.6 = 0.252
// (log p = -1.378), which lp(3) = 8/6 at α = 1 lifts to -1.034.
func lengthChoice() *markov {
	return probTable([][]float64{
		{1, 0, 0, 0},
		{0.3, 0.1, 0.6, 0},
		{0.6, 0.2, 0.2, 0},
		{0.3, 0.7, 0, 0},
	})
}

// TestDecodeBeamLengthNormalisation: with α = 0 beam search prefers the
// short, more probable [0]; with α = 1 the longer [1 2 0]. On random
// models too, a larger α never chooses a shorter best sequence: that is
// the direction LengthPenalty documents.
func TestDecodeBeamLengthNormalisation(t *testing.T) {
	m := lengthChoice()
	for _, c := range []struct {
		alpha float64
		want  []int
	}{{0, []int{0}}, {1, []int{1, 2, 0}}} {
		h := BeamSearch(m.newState(), []int{3}, BeamConfig{Width: 64, MaxLen: 3, End: 0, Alpha: c.alpha})[0]
		if !sameInts(h.Tokens, c.want) {
			t.Errorf("α = %g: best %v (score %.4f), want %v", c.alpha, h.Tokens, h.Score, c.want)
		}
	}
	changed := 0
	for seed := uint64(1); seed <= 40; seed++ {
		r := randomMarkov(tensor.NewRNG(seed), 4, 1.5, 0)
		last := 0
		for i, alpha := range []float64{0, 0.25, 0.5, 1, 2, 4} {
			h := BeamSearch(r.newState(), []int{1}, BeamConfig{Width: 64, MaxLen: 3, End: 0, Alpha: alpha})[0]
			if len(h.Tokens) < last {
				t.Errorf("seed %d: α = %g chose %v, shorter than the %d tokens of a smaller α", seed, alpha, h.Tokens, last)
			}
			if i > 0 && len(h.Tokens) > last {
				changed++
			}
			last = len(h.Tokens)
		}
	}
	if changed == 0 {
		t.Error("α never changed the length of the best sequence on 40 random models; the test shows nothing")
	}
}

// TestDecodeBeamFinishesOnlyWithinTheBeam: an ending that ranks below the
// top B at its step is dropped like any other candidate there. With B = 2,
// from the start token 4 the beam keeps [1] (0.5) and [2] (0.4). The next
// step ranks [1 0] (0.28, finished), [1 3] (0.22), [2 0] (0.208) and
// [2 3] (0.192): [2 0] is third, outside the beam, so the search goes on
// with [1 3] and [2 3], and [1 3 0] (0.22) takes the second place. Had
// [2 0] been kept, it would have made B finished hypotheses and stopped
// the search with [2 0] second.
func TestDecodeBeamFinishesOnlyWithinTheBeam(t *testing.T) {
	m := probTable([][]float64{
		{1, 0, 0, 0, 0},
		{0.56, 0, 0, 0.44, 0},
		{0.52, 0, 0, 0.48, 0},
		{1, 0, 0, 0, 0},
		{0.1, 0.5, 0.4, 0, 0},
	})
	hyps := BeamSearch(m.newState(), []int{4}, BeamConfig{Width: 2, MaxLen: 5, End: 0})
	want := [][]int{{1, 0}, {1, 3, 0}}
	if len(hyps) != len(want) {
		t.Fatalf("%d hypotheses %+v, want %v", len(hyps), hyps, want)
	}
	for i, h := range hyps {
		if !sameInts(h.Tokens, want[i]) || !h.Finished {
			t.Errorf("hypothesis %d: %v (finished %v), want %v finished", i, h.Tokens, h.Finished, want[i])
		}
	}
}

// TestDecodeBeamOutlivesEarlyEndings: improbable early endings that fill
// B finished places do not stop the search while a likelier hypothesis
// is still growing. With B = 2, from the start token 4 the beam keeps [1]
// (0.9) and [2] (0.04) and finishes [0] (0.06); the next step finishes
// [1 0] (0.045), the second of B, while [1 3] (0.855) still grows.
// Stopping there would return [0]; the search goes on and finishes
// [1 3 0] (0.855), the most probable sequence, on the next step. [0]
// stays second: above [1 0] by probability, and by score for α = 0.6
// too (-2.81 against -2.83).
func TestDecodeBeamOutlivesEarlyEndings(t *testing.T) {
	m := probTable([][]float64{
		{1, 0, 0, 0, 0},
		{0.05, 0, 0, 0.95, 0},
		{1, 0, 0, 0, 0},
		{1, 0, 0, 0, 0},
		{0.06, 0.9, 0.04, 0, 0},
	})
	for _, alpha := range []float64{0, 0.6} {
		hyps := BeamSearch(m.newState(), []int{4}, BeamConfig{Width: 2, MaxLen: 5, End: 0, Alpha: alpha})
		want := [][]int{{1, 3, 0}, {0}}
		if len(hyps) != len(want) {
			t.Fatalf("α %g: %d hypotheses %+v, want %v", alpha, len(hyps), hyps, want)
		}
		for i, h := range hyps {
			if !sameInts(h.Tokens, want[i]) || !h.Finished {
				t.Errorf("α %g: hypothesis %d: %v (finished %v), want %v finished", alpha, i, h.Tokens, h.Finished, want[i])
			}
		}
	}
}

// TestDecodeBeamStateMatchesScorer: beam search gives the same hypotheses
// through the model's cached form, forked per hypothesis, as through its
// Scorer. The model's logits depend on the counts its state carries, so a
// Fork that shared them between hypotheses would change the result.
func TestDecodeBeamStateMatchesScorer(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		m := randomMarkov(tensor.NewRNG(seed), 6, 1, 0.8)
		cfg := BeamConfig{Width: 4, MaxLen: 8, End: 0, Alpha: 0.6}
		cached := BeamSearch(m.newState(), []int{2}, cfg)
		stateless := BeamSearch(NewScorerState(m.score), []int{2}, cfg)
		if len(cached) != len(stateless) {
			t.Fatalf("seed %d: %d cached hypotheses, %d stateless", seed, len(cached), len(stateless))
		}
		for i := range cached {
			if !sameInts(cached[i].Tokens, stateless[i].Tokens) || cached[i].LogProb != stateless[i].LogProb {
				t.Fatalf("seed %d: hypothesis %d cached %v (%g), stateless %v (%g)",
					seed, i, cached[i].Tokens, cached[i].LogProb, stateless[i].Tokens, stateless[i].LogProb)
			}
		}
	}
}

func TestDecodeBeamRejectsBadConfigs(t *testing.T) {
	m := randomMarkov(tensor.NewRNG(1), 3, 1, 0)
	wantPanic(t, "Width 0", func() { BeamSearch(m.newState(), []int{1}, BeamConfig{MaxLen: 3}) })
	wantPanic(t, "Alpha -1", func() { BeamSearch(m.newState(), []int{1}, BeamConfig{Width: 2, MaxLen: 3, Alpha: -1}) })
	wantPanic(t, "MaxLen 0", func() { BeamSearch(m.newState(), []int{1}, BeamConfig{Width: 2}) })
}
