package book

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// bookCSS is the book's own stylesheet, after mdBook's: CJK text in Noto
// CJK (Debian's fonts-noto-cjk) after the theme's Latin fonts, so 落霞 and
// the Transformer chapter's Chinese read the same offline on any machine
// with those fonts, and wide display formulas scroll instead of spilling.
const bookCSS = `html { font-family: "Open Sans", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
code { font-family: "Source Code Pro", Consolas, "Ubuntu Mono", Menlo, "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace, monospace; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.2em 0; }
`

// writeTheme writes the staged book's book.toml (the project's [book]
// section with the staged source) and bundles KaTeX's stylesheet and
// fonts, so that the built book needs no network.
func writeTheme(o BuildOptions, stage string) error {
	lines, err := readLines(filepath.Join(o.Root, "book.toml"))
	if err != nil {
		return err
	}
	var toml strings.Builder
	inBook := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			inBook = t == "[book]"
		}
		if inBook && !srcKey.MatchString(l) {
			toml.WriteString(l + "\n")
		}
	}
	toml.WriteString(`src = "src"

# The pages arrive with their includes pasted and their math rendered,
# so mdBook's own preprocessors have nothing left to do; README.md stays
# README.html, as the pages link to it.
[build]
create-missing = false
use-default-preprocessors = false

[output.html]
additional-css = ["katex.min.css", "luoxia.css"]
`)
	if err := os.WriteFile(filepath.Join(stage, "book.toml"), []byte(toml.String()), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(stage, "luoxia.css"), []byte(bookCSS), 0o644); err != nil {
		return err
	}
	dist := filepath.Join(o.Tools, "node_modules", "katex", "dist")
	if err := copyFile(filepath.Join(dist, "katex.min.css"), filepath.Join(stage, "katex.min.css")); err != nil {
		return fmt.Errorf("KaTeX's stylesheet: %v (run npm ci in %s)", err, o.Tools)
	}
	fonts, err := filepath.Glob(filepath.Join(dist, "fonts", "*.woff2"))
	if err != nil || len(fonts) == 0 {
		return fmt.Errorf("no KaTeX fonts in %s (run npm ci in %s)", filepath.Join(dist, "fonts"), o.Tools)
	}
	for _, f := range fonts {
		if err := copyFile(f, filepath.Join(stage, "src", "fonts", filepath.Base(f))); err != nil {
			return err
		}
	}
	return nil
}

// imgSrc finds the pictures an HTML page shows.
var imgSrc = regexp.MustCompile(`<img[^>]*\ssrc="([^"]+)"`)

// checkPictures fails on an <img> in the built HTML whose file is missing.
func checkPictures(dir string) error {
	var missing []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range imgSrc.FindAllStringSubmatch(string(b), -1) {
			src := m[1]
			if strings.Contains(src, "://") || strings.HasPrefix(src, "data:") {
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(path), filepath.FromSlash(src))); err != nil {
				rel, _ := filepath.Rel(dir, path)
				missing = append(missing, fmt.Sprintf("%s shows %s, which is not in the book", rel, src))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("%d missing picture(s):\n\t%s", len(missing), strings.Join(missing, "\n\t"))
	}
	return nil
}
