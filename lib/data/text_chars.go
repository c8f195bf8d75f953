package data

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// CharVocab is a character-level vocabulary: the distinct characters
// (Unicode code points, Go's runes) of a text, sorted by code point, with
// character i given id i. Because the order depends only on which characters
// occur, the same text always gives the same ids, and so does any text with
// the same alphabet; a Python script gets the same ids from
// sorted(set(text)), as nanoGPT's prepare.py does.
type CharVocab struct {
	runes []rune       // id -> character, ascending
	ids   map[rune]int // character -> id
}

// NewCharVocab returns the vocabulary of text's distinct characters. It
// returns an error if text is not valid UTF-8 (naming the byte offset of
// the first bad byte), since a bad byte would otherwise be read silently as
// U+FFFD.
func NewCharVocab(text string) (*CharVocab, error) {
	if err := checkUTF8(text); err != nil {
		return nil, fmt.Errorf("data: NewCharVocab: %w", err)
	}
	ids := map[rune]int{}
	for _, r := range text {
		ids[r] = 0
	}
	runes := make([]rune, 0, len(ids))
	for r := range ids {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	for i, r := range runes {
		ids[r] = i
	}
	return &CharVocab{runes: runes, ids: ids}, nil
}

// checkUTF8 reports the byte offset of the first invalid UTF-8 sequence in s.
func checkUTF8(s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Errorf("invalid UTF-8 byte 0x%02x at byte offset %d", s[i], i)
		}
		i += size
	}
	return nil
}

// Size is the number of characters in the vocabulary: ids run from 0 to
// Size()-1.
func (v *CharVocab) Size() int { return len(v.runes) }

// Chars returns the vocabulary's characters in id order, as one string.
func (v *CharVocab) Chars() string { return string(v.runes) }

// ID returns the id of character r and whether r is in the vocabulary.
func (v *CharVocab) ID(r rune) (int, bool) {
	id, ok := v.ids[r]
	return id, ok
}

// Encode returns the id of each character of s. A character outside the
// vocabulary is an error naming it and its position (in characters and in
// bytes); so is invalid UTF-8.
func (v *CharVocab) Encode(s string) ([]int, error) {
	if err := checkUTF8(s); err != nil {
		return nil, fmt.Errorf("data: CharVocab.Encode: %w", err)
	}
	out := make([]int, 0, len(s))
	pos := 0
	for off, r := range s {
		id, ok := v.ids[r]
		if !ok {
			return nil, fmt.Errorf("data: CharVocab.Encode: character %q (U+%04X) at position %d (byte offset %d) is not in the %d-character vocabulary",
				r, r, pos, off, len(v.runes))
		}
		out = append(out, id)
		pos++
	}
	return out, nil
}

// Decode returns the text whose character ids are ids. An id outside
// 0..Size()-1 is an error naming it and its position.
func (v *CharVocab) Decode(ids []int) (string, error) {
	var b strings.Builder
	for i, id := range ids {
		if id < 0 || id >= len(v.runes) {
			return "", fmt.Errorf("data: CharVocab.Decode: id %d at position %d is outside the vocabulary's 0..%d", id, i, len(v.runes)-1)
		}
		b.WriteRune(v.runes[id])
	}
	return b.String(), nil
}
