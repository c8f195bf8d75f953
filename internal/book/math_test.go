package book

import (
	"strings"
	"testing"
)

func TestSplitMath(t *testing.T) {
	text := "Inline $a_i$ and \\$5, `$HOME` and ``a ` $b$``.\n" +
		"```go\nprice := \"$5\" // $x$\n```\n" +
		"$$\nx = \\sum_i y_i\n$$\n" +
		"one line $$ e^{i\\pi} $$ then $c$\n" +
		"~~~\n$d$\n~~~\n"
	pieces, fs := splitMath("p.md", text)
	want := []Formula{
		{TeX: "a_i", Line: 1},
		{TeX: "x = \\sum_i y_i", Display: true, Line: 5},
		{TeX: "e^{i\\pi}", Display: true, Line: 8},
		{TeX: "c", Line: 8},
	}
	if len(fs) != len(want) {
		t.Fatalf("formulas %+v, want %+v", fs, want)
	}
	for i, w := range want {
		if fs[i].TeX != w.TeX || fs[i].Display != w.Display || fs[i].Line != w.Line || fs[i].File != "p.md" {
			t.Errorf("formula %d: %+v, want %+v", i, fs[i], w)
		}
	}
	html := []string{"<i>A</i>", "<b>X</b>", "<b>E</b>", "<i>C</i>"}
	got := joinMath(pieces, html)
	wantText := "Inline <i>A</i> and \\$5, `$HOME` and ``a ` $b$``.\n" +
		"```go\nprice := \"$5\" // $x$\n```\n" +
		"<b>X</b>\n" +
		"one line <b>E</b> then <i>C</i>\n" +
		"~~~\n$d$\n~~~\n"
	if got != wantText {
		t.Errorf("joined:\n%s\nwant:\n%s", got, wantText)
	}
}

func TestSplitMathLeavesAnOpenBlock(t *testing.T) {
	pieces, fs := splitMath("p.md", "a\n$$\nx\n")
	if len(fs) != 0 || joinMath(pieces, nil) != "a\n$$\nx\n" {
		t.Errorf("an unclosed $$ block: %v %q", fs, joinMath(pieces, nil))
	}
}

func TestMarkdownSafe(t *testing.T) {
	got := markdownSafe(`<span class="a_b" style="x:1*2">x_1 * [y] \ ` + "`z` | $</span>")
	want := `<span class="a_b" style="x:1*2">x&#95;1 &#42; &#91;y&#93; &#92; &#96;z&#96; &#124; &#36;</span>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if strings.Contains(markdownSafe("<p>\n</p>"), "\n") {
		t.Error("a newline would end a Markdown paragraph inside a formula")
	}
}
