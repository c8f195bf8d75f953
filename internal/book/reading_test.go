package book

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// checkOne checks a book and wants exactly one problem, at file:line,
// whose message holds every one of want.
func checkOne(t *testing.T, files map[string]string, file string, line int, want ...string) {
	t.Helper()
	probs, err := Check(write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 {
		t.Fatalf("got %d problems %v, want one at %s:%d", len(probs), probs, file, line)
	}
	p := probs[0]
	if !strings.HasSuffix(filepath.ToSlash(p.File), file) || p.Line != line {
		t.Errorf("problem at %s:%d, want %s:%d: %v", p.File, p.Line, file, line, p)
	}
	for _, w := range want {
		if !strings.Contains(p.Msg, w) {
			t.Errorf("message %q does not say %q", p.Msg, w)
		}
	}
}

func TestUnusedAnchor(t *testing.T) {
	files := book(intro)
	files["lib/x/y.go"] = "package x\n\n// ANCHOR: g\nfunc g() {}\n\n// ANCHOR_END: g\n"
	checkOne(t, files, "lib/x/y.go", 3, `anchor "g" is included by no page`, "{{#include y.go:g}}", "remove its ANCHOR and ANCHOR_END")

	// Included, it passes; so does an anchor in a folder the go command ignores.
	files["chapters/one/README.md"] = intro + "And g:\n\n```go\n{{#include ../../lib/x/y.go:g}}\n```\n"
	files["lib/x/testdata/z.go"] = "package x\n// ANCHOR: z\n// ANCHOR_END: z\n"
	if probs, err := Check(write(t, files)); err != nil || len(probs) != 0 {
		t.Fatalf("every anchor included: %v %v", probs, err)
	}
}

// An include inside a list item is pasted unindented and falls out of
// the item and its code block.
func TestIndentedIncludeIsAnError(t *testing.T) {
	files := book(intro)
	files["chapters/one/README.md"] = intro + "- An item, with its code:\n\n  ```go\n  {{#include ../../lib/x/x.go:4}}\n  ```\n"
	checkOne(t, files, "chapters/one/README.md", 12, `include "../../lib/x/x.go:4" is indented`)
}

func TestIncludesNeedASentenceBetween(t *testing.T) {
	files := book(intro)
	files["lib/x/y.go"] = "package x\n\n// ANCHOR: g\nfunc g() {}\n\n// ANCHOR_END: g\n"
	// A heading, a figure and a formula are not sentences.
	files["chapters/one/fig.png"] = "png"
	files["chapters/one/README.md"] = intro + "## Two\n\n![f](fig.png)\n\n$$\ny = f(x)\n$$\n\n$g$\n\n```go\n{{#include ../../lib/x/y.go:g}}\n```\n"
	checkOne(t, files, "chapters/one/README.md", 20, `include "../../lib/x/y.go:g" follows include "../../lib/x/x.go:f" (line 6)`, "add one that tells the reader")

	// Two includes in one fence, with only code between.
	files["chapters/one/README.md"] = intro + "Both:\n\n```go\n{{#include ../../lib/x/x.go:4}}\nvar _ = 1\n{{#include ../../lib/x/y.go:g}}\n```\n"
	checkOne(t, files, "chapters/one/README.md", 14, `follows include "../../lib/x/x.go:4" (line 12)`)

	files["chapters/one/README.md"] = intro + "Then $g$ does nothing either, with `g()`:\n\n```go\n{{#include ../../lib/x/y.go:g}}\n```\n"
	if probs, err := Check(write(t, files)); err != nil || len(probs) != 0 {
		t.Fatalf("a sentence between: %v %v", probs, err)
	}
}

func TestIncludeLengthLimit(t *testing.T) {
	body := func(n int) string {
		var b strings.Builder
		b.WriteString("package x\n\n// ANCHOR: long\n")
		for i := 0; i < n; i++ {
			// Other anchors' lines inside are not shown, so not counted.
			if i == 1 {
				b.WriteString("// ANCHOR: inner\n")
			}
			fmt.Fprintf(&b, "var v%d = %d\n", i, i)
		}
		b.WriteString("// ANCHOR_END: inner\n// ANCHOR_END: long\n")
		return b.String()
	}
	files := book(intro + "The long one:\n\n```go\n{{#include ../../lib/x/y.go:long}}\n```\n\nA piece of it:\n{{#include ../../lib/x/y.go:inner}}\n")
	files["lib/x/y.go"] = body(MaxIncludeLines)
	if probs, err := Check(write(t, files)); err != nil || len(probs) != 0 {
		t.Fatalf("an include of %d lines: %v %v", MaxIncludeLines, probs, err)
	}
	files["lib/x/y.go"] = body(MaxIncludeLines + 1)
	checkOne(t, files, "chapters/one/README.md", 12, `include "../../lib/x/y.go:long" shows 41 lines, more than 40`, "narrow anchor long in", "y.go")

	// A whole file or a line range counts the same way.
	files["chapters/one/README.md"] = intro + "The file:\n{{#include ../../lib/x/y.go}}\n"
	files["lib/x/y.go"] = strings.Repeat("\n", 2*MaxIncludeLines)
	checkOne(t, files, "chapters/one/README.md", 10, "shows 80 lines", "narrow the selection")
	files["chapters/one/README.md"] = intro + "Some lines:\n{{#include ../../lib/x/y.go:3:43}}\n"
	checkOne(t, files, "chapters/one/README.md", 10, "shows 41 lines")
	files["chapters/one/README.md"] = intro + "Some lines:\n{{#include ../../lib/x/y.go:41:}}\n"
	if probs, err := Check(write(t, files)); err != nil || len(probs) != 0 {
		t.Fatalf("lines 41 to 80: %v %v", probs, err)
	}
}
