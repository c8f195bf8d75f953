package data

import (
	"fmt"
	"strings"
	"unicode"
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

// PunctTokens splits text into words and punctuation for a word-level
// model: a token is a run of letters, digits and apostrophes (' or ’)
// between letters, or one character of anything else but space. "And
// Jesus wept." is And, Jesus, wept, "." and "woman’s son," is woman’s, son, ",".
func PunctTokens(text string) []string {
	var out []string
	rs := []rune(text)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isSpace(r):
			i++
		case isWordRune(r):
			j := i + 1
			for j < len(rs) && (isWordRune(rs[j]) || isApostrophe(rs[j]) && j+1 < len(rs) && isWordRune(rs[j+1])) {
				j++
			}
			out = append(out, string(rs[i:j]))
			i = j
		default:
			out = append(out, string(r))
			i++
		}
	}
	return out
}

// isSpace reports whether r separates tokens.
func isSpace(r rune) bool { return unicode.IsSpace(r) }

// isWordRune reports whether r can be part of a word: a letter, a digit or
// a combining mark.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isApostrophe reports whether r is an apostrophe, straight or curly.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }
