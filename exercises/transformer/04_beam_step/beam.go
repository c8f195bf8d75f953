// Package beam is an exercise: one step of beam search, and the length
// normalisation of GNMT (Wu et al. 2016, "Google's Neural Machine
// Translation System", §7) by which finished hypotheses are ranked.
//
// A decoder's model gives, after a prefix y_<t, the log-probabilities
// log p(y_t | y_<t) of every next token. A sequence's log-probability is
// their sum, log p(Y) = Σ_t log p(y_t | y_<t). Greedy decoding keeps one
// prefix and extends it by its most likely token. Beam search keeps B
// prefixes, the beams, and at every step looks at all B·V ways to extend
// one of them by one of the V tokens, keeping the B most probable:
//
//	log p(y_<t, y_t) = log p(y_<t) + log p(y_t | y_<t)
//
// Every candidate of a step has the same length, so they are ranked by
// log-probability alone. Of equal log-probabilities, the candidate from
// the earlier beam comes first, and from the same beam the lower token,
// so that B = 1 chooses as greedy decoding does. A token of probability 0
// (log-probability -Inf) is never taken, even when fewer than B
// candidates remain.
//
// Finished hypotheses have different lengths, and every token multiplies
// p(Y) by a number below 1, so log p(Y) favours the short. GNMT divides
// it by a length penalty lp(Y) and ranks by the score
//
//	s(Y) = log p(Y) / lp(Y)
//
// GNMT's penalty (their eq. 14) is the α-th power of a linear function of
// the length |Y|, the one that is 1 at |Y| = 1 and 2 at |Y| = 7, so a
// one-token hypothesis is never rescaled. α = 0 gives lp = 1 and the raw
// log-probability; a larger α favours longer hypotheses more. Wu et al.
// found α between 0.6 and 0.7 best. (Chapter section "Beam search, with
// length normalisation", chapters/transformer/README.md.)
package beam

// Candidate is one extension of a beam: beam From extended by Token, with
// the extended prefix's log-probability LogProb.
type Candidate struct {
	From, Token int
	LogProb     float64
}

// Step returns the b most probable one-token extensions of the beams,
// most probable first. logProb[i] is log p of beam i's prefix, and
// next[i][y] is log p(y | beam i's prefix) for each token y. Ties go to
// the earlier beam, then to the lower token. Extensions of log-probability
// -Inf are left out, so fewer than b may come back.
func Step(logProb []float64, next [][]float64, b int) []Candidate {
	// TODO: every extension, ranked; sort.SliceStable keeps ties in order.
	return nil
}

// LengthPenalty returns GNMT's lp(Y) for a hypothesis of length tokens.
func LengthPenalty(length int, alpha float64) float64 {
	// TODO: find the linear function from its two values first.
	return 0
}

// Score returns s(Y) = log p(Y) / lp(Y) of a hypothesis of length tokens
// and log-probability logProb.
func Score(logProb float64, length int, alpha float64) float64 {
	// TODO
	return 0
}

// BreakEven returns the log-probability at which a hypothesis of length
// longer scores exactly as a hypothesis of length tokens and
// log-probability logProb does, under the same α. A longer hypothesis
// with a higher log-probability than that outranks the shorter one.
func BreakEven(logProb float64, length, longer int, alpha float64) float64 {
	// TODO: set the two scores equal and solve.
	return 0
}
