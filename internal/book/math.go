package book

import (
	"strconv"
	"strings"
)

// Formula is one piece of TeX on a page: between $ and $ (inline) or
// $$ and $$ (display).
type Formula struct {
	TeX     string `json:"tex"`
	Display bool   `json:"display"`
	File    string `json:"-"`
	Line    int    `json:"-"`
}

// mathPiece is a page cut at its formulas: text to keep as it is, or the
// index of a formula to put in its place.
type mathPiece struct {
	text    string
	formula int // -1 for text
}

// splitMath cuts Markdown into text and formulas the way GitHub, Jupyter
// and mdbook-katex read $ and $$: not inside ``` or ~~~ fences or `code
// spans`, and not at an escaped \$. A $$ block may span lines. It returns
// the pieces and the formulas, each with the file and line it starts on.
func splitMath(file, text string) ([]mathPiece, []Formula) {
	var (
		pieces   []mathPiece
		formulas []Formula
		buf      strings.Builder
		tex      strings.Builder
		fence    string // the open fence's marker, "" outside a fence
		display  bool   // inside $$ ... $$
		startAt  int
	)
	flush := func() {
		if buf.Len() > 0 {
			pieces = append(pieces, mathPiece{text: buf.String(), formula: -1})
			buf.Reset()
		}
	}
	emit := func(f Formula) {
		flush()
		formulas = append(formulas, f)
		pieces = append(pieces, mathPiece{formula: len(formulas) - 1})
	}
	lines := strings.SplitAfter(text, "\n")
	for i, line := range lines {
		n := i + 1
		trimmed := strings.TrimSpace(line)
		if !display {
			if fence != "" {
				buf.WriteString(line)
				if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
					fence = ""
				}
				continue
			}
			if m := fenceOpen(trimmed); m != "" {
				fence = m
				buf.WriteString(line)
				continue
			}
		}
		for k := 0; k < len(line); {
			c := line[k]
			switch {
			case display:
				if strings.HasPrefix(line[k:], "$$") {
					emit(Formula{TeX: strings.TrimSpace(tex.String()), Display: true, File: file, Line: startAt})
					tex.Reset()
					display = false
					k += 2
					continue
				}
				tex.WriteByte(c)
				k++
			case c == '\\' && k+1 < len(line) && line[k+1] == '$':
				buf.WriteString(`\$`)
				k += 2
			case c == '`':
				run := countRun(line[k:], '`')
				end := strings.Index(line[k+run:], strings.Repeat("`", run))
				if end < 0 {
					buf.WriteString(line[k : k+run])
					k += run
					continue
				}
				buf.WriteString(line[k : k+run+end+run])
				k += run + end + run
			case strings.HasPrefix(line[k:], "$$"):
				display, startAt = true, n
				k += 2
			case c == '$':
				end := closingDollar(line[k+1:])
				if end < 0 {
					buf.WriteByte(c)
					k++
					continue
				}
				emit(Formula{TeX: line[k+1 : k+1+end], File: file, Line: n})
				k += 1 + end + 1
			default:
				buf.WriteByte(c)
				k++
			}
		}
	}
	if display { // never closed: keep it as text, the check reports it
		buf.WriteString("$$" + tex.String())
	}
	flush()
	return pieces, formulas
}

// fenceOpen returns the marker of a code fence a line opens (``` or ~~~,
// or longer), or "".
func fenceOpen(trimmed string) string {
	for _, ch := range []byte{'`', '~'} {
		if n := countRun(trimmed, ch); n >= 3 {
			return trimmed[:n]
		}
	}
	return ""
}

func countRun(s string, ch byte) int {
	n := 0
	for n < len(s) && s[n] == ch {
		n++
	}
	return n
}

// closingDollar is the index in s of the $ that closes an inline formula,
// skipping escaped \$, or -1.
func closingDollar(s string) int {
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case '$':
			return k
		}
	}
	return -1
}

// joinMath puts the pieces back together with each formula replaced by
// its rendered HTML, made safe for the Markdown pass that follows.
func joinMath(pieces []mathPiece, html []string) string {
	var b strings.Builder
	for _, p := range pieces {
		if p.formula < 0 {
			b.WriteString(p.text)
			continue
		}
		b.WriteString(markdownSafe(html[p.formula]))
	}
	return b.String()
}

// markdownSafe replaces, in the text between an HTML fragment's tags, the
// characters Markdown would read as emphasis, links, code, escapes or
// table cells by their numeric character references, so that rendered
// math passes through the Markdown pass unchanged.
func markdownSafe(html string) string {
	var b strings.Builder
	inTag := false
	for _, r := range html {
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
		case r == '\n':
			b.WriteByte(' ')
			continue
		case !inTag && strings.ContainsRune("\\*_[]`$~|", r):
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
