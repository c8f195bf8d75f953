package metrics

import (
	"strings"
	"unicode"
)

// Tokenize13a splits a line into tokens the way sacreBLEU's default "13a"
// tokenizer does, which in turn reproduces the tokenization of mteval-v13a.pl,
// the scoring script of the WMT evaluations (Post 2018, "A Call for Clarity
// in Reporting BLEU Scores"). BLEU counts n-grams of tokens, so the same
// output can score differently under two tokenizers; this one is the
// convention papers report.
//
// The rules, in order:
//
//  1. Remove every "<skipped>" marker; join a line broken after a hyphen
//     ("-" then newline) by deleting both; turn remaining newlines into
//     spaces.
//  2. Unescape &quot; &amp; &lt; &gt; (in that order, so "&amp;lt;" becomes
//     "<" while "&amp;quot;" stays "&quot;").
//  3. Pad the line with a space on each side, then put spaces around each
//     of these symbols: { | } ~ [ \ ] ^ _ ` ! " # $ % & ( ) * + : ; < = > ?
//     @ and /. Apostrophes and hyphens are not among them: "don't" and
//     "state-of-the-art" stay whole.
//  4. Split a period or comma from the character before it unless that is
//     a digit; then, in a second pass, from the character after it unless
//     that is a digit. Each pass rewrites two-character windows from left
//     to right without overlap, as a regular-expression substitution does.
//     So "3.14" and "3,000" stay whole, "U.S." becomes U . S . and "end."
//     becomes end .
//  5. Split a hyphen from a digit before it: "1990-2000" becomes
//     1990 - 2000.
//  6. Split on whitespace (Python's definition: Unicode white space plus
//     the separators U+001C to U+001F).
//
// Tokenize13a does not lowercase; BLEU's Lowercase option does that first.
func Tokenize13a(line string) []string {
	line = strings.ReplaceAll(line, "<skipped>", "")
	line = strings.ReplaceAll(line, "-\n", "")
	line = strings.ReplaceAll(line, "\n", " ")
	line = strings.ReplaceAll(line, "&quot;", `"`)
	line = strings.ReplaceAll(line, "&amp;", "&")
	line = strings.ReplaceAll(line, "&lt;", "<")
	line = strings.ReplaceAll(line, "&gt;", ">")

	s := padSymbols13a([]rune(" " + line + " "))
	s = rewritePairs(s, func(a, b rune) bool { return !isASCIIDigit(a) && isPeriodOrComma(b) },
		func(out []rune, a, b rune) []rune { return append(out, a, ' ', b, ' ') })
	s = rewritePairs(s, func(a, b rune) bool { return isPeriodOrComma(a) && !isASCIIDigit(b) },
		func(out []rune, a, b rune) []rune { return append(out, ' ', a, ' ', b) })
	s = rewritePairs(s, func(a, b rune) bool { return isASCIIDigit(a) && b == '-' },
		func(out []rune, a, b rune) []rune { return append(out, a, ' ', b, ' ') })
	return splitPySpace(string(s))
}

// symbols13a are the characters that rule 3 of Tokenize13a sets apart:
// all of ASCII's punctuation except ' , - and . (and the space itself,
// which the rule pads harmlessly).
const symbols13a = "{|}~[\\]^_`!\"#$%&()*+:;<=>?@/"

// padSymbols13a puts a space before and after every rune of symbols13a.
func padSymbols13a(s []rune) []rune {
	out := make([]rune, 0, len(s)+len(s)/4)
	for _, r := range s {
		if strings.ContainsRune(symbols13a, r) {
			out = append(out, ' ', r, ' ')
		} else {
			out = append(out, r)
		}
	}
	return out
}

// rewritePairs scans s from the left; where match(s[i], s[i+1]) holds it
// appends emit(s[i], s[i+1]) and resumes after both runes, otherwise it
// copies s[i] and moves one rune on. A rewritten rune is never the first
// of another window, exactly as with a regular-expression substitution of
// a two-character pattern, whose matches do not overlap.
func rewritePairs(s []rune, match func(a, b rune) bool, emit func(out []rune, a, b rune) []rune) []rune {
	out := make([]rune, 0, len(s)+len(s)/4)
	i := 0
	for i+1 < len(s) {
		if match(s[i], s[i+1]) {
			out = emit(out, s[i], s[i+1])
			i += 2
			continue
		}
		out = append(out, s[i])
		i++
	}
	return append(out, s[i:]...)
}

// isASCIIDigit reports an ASCII digit, all that the pattern [0-9] matches.
func isASCIIDigit(r rune) bool { return '0' <= r && r <= '9' }

func isPeriodOrComma(r rune) bool { return r == '.' || r == ',' }

// isPySpace reports whether Python's str.split() splits at r: Go's
// unicode.IsSpace plus the information separators U+001C–U+001F, which
// Python also counts as white space. sacreBLEU splits with str.split, so
// BLEU's tokens must follow the same definition.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// splitPySpace splits s around runs of Python white space, dropping empty
// fields, like Python's s.split() with no argument.
func splitPySpace(s string) []string {
	return strings.FieldsFunc(s, isPySpace)
}
