package metrics

import "testing"

// TestPyLower checks the two places where Python's str.lower differs from
// Go's strings.ToLower, with values from Python 3.
func TestPyLower(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hello, WORLD", "hello, world"},
		{"İstanbul", "i\u0307stanbul"}, // dotted capital I: i + combining dot
		{"ΟΔΟΣ", "οδος"},               // Σ ends the word: final ς
		{"ΟΔΟΣ ΣΑΣ.", "οδος σας."},     // the space and the period end words too
		{"ΣΑ", "σα"},                   // nothing cased before it: σ
		{"Σ", "σ"},                     // alone: not a word ending
		{"ΑΣΑ", "ασα"},                 // a cased letter follows: σ
		{"Α'Σ", "α'ς"},                 // the apostrophe is skipped looking back
		{"ΑΣ'Α", "ασ'α"},               // … and looking ahead
		{"Α\u0301Σ", "α\u0301ς"},       // so is a combining accent
		{"ΑΣ1", "ας1"},                 // a digit is not cased
	} {
		if got := pyLower(c.in); got != c.want {
			t.Errorf("pyLower(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
