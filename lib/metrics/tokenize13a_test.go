package metrics

import (
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Each line is worked by hand through the rules listed on Tokenize13a; the
// expected tokens are also what sacreBLEU 2.x's "13a" tokenizer returns.
func TestTokenize13a(t *testing.T) {
	for _, c := range []struct {
		line string
		want []string
	}{
		// "!" is a symbol (rule 3); "," follows the non-digit "o" (rule 4).
		{"Hello, world!", []string{"Hello", ",", "world", "!"}},
		// "$" is a symbol; "3.14" and "3,000" have digits on both sides of
		// their separator, so stay whole; "4," splits at rule 4's second
		// half (a space follows the comma); "s." at its first.
		{"It costs $3.14, or 3,000 dollars.",
			[]string{"It", "costs", "$", "3.14", ",", "or", "3,000", "dollars", "."}},
		// Abbreviations are not special: every period after a letter splits.
		{"The U.S. economy grew.", []string{"The", "U", ".", "S", ".", "economy", "grew", "."}},
		// Double quotes and brackets are symbols.
		{`He said "hi" (twice).`, []string{"He", "said", `"`, "hi", `"`, "(", "twice", ")", "."}},
		// Entities are unescaped first (rule 2), then split as symbols.
		{"Tom &amp; Jerry &lt;3 &quot;cartoon&quot; &gt;",
			[]string{"Tom", "&", "Jerry", "<", "3", `"`, "cartoon", `"`, ">"}},
		// &quot; is replaced before &amp;, &lt; after it: "&amp;lt;" ends as
		// "<" but "&amp;quot;" only as "&quot;", whose "&" and ";" split.
		{"&amp;lt; vs &amp;quot;", []string{"<", "vs", "&", "quot", ";"}},
		// Hyphens split only after a digit (rule 5): "5-a" splits, "a-5"
		// and words joined by hyphens do not; a lone "-" is a token.
		{"well-known 1990-2000 state-of-the-art - x 5-a a-5",
			[]string{"well-known", "1990", "-", "2000", "state-of-the-art", "-", "x", "5", "-", "a", "a-5"}},
		// Rule 1: "-\n" joins, "<skipped>" vanishes, "\n" is a space.
		{"inter-\nnational <skipped>test\nline", []string{"international", "test", "line"}},
		// "<skipped>" is removed before entities are unescaped.
		{"&lt;skipped&gt;", []string{"<", "skipped", ">"}},
		// Apostrophes are not symbols.
		{"don't stop, it's 5 o'clock.", []string{"don't", "stop", ",", "it's", "5", "o'clock", "."}},
		// The padding space before ".5" is a non-digit, so that period
		// splits; "0.5" does not. In "e.g.," each period splits from its
		// letter, and the space written after the second one already sets
		// the comma apart; "1.000,5" has digits around both separators.
		{"pi is .5 or 0.5; e.g., 1.000,5.",
			[]string{"pi", "is", ".", "5", "or", "0.5", ";", "e", ".", "g", ".", ",", "1.000,5", "."}},
		{"Wait...what?!", []string{"Wait", ".", ".", ".", "what", "?", "!"}},
		// Non-ASCII letters are letters like any other.
		{"été, café.", []string{"été", ",", "café", "."}},
		// Python's str.split also splits at U+001C..U+001F.
		{"a\x1cb", []string{"a", "b"}},
		{"email: a@b.com", []string{"email", ":", "a", "@", "b", ".", "com"}},
		{"under_score [x] {y} a|b ~t^ `q` a\\b 50% #1 a/b a+b=c a*b",
			[]string{"under", "_", "score", "[", "x", "]", "{", "y", "}", "a", "|", "b", "~", "t", "^",
				"`", "q", "`", "a", "\\", "b", "50", "%", "#", "1", "a", "/", "b", "a", "+", "b", "=", "c", "a", "*", "b"}},
		{"", nil},
		{" \t ", nil},
	} {
		got := Tokenize13a(c.line)
		if diff := cmp.Diff(c.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Tokenize13a(%q) mismatch (-want +got):\n%s", c.line, diff)
		}
	}
}

// TestIsPySpace checks isPySpace against the full list of code points for
// which Python 3's str.isspace() is true (what str.split splits at).
func TestIsPySpace(t *testing.T) {
	python := map[rune]bool{}
	for _, r := range []rune{0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
		0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
		0x2028, 0x2029, 0x202f, 0x205f, 0x3000} {
		python[r] = true
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isPySpace(r) != python[r] {
			t.Errorf("isPySpace(%U) = %v, Python says %v", r, isPySpace(r), python[r])
		}
	}
}

// TestRewritePairsDoesNotOverlap shows the substitution semantics rule 4
// relies on: in "a..b" the first window "a." is rewritten, and the second
// period is not the first rune of a window "..": it was already consumed.
func TestRewritePairsDoesNotOverlap(t *testing.T) {
	got := string(rewritePairs([]rune("a..b"),
		func(a, b rune) bool { return b == '.' },
		func(out []rune, a, b rune) []rune { return append(out, '[', a, b, ']') }))
	// windows: "a." matches → "[a.]"; resume at ".b": no; "b" left over.
	if want := "[a.].b"; got != want {
		t.Errorf("rewritePairs(a..b) = %q, want %q", got, want)
	}
}
