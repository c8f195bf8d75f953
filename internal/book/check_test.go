package book

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// write creates files (name -> content) under a new temporary folder.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const code = "package x\n\n// ANCHOR: f\nfunc f() {}\n\n// ANCHOR_END: f\n"

// intro is the start of every test page: it shows the one anchor in
// lib/x/x.go, so a book built on it has no unused anchors.
const intro = "# One\n\nThe function f does nothing:\n\n```go\n{{#include ../../lib/x/x.go:f}}\n```\n\n"

func book(page string) map[string]string {
	return map[string]string{
		"book.toml":              "[book]\ntitle = \"t\"\nsrc = \"chapters\"\n",
		"chapters/SUMMARY.md":    "# Summary\n\n- [One](one/README.md)\n- [Draft]()\n",
		"chapters/one/README.md": page,
		"lib/x/x.go":             code,
	}
}

func TestCleanBookPasses(t *testing.T) {
	page := intro + "Inline $a_i$ and display\n\n$$\nx = \\sum_i y_i\n$$\n\n$$ e^{i\\pi} = -1 $$\n\n" +
		"```go\n{{#include ../../lib/x/x.go:4}}\nprice := \"$5\"\n```\n\nCode `$HOME` is not math; nor is \\$3.\n" +
		"{{#include ../../lib/x/x.go}}\n![a figure](fig.png) and ![remote](https://example.com/x.png)\n"
	files := book(page)
	files["chapters/one/fig.png"] = "png"
	probs, err := Check(write(t, files))
	if err != nil || len(probs) != 0 {
		t.Fatalf("a clean book: %v %v", probs, err)
	}
}

func TestProblemsAreFound(t *testing.T) {
	cases := []struct{ name, page, want string }{
		{"missing include file", "Then:\n{{#include ../../lib/x/nope.go:f}}\n", "nope.go"},
		{"missing anchor", "Then:\n{{#include ../../lib/x/x.go:g}}\n", "no ANCHOR: g"},
		{"anchor never closed", "Then:\n{{#include ../../lib/x/open.go:open}}\n", "no ANCHOR_END: open"},
		{"odd inline dollars", "price $a$ and $b\n", "unbalanced inline math"},
		{"open display math", "$$\nx = 1\n", "never closed"},
		{"open code fence", "```go\nx\n", "code fence"},
		{"missing image", "See ![the curve](curve.png).\n", `image "curve.png": no such file`},
		{"control character", "Big $\\min\x08ig(x\x08ig)$.\n", "control character U+0008"},
		{"tab in math", "About $7 \times 10^{-4}$.\n", "tab inside math"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := book(intro + c.page)
			if strings.Contains(c.page, "open.go") {
				files["lib/x/open.go"] = "package x\n\n// ANCHOR: open\nfunc g() {}\n"
			}
			probs, err := Check(write(t, files))
			if err != nil {
				t.Fatal(err)
			}
			if len(probs) != 1 || !strings.Contains(probs[0].String(), c.want) || !strings.Contains(probs[0].File, "README.md") {
				t.Fatalf("problems %v, want one in README.md mentioning %q", probs, c.want)
			}
		})
	}
}

func TestMissingSummaryEntry(t *testing.T) {
	files := book(intro)
	files["chapters/SUMMARY.md"] += "- [Two](two/README.md)\n"
	probs, err := Check(write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || probs[0].Line != 5 || !strings.Contains(probs[0].Msg, "two/README.md") {
		t.Fatalf("problems %v, want SUMMARY.md:5 naming two/README.md", probs)
	}
}

func TestUnreadableBook(t *testing.T) {
	if _, err := Check(t.TempDir()); err == nil || !strings.Contains(err.Error(), "book.toml") {
		t.Fatalf("a folder without book.toml: %v", err)
	}
}

// The project's own book must pass.
func TestProjectBook(t *testing.T) {
	probs, err := Check(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Error(p)
	}
}

const cleanNotebook = `{"cells": [{"cell_type": "code", "id": "a", "metadata": {}, "execution_count": null, "outputs": [], "source": ["x := 1"]}],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`

const runNotebook = `{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# T"},
 {"cell_type": "code", "metadata": {}, "execution_count": 3, "source": ["x := 1\n", "x"],
  "outputs": [{"output_type": "execute_result", "data": {"text/plain": ["1"]}}]}],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`

func TestCodeChapterNeedsNotebookAndExercises(t *testing.T) {
	files := book(intro)
	files["chapters/one/model.go"] = "package one\n"
	probs, err := Check(write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 2 || !strings.Contains(probs[0].Msg, "no notebook") || !strings.Contains(probs[0].Msg, filepath.Join("notebooks", "one.ipynb")) ||
		!strings.Contains(probs[1].Msg, "no graded exercises") || !strings.Contains(probs[1].Msg, filepath.Join("exercises", "one")) {
		t.Fatalf("want a missing notebook and missing exercises, got %v", probs)
	}
	files["notebooks/one.ipynb"] = cleanNotebook
	files["exercises/one/01_first/exercise.json"] = `{"title": "first"}`
	if probs, _ := Check(write(t, files)); len(probs) != 0 {
		t.Errorf("with both: %v", probs)
	}
	files["notebooks/one.ipynb"] = runNotebook
	probs, _ = Check(write(t, files))
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, "cell 2 (x := 1): 1 outputs, execution count 3") {
		t.Errorf("a notebook with outputs: %v", probs)
	}
}
