package transformer

import (
	"fmt"
	"math"
	"sort"

	"github.com/luoxia/aigc/lib/tensor"
)

// SampleConfig sets up sampling. The zero value of each filter turns it
// off, so SampleConfig{Temperature: 1, MaxLen: n, End: end} samples from
// the model's own distribution. The filters apply in a fixed order, the
// common one: temperature first, then top-k, then top-p, each to what the
// one before it left (see Filter).
type SampleConfig struct {
	Temperature float64 // T: the logits are divided by T; 1 keeps the model's distribution, 0 takes the most likely token
	TopK        int     // keep only the k most likely tokens; 0 keeps all
	TopP        float64 // keep only the nucleus of probability p, in (0, 1]; 0 keeps all
	MaxLen      int     // the most tokens to decode
	End         int     // the end-of-sequence token; below 0, none
}

// ApplyTemperature returns the logits divided by the temperature T,
//
//	p_T(j) = softmax(z / T)_j
//
// T > 1 flattens the distribution towards uniform, T < 1 sharpens it
// towards the most likely token, which it reaches as T → 0:
// p_T(j) ∝ exp((z_j - z_max)/T) vanishes for every j whose logit is
// below the largest. T = 0 is that limit: the largest logit keeps its
// value and every other becomes -Inf (of equal largest logits, the
// lowest token id is kept, as Greedy chooses).
func ApplyTemperature(logits []float64, T float64) []float64 {
	if T < 0 || math.IsNaN(T) {
		panic(fmt.Sprintf("transformer: ApplyTemperature: T = %g, want T ≥ 0", T))
	}
	out := make([]float64, len(logits))
	if T == 0 {
		for j := range out {
			out[j] = math.Inf(-1)
		}
		best := argmax(logits)
		out[best] = logits[best]
		return out
	}
	for j, z := range logits {
		// z / T (a token of probability 0 stays at -Inf, also for T = +Inf)
		if math.IsInf(z, -1) {
			out[j] = z
		} else {
			out[j] = z / T
		}
	}
	return out
}

// byLikelihood returns the token ids in decreasing order of their logits;
// of equal logits, the lower id first.
func byLikelihood(logits []float64) []int {
	order := make([]int, len(logits))
	for j := range order {
		order[j] = j
	}
	sort.SliceStable(order, func(a, b int) bool { return logits[order[a]] > logits[order[b]] })
	return order
}

// TopKFilter keeps the k largest logits and sets the others to -Inf, so
// that sampling chooses among the k most likely tokens only, in
// proportion to their probabilities (Fan et al. 2018). It keeps exactly k
// tokens (all of them if k is at least the vocabulary): where equal logits
// straddle the k-th place, the lower token ids are kept.
func TopKFilter(logits []float64, k int) []float64 {
	if k < 1 {
		panic(fmt.Sprintf("transformer: TopKFilter: k = %d, want k ≥ 1", k))
	}
	out := make([]float64, len(logits))
	for j := range out {
		out[j] = math.Inf(-1)
	}
	for rank, j := range byLikelihood(logits) {
		if rank == k {
			break
		}
		out[j] = logits[j]
	}
	return out
}

// ANCHOR: top_p

// TopPFilter keeps the nucleus of the distribution softmax(logits) and sets
// the other logits to -Inf (Holtzman et al. 2020): the smallest set of
// tokens whose probabilities sum to at least p, found by taking tokens
// from the most likely down until the sum reaches p. The most likely
// token is always kept, however small p. Unlike a fixed k, the nucleus
// is small where the model is sure and wide where it is not. Of tokens
// of equal probability, the lower id is taken first; tokens of
// probability 0 are never kept.
func TopPFilter(logits []float64, p float64) []float64 {
	if !(p > 0 && p <= 1) {
		panic(fmt.Sprintf("transformer: TopPFilter: p = %g, want 0 < p ≤ 1", p))
	}
	probs := tensor.Softmax(tensor.FromSlice(logits, len(logits))).Data
	out := make([]float64, len(logits))
	for j := range out {
		out[j] = math.Inf(-1)
	}
	sum := 0.0
	for _, j := range byLikelihood(logits) {
		if probs[j] == 0 && sum > 0 {
			break
		}
		out[j] = logits[j]
		// Σ of the kept probabilities, until it reaches p
		sum += probs[j]
		if sum >= p {
			break
		}
	}
	return out
}

