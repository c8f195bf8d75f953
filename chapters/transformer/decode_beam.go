package transformer

import (
	"fmt"
	"math"
	"sort"
)

// BeamConfig sets up beam search.
type BeamConfig struct {
	Width  int     // B, the number of hypotheses kept at every step; 1 is greedy decoding
	MaxLen int     // the most tokens a hypothesis may hold, the end token included
	End    int     // the end-of-sequence token; below 0, none (every hypothesis runs to MaxLen)
	Alpha  float64 // α of the length normalisation; 0 ranks by log-probability alone
}

// Hypothesis is one sequence that beam search returns.
type Hypothesis struct {
	Tokens   []int   // the decoded tokens after the prompt, the end token included if Finished
	LogProb  float64 // log p(Y | prompt) = Σ_t log p(y_t | prompt, y_<t)
	Score    float64 // LogProb / LengthPenalty(len(Tokens), Alpha), by which hypotheses are ranked
	Finished bool    // whether the hypothesis ended with the end token (otherwise it reached MaxLen)
}

// ANCHOR: length_penalty

// LengthPenalty returns GNMT's length normalisation (Wu et al. 2016, eq. 14)
// of a sequence of length tokens,
//
//	lp(Y) = (5 + |Y|)^α / (5 + 1)^α
//
// Every token multiplies p(Y) by a probability below 1, so the raw
// log-probability favours short sequences; dividing it by lp(Y), which
// grows with |Y| for α > 0, takes back some of that advantage. α = 0 gives
// lp = 1, the raw log-probability; Wu et al. found α between 0.6 and 0.7 best.
func LengthPenalty(length int, alpha float64) float64 {
	// lp(Y) = ((5 + |Y|) / 6)^α
	return math.Pow((5+float64(length))/6, alpha)
}

// ANCHOR_END: length_penalty

// beam is a hypothesis that is still growing: its tokens, its
// log-probability, its model state, and the logits of its next token.
type beam struct {
	tokens  []int
	logProb float64
	state   State
	logits  []float64
}

// candidate is one way to grow a beam: beam number from, extended by token,
// reaching log-probability logProb.
type candidate struct {
	from, token int
	logProb     float64
}

// BeamSearch looks for the sequence Y after prompt with the best score
//
//	s(Y) = log p(Y | prompt) / lp(Y)
//
// keeping, instead of greedy decoding's one sequence, the B (cfg.Width)
// most probable partial hypotheses at every step. At each step it scores
// every one-token extension of each of the B hypotheses, B·V candidates
// for a vocabulary of V tokens, and ranks them by log-probability (all
// are one token longer, so the length penalty would not change their
// order). Going down that ranking, a candidate that ends with the end
// token is finished, and kept if it ranks among the top B; any other
// candidate grows on, until B have been taken. The search stops when the
// growing ones reach cfg.MaxLen tokens, which then join the finished, or
// once B hypotheses are finished and none still growing can beat the
// B-th best of them (see settled). It returns up to B hypotheses,
// best score first (equal scores in the order they were found); the best
// is the first. Candidates of probability 0 (logit -Inf) are never taken.
//
// Each kept hypothesis needs its own copy of the model's state, since its
// continuation differs from its siblings': BeamSearch forks s once for
// every candidate it keeps. s itself is fed only the prompt.
//
// With B = 1 beam search is greedy decoding. A larger B can find a
// sequence whose first tokens greedy decoding passed over, though it
// remains a search, not a proof: the best sequence can fall out of the
// beam at any step.
func BeamSearch(s State, prompt []int, cfg BeamConfig) []Hypothesis {
	if cfg.Width < 1 {
		panic(fmt.Sprintf("transformer: BeamSearch: Width %d, want at least 1", cfg.Width))
	}
	if cfg.Alpha < 0 || math.IsNaN(cfg.Alpha) {
		panic(fmt.Sprintf("transformer: BeamSearch: Alpha %g, want α ≥ 0", cfg.Alpha))
	}
	checkMaxLen("BeamSearch", cfg.MaxLen)
	// ANCHOR: beam_loop
	live := []beam{{state: s, logits: feedPrompt("BeamSearch", s, prompt)}}
	var finished []Hypothesis
	for len(live) > 0 && !settled(finished, live, cfg) {
		var next []beam
		taken := 0 // candidates kept to grow or finished at MaxLen: at most B
		for rank, c := range extensions(live) {
			if taken == cfg.Width {
				break
			}
			parent := live[c.from]
			tokens := append(append(make([]int, 0, len(parent.tokens)+1), parent.tokens...), c.token)
			switch {
			case c.token == cfg.End:
				if rank < cfg.Width {
					finished = append(finished, newHypothesis(tokens, c.logProb, true, cfg.Alpha))
				}
			case len(tokens) == cfg.MaxLen:
				finished = append(finished, newHypothesis(tokens, c.logProb, false, cfg.Alpha))
				taken++
			default:
				state := fork("BeamSearch", parent.state)
				logits := state.Feed(c.token)
				checkLogits("BeamSearch", logits)
				next = append(next, beam{tokens: tokens, logProb: c.logProb, state: state, logits: logits})
				taken++
			}
		}
		live = next
	}
	sort.SliceStable(finished, func(i, j int) bool { return finished[i].Score > finished[j].Score })
	if len(finished) > cfg.Width {
		finished = finished[:cfg.Width]
	}
	return finished
	// ANCHOR_END: beam_loop
}

// settled reports whether the search can stop: B hypotheses are finished
// and no live one can still score above the B-th best of them. A live
// hypothesis's log-probability only falls as it grows, and lp(Y) is at
// most lp(MaxLen), so a negative log p / lp(MaxLen) bounds every score it
// can reach. Stopping at the first B finished instead lets a few early,
// improbable endings end the search before a likelier hypothesis still
// growing has finished.
func settled(finished []Hypothesis, live []beam, cfg BeamConfig) bool {
	if len(finished) < cfg.Width {
		return false
	}
	scores := make([]float64, len(finished))
	for i, h := range finished {
		scores[i] = h.Score
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(scores)))
	bestLive := math.Inf(-1)
	for _, b := range live {
		bestLive = math.Max(bestLive, b.logProb)
	}
	// s(Y) ≤ log p(y_≤t) / lp(MaxLen) for every Y that grows from y_≤t
	return bestLive/LengthPenalty(cfg.MaxLen, cfg.Alpha) <= scores[cfg.Width-1]
}

// ANCHOR: extensions

// extensions returns every one-token extension of the live beams that has
// a probability above 0, most probable first; of equal log-probabilities,
// the earlier beam's, then the lower token's, so that B = 1 breaks ties
// as Greedy does.
func extensions(live []beam) []candidate {
	var all []candidate
	for i, b := range live {
		// log p(y_1..y_t) = log p(y_1..y_t-1) + log p(y_t | y_<t)
		for tok, l := range logProbs(b.logits) {
			if !math.IsInf(l, -1) {
				all = append(all, candidate{from: i, token: tok, logProb: b.logProb + l})
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].logProb > all[j].logProb })
	return all
}

// ANCHOR_END: extensions

// newHypothesis scores a complete sequence with the length penalty.
func newHypothesis(tokens []int, logProb float64, finished bool, alpha float64) Hypothesis {
	// s(Y) = log p(Y) / lp(Y)
	score := logProb / LengthPenalty(len(tokens), alpha)
	return Hypothesis{Tokens: tokens, LogProb: logProb, Score: score, Finished: finished}
}
