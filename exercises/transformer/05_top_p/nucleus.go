// Package nucleus is an exercise: shaping a model's next-token
// distribution before sampling from it, by temperature and by nucleus
// (top-p) filtering (Holtzman et al. 2020, "The Curious Case of Neural
// Text Degeneration").
//
// A model gives logits z over V tokens, and p = softmax(z). Dividing the
// logits by a temperature T > 0 before the softmax,
//
//	p_T(j) = softmax(z / T)_j
//
// keeps their order but flattens the distribution for T > 1 and sharpens
// it for T < 1. As T → 0 every token below the largest logit loses all
// its probability; T = 0 is that limit, greedy choice, and is handled
// apart (dividing by 0 is not it).
//
// Sampling from the whole distribution now and then draws one of the many
// unlikely tokens of the long tail, and one bad token derails the text.
// Nucleus filtering keeps the nucleus: the smallest set of tokens whose
// probabilities sum to at least p, which is a set of the most likely
// tokens. The most likely token is kept however small p is, so there is
// always something to sample. Where the model is sure the nucleus is one
// or two tokens; where it is unsure, many. Tokens of equal probability
// enter the nucleus lower id first, and a token of probability 0 never
// does. Filtering returns logits, not probabilities: a kept token keeps
// its logit, every other becomes -Inf, and the softmax of the result is
// the nucleus renormalised. (Chapter section "Sampling: temperature,
// top-k, top-p", chapters/transformer/README.md.)
package nucleus

import "math"

// Softmax returns softmax(z), with exactly 0 for a logit of -Inf. At
// least one logit must be finite.
func Softmax(z []float64) []float64 {
	top := math.Inf(-1)
	for _, v := range z {
		top = math.Max(top, v)
	}
	p := make([]float64, len(z))
	sum := 0.0
	for j, v := range z {
		p[j] = math.Exp(v - top)
		sum += p[j]
	}
	for j := range p {
		p[j] /= sum
	}
	return p
}

// Temperature returns new logits z / T for T > 0 (a logit of -Inf stays
// -Inf). For T = 0 it keeps only the largest logit, with its value, and
// sets every other to -Inf; of equal largest logits, the lowest token id
// is kept. The input is not changed.
func Temperature(z []float64, T float64) []float64 {
	// TODO
	return nil
}

// TopP returns new logits that keep the nucleus of softmax(z) for
// 0 < p ≤ 1: the smallest set of most likely tokens whose probabilities
// sum to at least p, always the most likely token. Kept tokens keep their
// logits; the others get -Inf. The input is not changed.
func TopP(z []float64, p float64) []float64 {
	// TODO: rank the tokens, then take them from the top.
	return nil
}
