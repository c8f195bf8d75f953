package data

import (
	"fmt"
	"strings"
)

// EncodePairs encodes parallel sentences, already split into tokens, as a
// batch for a sequence-to-sequence model: src[i] is translated as tgt[i].
// Both sides are wrapped in begin and end markers, as the Annotated
// Transformer does:
//
//	Src[i]    <s> source tokens </s>
//	TgtIn[i]  <s> target tokens        (the decoder's input)
//	TgtOut[i]     target tokens </s>   (what it must produce)
//
// Tokens a vocabulary lacks become <unk>. The sequences are not padded:
// PadBatch pads them. Swapping the arguments gives the reverse direction.
// It panics if src and tgt differ in length.
func EncodePairs(src, tgt [][]string, srcVocab, tgtVocab *WordVocab) *SeqBatch {
	if len(src) != len(tgt) {
		panic(fmt.Sprintf("data: EncodePairs: %d source and %d target sentences", len(src), len(tgt)))
	}
	b := &SeqBatch{Src: make([][]int, len(src)), TgtIn: make([][]int, len(src)), TgtOut: make([][]int, len(src))}
	for i := range src {
		b.Src[i] = srcVocab.EncodeWithEnds(src[i])
		t := tgtVocab.EncodeWithEnds(tgt[i])
		b.TgtIn[i] = t[: len(t)-1 : len(t)-1]
		b.TgtOut[i] = t[1:]
	}
	return b
}

// Words splits text into its space-separated words, as strings.Fields does.
func Words(text string) []string { return strings.Fields(text) }

// Chars splits text into its characters (runes), one string each: the
// tokens of a language written without spaces between words.
func Chars(text string) []string {
	out := make([]string, 0, len(text))
	for _, r := range text {
		out = append(out, string(r))
	}
	return out
}