// ANCHOR_END: top_p

// ANCHOR: filter

// Filter returns the logits that cfg samples from: divided by the
// temperature, then cut to the top k, then to the nucleus of probability
// p. The order matters for top-p, whose nucleus is measured on the
// distribution the steps before it left: after the temperature, and
// renormalised over the top k. (Top-k alone does not depend on the
// temperature, since dividing by T > 0 keeps the logits' order.)
func (cfg SampleConfig) Filter(logits []float64) []float64 {
	cfg.check("Filter")
	z := ApplyTemperature(logits, cfg.Temperature)
	if cfg.TopK > 0 {
		z = TopKFilter(z, cfg.TopK)
	}
	if cfg.TopP > 0 {
		z = TopPFilter(z, cfg.TopP)
	}
	return z
}

// ANCHOR_END: filter

// check panics unless cfg's filters are in range.
func (cfg SampleConfig) check(who string) {
	if cfg.Temperature < 0 || math.IsNaN(cfg.Temperature) || cfg.TopK < 0 || !(cfg.TopP >= 0 && cfg.TopP <= 1) {
		panic(fmt.Sprintf("transformer: %s: Temperature %g, TopK %d, TopP %g; want T ≥ 0, k ≥ 0, 0 ≤ p ≤ 1",
			who, cfg.Temperature, cfg.TopK, cfg.TopP))
	}
}

// SampleToken draws a token j with probability softmax(logits)_j, by
// inverting the cumulative distribution at a uniform u from rng: the
// first j with u < Σ_{i ≤ j} p_i. Tokens whose logit is -Inf are never
// drawn.
func SampleToken(logits []float64, rng *tensor.RNG) int {
	checkLogits("SampleToken", logits)
	if math.IsInf(logits[argmax(logits)], -1) {
		panic(fmt.Sprintf("transformer: SampleToken: all %d logits are -Inf", len(logits)))
	}
	probs := tensor.Softmax(tensor.FromSlice(logits, len(logits))).Data
	u := rng.Float64()
	cum, last := 0.0, 0
	for j, p := range probs {
		if p == 0 {
			continue
		}
		// F(j) = Σ_{i ≤ j} p_i
		cum += p
		if u < cum {
			return j
		}
		last = j
	}
	// The p_i summed to a hair under 1 and u fell above: the last possible token.
	return last
}

// Sample decodes by drawing every token at random from the model's
// distribution, shaped by cfg's filters (temperature, top-k, top-p, in
// that order; see Filter). It feeds the prompt to s, then draws until it
// produces cfg.End or has produced cfg.MaxLen tokens, and returns the
// drawn tokens, the end token included when it was drawn. All randomness
// comes from rng, so the same seed gives the same tokens. s is advanced
// past the prompt and the drawn tokens.
func Sample(s State, prompt []int, cfg SampleConfig, rng *tensor.RNG) []int {
	cfg.check("Sample")
	checkMaxLen("Sample", cfg.MaxLen)
	if rng == nil {
		panic("transformer: Sample: nil RNG")
	}
	logits := feedPrompt("Sample", s, prompt)
	var out []int
	for {
		next := SampleToken(cfg.Filter(logits), rng)
		out = append(out, next)
		if next == cfg.End || len(out) == cfg.MaxLen {
			return out
		}
		logits = s.Feed(next)
		checkLogits("Sample", logits)
	}
}
