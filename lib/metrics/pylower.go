package metrics

import (
	"strings"
	"unicode"
)

// pyLower lowercases s as Python's str.lower does, which is what sacreBLEU
// (-lc) and rouge-score apply. Go's strings.ToLower maps every character
// the same way but two, which Python lowercases with Unicode's full rules:
// U+0130 (İ) becomes "i" followed by U+0307 (a combining dot above), and a
// capital sigma Σ becomes the final form ς where it ends a word (the
// Final_Sigma condition) and σ elsewhere: "ΣΑΣ" gives "σας".
func pyLower(s string) string {
	if !strings.ContainsAny(s, "\u0130\u03a3") {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 2)
	for i, r := range rs {
		switch {
		case r == 'İ':
			b.WriteString("i\u0307")
		case r == 'Σ' && finalSigma(rs, i):
			b.WriteRune('ς')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// finalSigma reports Unicode's Final_Sigma condition for rs[i]: a cased
// letter comes before it, and none after it, skipping case-ignorable
// characters (accents, apostrophes, …) in both directions.
func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && isCaseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !isCased(rs[j]) {
		return false
	}
	j = i + 1
	for j < len(rs) && isCaseIgnorable(rs[j]) {
		j++
	}
	return j == len(rs) || !isCased(rs[j])
}

// isCased is Unicode's Cased property: upper-, lower- or titlecase letters
// and the few other characters with a case.
func isCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.In(r, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// isCaseIgnorable is Unicode's Case_Ignorable property: marks, format
// characters, modifier letters and symbols, and the apostrophes, periods
// and colons that may sit inside a word (word-break classes MidLetter,
// MidNumLet and Single_Quote).
func isCaseIgnorable(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) ||
		strings.ContainsRune(midWordPunct, r)
}

// midWordPunct lists the characters of word-break classes MidLetter,
// MidNumLet and Single_Quote.
const midWordPunct = "'.:\u00b7\u0387\u055f\u05f4\u2018\u2019\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a"
