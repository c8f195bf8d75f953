package transformer

// ANCHOR: greedy

// Greedy decodes by taking, at every step, the single most likely token,
//
//	y_t = argmax_j p(y_t = j | x, y_<t)
//
// (the largest logit; of equal logits, the lowest token id). It feeds the
// prompt to s, then decodes until it produces the end token or has
// produced maxLen tokens, and returns the decoded tokens, the end token
// included when it was produced. An end below 0 means no end token. s is
// advanced past the prompt and the decoded tokens.
//
// The most likely token at each step need not lead to the most likely
// sequence: a likely first word can lead on only to unlikely ones. Beam
// search looks further, at more cost.
func Greedy(s State, prompt []int, maxLen, end int) []int {
	checkMaxLen("Greedy", maxLen)
	logits := feedPrompt("Greedy", s, prompt)
	var out []int
	for {
		next := argmax(logits)
		out = append(out, next)
		if next == end || len(out) == maxLen {
			return out
		}
		logits = s.Feed(next)
		checkLogits("Greedy", logits)
	}
}

// ANCHOR_END: greedy
