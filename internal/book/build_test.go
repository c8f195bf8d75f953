package book

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// toolsEnv, when set to 1, makes the tests that need node and the book's
// npm tools fail instead of skip when those are missing (check.sh sets it
// once it has installed them).
const toolsEnv = "AIGC_BOOK_TOOLS"

// needTools returns the npm tools' folder, or skips the test when node or
// the installed tools are missing.
func needTools(t *testing.T, what ...string) string {
	t.Helper()
	tools, _ := filepath.Abs("web")
	missing := ""
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node"
	}
	for _, w := range append([]string{"katex", "cargo-mdbook"}, what...) {
		if _, err := os.Stat(filepath.Join(tools, "node_modules", w)); err != nil {
			missing = "node_modules/" + w + " (npm ci in " + tools + ")"
		}
	}
	if missing != "" {
		if os.Getenv(toolsEnv) == "1" {
			t.Fatalf("%s is missing and %s=1", missing, toolsEnv)
		}
		t.Skipf("%s is missing", missing)
	}
	return tools
}

// buildBook builds a test book from files and returns its HTML folder.
func buildBook(t *testing.T, files map[string]string, notebooks string) (string, error) {
	t.Helper()
	tools := needTools(t)
	root := write(t, files)
	out := filepath.Join(root, "out", "book")
	err := Build(BuildOptions{Root: root, Out: out, Tools: tools, Notebooks: notebooks})
	return out, err
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildRendersMathIncludesAndPictures(t *testing.T) {
	files := book(intro + "Inline $\\frac{a}{b}$ and\n\n$$\n\\sum_i x_i\n$$\n\n![a figure](fig.png)\n\n`$HOME` stays code.\n")
	files["chapters/one/fig.png"] = "\x89PNG\r\n\x1a\n"
	out, err := buildBook(t, files, "")
	if err != nil {
		t.Fatal(err)
	}
	html := readFile(t, filepath.Join(out, "one", "README.html"))
	for _, want := range []string{`class="katex"`, `class="katex-display"`, "func f() {}", `src="fig.png"`, "<code>$HOME</code>"} {
		if !strings.Contains(html, want) {
			t.Errorf("one/README.html lacks %s", want)
		}
	}
	for _, leftover := range []string{"$\\frac", "\\sum_i", "{{#include", "ANCHOR"} {
		if strings.Contains(html, leftover) {
			t.Errorf("one/README.html still holds %q", leftover)
		}
	}
	for _, f := range []string{"katex.min.css", "luoxia.css", "fonts/KaTeX_Main-Regular.woff2", "one/fig.png", "index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the book lacks %s", f)
		}
	}
}

func TestBuildFails(t *testing.T) {
	cases := []struct{ name, page, want string }{
		{"broken include", "Then:\n{{#include ../../lib/x/nope.go:f}}\n", "nope.go"},
		{"broken anchor", "Then:\n{{#include ../../lib/x/x.go:g}}\n", "no ANCHOR: g"},
		{"missing image", "See ![the curve](curve.png).\n", `image "curve.png": no such file`},
		{"formula KaTeX cannot parse", "Half $\\frac{1}{$ a formula.\n", `README.md:9: formula "\\frac{1}{"`},
		{"unknown command", "An $\\undefinedcommand x$.\n", "undefinedcommand"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := buildBook(t, book(intro+c.page), "")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed build left %s", out)
			}
		})
	}
}

func TestBuildAddsExecutedNotebooks(t *testing.T) {
	files := book(intro)
	files["notebooks/one.ipynb"] = cleanNotebook
	run := t.TempDir()
	if _, err := buildBook(t, files, run); err == nil || !strings.Contains(err.Error(), "no executed copy") {
		t.Fatalf("a notebook that was not executed: %v", err)
	}
	executed := `{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# The notebook\nwith $\\alpha$"},
 {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": ["x := 1\n", "x"],
  "outputs": [{"output_type": "execute_result", "data": {"text/plain": ["1"]}}]}],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`
	if err := os.WriteFile(filepath.Join(run, "one.ipynb"), []byte(executed), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := buildBook(t, files, run)
	if err != nil {
		t.Fatal(err)
	}
	html := readFile(t, filepath.Join(out, "one", "notebook.html"))
	for _, want := range []string{"The notebook", `class="katex"`, "x := 1", `<code class="language-text">1`, "notebooks/one.ipynb"} {
		if !strings.Contains(html, want) {
			t.Errorf("one/notebook.html lacks %q:\n%s", want, html)
		}
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "one", "README.html")), `href="../one/notebook.html"`) {
		t.Error("the chapter's page does not list the notebook's page in its table of contents")
	}
}

// A relative -out is relative to the working folder, as a reader expects,
// not to mdBook's book folder.
func TestBuildRelativeOut(t *testing.T) {
	tools := needTools(t)
	root := write(t, book(intro))
	t.Chdir(root)
	if err := Build(BuildOptions{Root: ".", Out: filepath.Join("out", "book"), Tools: tools}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "out", "book", "one", "README.html")); err != nil {
		t.Error(err)
	}
}
