package data

import (
	"cmp"
	"fmt"
	"slices"
)

// The reserved tokens of a WordVocab and their fixed ids. Every word
// vocabulary starts with these four, in this order, so a model, a decoder
// and a batch padder agree on them without looking them up:
//
//	0 <pad>  fills a short sequence up to its batch's longest; ignored by the loss
//	1 <s>    begins every target sequence; the decoder's first input
//	2 </s>   ends a sequence; decoding stops when it is produced
//	3 <unk>  stands for any word the vocabulary does not hold
const (
	PadID = 0
	BOSID = 1
	EOSID = 2
	UnkID = 3
)

// The spellings of the reserved tokens, at ids PadID, BOSID, EOSID and UnkID.
const (
	PadToken = "<pad>"
	BOSToken = "<s>"
	EOSToken = "</s>"
	UnkToken = "<unk>"
)

// reservedTokens lists the reserved tokens in id order.
var reservedTokens = []string{PadToken, BOSToken, EOSToken, UnkToken}

// WordVocab is a vocabulary of whole tokens (words, or single characters
// for a language written without spaces) for sequence-to-sequence tasks.
// Ids 0 to 3 are the reserved tokens (see PadID); the text's tokens follow
// from id 4, most frequent first, ties in byte order of the token, so the
// same sentences always give the same ids.
type WordVocab struct {
	tokens []string       // id -> token
	ids    map[string]int // token -> id
}

// NewWordVocab returns the vocabulary of the tokens in sentences that occur
// at least minCount times (1 keeps every token; rarer tokens are read as
// <unk>). It returns an error, naming the sentence and position, if a
// sentence holds a reserved token or an empty token.
func NewWordVocab(sentences [][]string, minCount int) (*WordVocab, error) {
	counts := map[string]int{}
	for i, s := range sentences {
		for j, w := range s {
			if w == "" {
				return nil, fmt.Errorf("data: NewWordVocab: sentence %d, token %d is empty", i, j)
			}
			if slices.Contains(reservedTokens, w) {
				return nil, fmt.Errorf("data: NewWordVocab: sentence %d, token %d is the reserved token %q", i, j, w)
			}
			counts[w]++
		}
	}
	var words []string
	for w, c := range counts {
		if c >= minCount {
			words = append(words, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	v := &WordVocab{tokens: append(slices.Clone(reservedTokens), words...), ids: map[string]int{}}
	for i, w := range v.tokens {
		v.ids[w] = i
	}
	return v, nil
}

// Size is the number of tokens, the four reserved ones included: ids run
// from 0 to Size()-1.
func (v *WordVocab) Size() int { return len(v.tokens) }

// Token returns the token with the given id. It panics if id is outside
// 0..Size()-1.
func (v *WordVocab) Token(id int) string {
	if id < 0 || id >= len(v.tokens) {
		panic(fmt.Sprintf("data: WordVocab.Token(%d) of %d tokens", id, len(v.tokens)))
	}
	return v.tokens[id]
}

// ID returns the id of token w, or UnkID if the vocabulary does not hold it.
func (v *WordVocab) ID(w string) int {
	if id, ok := v.ids[w]; ok {
		return id
	}
	return UnkID
}

// Encode returns the ids of words, UnkID for each word the vocabulary does
// not hold, with no begin or end marker.
func (v *WordVocab) Encode(words []string) []int {
	out := make([]int, len(words))
	for i, w := range words {
		out[i] = v.ID(w)
	}
	return out
}

// EncodeWithEnds returns BOSID, the ids of words, then EOSID: the form of a
// target sequence.
func (v *WordVocab) EncodeWithEnds(words []string) []int {
	out := make([]int, 0, len(words)+2)
	out = append(out, BOSID)
	out = append(out, v.Encode(words)...)
	return append(out, EOSID)
}

// Decode returns the token of each id, reserved tokens included. It panics
// if an id is outside 0..Size()-1.
func (v *WordVocab) Decode(ids []int) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = v.Token(id)
	}
	return out
}

// Sentence reads ids as a model's output: it skips a leading BOSID, stops
// at the first EOSID, and drops <pad>s, returning the remaining tokens
// (<unk> included, as the model wrote it). It panics if an id is outside
// 0..Size()-1.
func (v *WordVocab) Sentence(ids []int) []string {
	if len(ids) > 0 && ids[0] == BOSID {
		ids = ids[1:]
	}
	var out []string
	for _, id := range ids {
		if id == EOSID {
			break
		}
		if id == PadID {
			continue
		}
		out = append(out, v.Token(id))
	}
	return out
}
