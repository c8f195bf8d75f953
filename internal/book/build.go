package book

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// BuildOptions says where the book comes from and where its HTML goes.
type BuildOptions struct {
	Root      string    // the folder holding book.toml
	Out       string    // the HTML book's folder; replaced whole, and only once the build has succeeded
	Tools     string    // the folder holding package.json and its installed node_modules (default Root/internal/book/web)
	Notebooks string    // a folder of executed notebooks, NAME.executed.ipynb (or NAME.ipynb) for chapter NAME; "" builds the book without them
	MDBook    string    // the mdbook program (default: the one npm installed in Tools, else mdbook on PATH)
	Log       io.Writer // where progress goes; nil for none
}

// page is one Markdown page of the staged book: its path under the
// book's source, the file it came from, and its text. Its math is found
// before its includes are pasted, so that a formula's line is the line in
// its file, and code pasted into a page is never read as math.
type page struct {
	rel, from, text string
	includes        bool // whether to paste its {{#include}}s, after its math is rendered
}

// Build builds the HTML book: it checks the sources as Check does (and
// refuses a book with problems), pastes every include, renders every
// formula to HTML with KaTeX, adds each executed notebook as a page after
// its chapter (NAME/notebook.md, its pictures beside it), and has mdBook
// turn the result into HTML with KaTeX's stylesheet and fonts, so the
// book reads offline. The HTML lands in o.Out only when every step
// succeeded, and every picture a page shows must exist there.
func Build(o BuildOptions) error {
	logf := func(format string, args ...any) {
		if o.Log != nil {
			fmt.Fprintf(o.Log, format+"\n", args...)
		}
	}
	if o.Tools == "" {
		o.Tools = filepath.Join(o.Root, "internal", "book", "web")
	}
	// mdBook reads a relative destination from the book's folder, not
	// from the working folder.
	out, err := filepath.Abs(o.Out)
	if err != nil {
		return err
	}
	o.Out = out
	mdbook, err := findMDBook(o)
	if err != nil {
		return err
	}
	probs, err := Check(o.Root)
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		var msgs []string
		for _, p := range probs {
			msgs = append(msgs, p.String())
		}
		return fmt.Errorf("the book has %d problem(s) (aigc book check lists them):\n\t%s", len(probs), strings.Join(msgs, "\n\t"))
	}
	src, _ := sourceDir(o.Root)
	summary, pages, err := stagePages(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(o.Out)), 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(filepath.Dir(filepath.Clean(o.Out)), ".book-src-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	stageSrc := filepath.Join(stage, "src")
	if err := copyPictures(src, stageSrc); err != nil {
		return err
	}
	summary, nbPages, err := notebookPages(o, stageSrc, summary)
	if err != nil {
		return err
	}
	pages = append(pages, nbPages...)
	if err := writeMath(o.Tools, stageSrc, pages, logf); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(stageSrc, "SUMMARY.md"), []byte(strings.Join(summary, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	if err := writeTheme(o, stage); err != nil {
		return err
	}
	tmpOut := stage + "-html"
	defer os.RemoveAll(tmpOut)
	logf("mdbook build (%s)", mdbook)
	cmd := exec.Command(mdbook, "build", "--dest-dir", tmpOut, stage)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("mdbook build: %v\n%s", err, msg)
	}
	if err := indexRedirect(tmpOut, summary); err != nil {
		return err
	}
	if err := checkPictures(tmpOut); err != nil {
		return err
	}
	return replaceDir(tmpOut, o.Out)
}

// findMDBook is the mdbook program to run.
func findMDBook(o BuildOptions) (string, error) {
	if o.MDBook != "" {
		return o.MDBook, nil
	}
	if runtime.GOOS == "linux" && runtime.GOARCH == "amd64" {
		p := filepath.Join(o.Tools, "node_modules", "cargo-mdbook", "bin", "mdbook-linux")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	p, err := exec.LookPath("mdbook")
	if err != nil {
		return "", fmt.Errorf("no mdbook: run npm ci in %s (it installs mdBook 0.4.4 and KaTeX), or put mdbook on PATH", o.Tools)
	}
	return p, nil
}

// stagePages reads SUMMARY.md and every page it lists.
func stagePages(src string) ([]string, []page, error) {
	summary, err := readLines(filepath.Join(src, "SUMMARY.md"))
	if err != nil {
		return nil, nil, err
	}
	var pages []page
	for _, line := range summary {
		for _, m := range summaryLn.FindAllStringSubmatch(line, -1) {
			if m[1] == "" {
				continue
			}
			from := filepath.Join(src, filepath.FromSlash(m[1]))
			b, err := os.ReadFile(from)
			if err != nil {
				return nil, nil, err
			}
			pages = append(pages, page{rel: m[1], from: from, text: string(b), includes: true})
		}
	}
	return summary, pages, nil
}

// pictureExt are the files copied from the book's source into the HTML.
var pictureExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true}

// copyPictures copies every picture under src to the same place under dst.
func copyPictures(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !pictureExt[strings.ToLower(filepath.Ext(path))] {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		return copyFile(path, filepath.Join(dst, rel))
	})
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// writeMath renders every page's formulas in one run of KaTeX, pastes
// the pages' includes and writes the pages under dst.
func writeMath(tools, dst string, pages []page, logf func(string, ...any)) error {
	var (
		all    []Formula
		pieces = make([][]mathPiece, len(pages))
		offset = make([]int, len(pages))
	)
	for i, p := range pages {
		ps, fs := splitMath(p.from, p.text)
		offset[i] = len(all)
		for k := range ps {
			if ps[k].formula >= 0 {
				ps[k].formula += offset[i]
			}
		}
		pieces[i] = ps
		all = append(all, fs...)
	}
	logf("rendering %d formulas on %d pages with KaTeX", len(all), len(pages))
	html, err := renderMath(tools, all)
	if err != nil {
		return err
	}
	for i, p := range pages {
		to := filepath.Join(dst, filepath.FromSlash(p.rel))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		text := joinMath(pieces[i], html)
		if p.includes {
			if text, err = expandIncludes(p.from, text); err != nil {
				return err
			}
		}
		if err := os.WriteFile(to, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// replaceDir puts the finished folder from at to, removing what was there.
func replaceDir(from, to string) error {
	old := to + ".old"
	os.RemoveAll(old)
	if _, err := os.Stat(to); err == nil {
		if err := os.Rename(to, old); err != nil {
			return err
		}
	}
	if err := os.Rename(from, to); err != nil {
		return err
	}
	return os.RemoveAll(old)
}

// indexRedirect makes the book's index.html send the reader to the first
// page. mdBook writes the first page's HTML there too, but its relative
// links and pictures point from the page's own folder, and break at the
// root.
func indexRedirect(dir string, summary []string) error {
	first := ""
	for _, line := range summary {
		if m := summaryLn.FindStringSubmatch(line); m != nil && m[1] != "" {
			first = strings.TrimSuffix(m[1], ".md") + ".html"
			break
		}
	}
	if first == "" {
		return fmt.Errorf("SUMMARY.md lists no page")
	}
	html := fmt.Sprintf(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>luoxia</title>
<meta http-equiv="refresh" content="0; url=%[1]s"></head>
<body><p><a href="%[1]s">The book starts here.</a></p></body></html>
`, first)
	return os.WriteFile(filepath.Join(dir, "index.html"), []byte(html), 0o644)
}
