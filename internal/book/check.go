// Package book checks the book's sources the way mdBook would read them,
// since mdBook itself (a Rust program) is not part of the project's
// toolchain: every SUMMARY.md entry must name a file, every
// {{#include path:anchor}} must find its file and its anchor, and every
// math delimiter ($ and $$, rendered by the mdbook-katex preprocessor,
// GitHub and Jupyter alike) must be balanced, and every image a page shows
// must exist. It also holds each code
// chapter to the learning pipeline: a notebook, committed without outputs,
// and graded exercises.
package book

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Problem is one thing wrong with the book, at a file and line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

var (
	srcKey    = regexp.MustCompile(`^\s*src\s*=\s*"([^"]+)"`)
	summaryLn = regexp.MustCompile(`\[[^\]]*\]\(([^)]*)\)`)
	includeRe = regexp.MustCompile(`\{\{#include\s+([^}\s]+)\s*\}\}`)
	anchorRe  = regexp.MustCompile(`ANCHOR(_END)?:\s*([A-Za-z0-9_-]+)`)
	imageRe   = regexp.MustCompile(`!\[[^\]]*\]\(([^)\s]+)[^)]*\)`)
)

// Check reads root/book.toml, its SUMMARY.md and every page SUMMARY lists,
// and returns the problems found, sorted by file and line. An error means
// the book could not be read at all.
func Check(root string) ([]Problem, error) {
	src, err := sourceDir(root)
	if err != nil {
		return nil, err
	}
	summary := filepath.Join(src, "SUMMARY.md")
	lines, err := readLines(summary)
	if err != nil {
		return nil, fmt.Errorf("book: %w (book.toml's src is %q)", err, src)
	}
	var probs []Problem
	for i, line := range lines {
		for _, m := range summaryLn.FindAllStringSubmatch(line, -1) {
			if m[1] == "" {
				continue // a draft chapter, as mdBook allows
			}
			page := filepath.Join(src, filepath.FromSlash(m[1]))
			if _, err := os.Stat(page); err != nil {
				probs = append(probs, Problem{summary, i + 1, fmt.Sprintf("entry %q: no file %s", m[1], page)})
				continue
			}
			probs = append(probs, checkPage(page)...)
		}
	}
	probs = append(probs, checkChapters(root, src)...)
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].File != probs[j].File {
			return probs[i].File < probs[j].File
		}
		return probs[i].Line < probs[j].Line
	})
	return probs, nil
}

// sourceDir returns the folder book.toml names as its source.
func sourceDir(root string) (string, error) {
	toml := filepath.Join(root, "book.toml")
	lines, err := readLines(toml)
	if err != nil {
		return "", fmt.Errorf("book: %w", err)
	}
	for _, l := range lines {
		if m := srcKey.FindStringSubmatch(l); m != nil {
			return filepath.Join(root, filepath.FromSlash(m[1])), nil
		}
	}
	return filepath.Join(root, "src"), nil // mdBook's default
}

// checkPage checks one Markdown page's includes and math.
func checkPage(page string) []Problem {
	lines, err := readLines(page)
	if err != nil {
		return []Problem{{page, 0, err.Error()}}
	}
	var probs []Problem
	inFence, displayAt := false, 0
	for i, line := range lines {
		n := i + 1
		for _, m := range includeRe.FindAllStringSubmatch(line, -1) {
			if msg := checkInclude(filepath.Dir(page), m[1]); msg != "" {
				probs = append(probs, Problem{page, n, msg})
			}
		}
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		text := stripCodeSpans(line)
		for _, m := range imageRe.FindAllStringSubmatch(text, -1) {
			if strings.Contains(m[1], "://") {
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(page), filepath.FromSlash(m[1]))); err != nil {
				probs = append(probs, Problem{page, n, fmt.Sprintf("image %q: no such file", m[1])})
			}
		}
		// Display math: $$ opens and closes blocks, possibly on one line.
		for strings.Contains(text, "$$") {
			k := strings.Index(text, "$$")
			if displayAt == 0 {
				displayAt = n
			} else {
				displayAt = 0
			}
			text = text[:k] + " " + text[k+2:]
		}
		if displayAt != 0 {
			continue // inside display math, $ is TeX's business
		}
		if c := strings.Count(strings.ReplaceAll(text, `\$`, ""), "$"); c%2 != 0 {
			probs = append(probs, Problem{page, n, "unbalanced inline math: an odd number of $ on this line"})
		}
	}
	if displayAt != 0 {
		probs = append(probs, Problem{page, displayAt, "display math opened with $$ is never closed"})
	}
	if inFence {
		probs = append(probs, Problem{page, len(lines), "a ``` code fence is never closed"})
	}
	return probs
}

// checkInclude checks one {{#include path[:anchor]}} argument, relative
// to dir, and returns what is wrong, or "".
func checkInclude(dir, arg string) string {
	path, anchor := arg, ""
	if k := strings.Index(arg, ":"); k >= 0 {
		path, anchor = arg[:k], arg[k+1:]
	}
	file := filepath.Join(dir, filepath.FromSlash(path))
	lines, err := readLines(file)
	if err != nil {
		return fmt.Sprintf("include %q: %v", arg, err)
	}
	if anchor == "" || strings.Trim(anchor, "0123456789:") == "" {
		return "" // a whole file or a line range
	}
	var begin, end bool
	for _, l := range lines {
		for _, m := range anchorRe.FindAllStringSubmatch(l, -1) {
			if m[2] == anchor {
				if m[1] == "" {
					begin = true
				} else {
					end = begin
				}
			}
		}
	}
	switch {
	case !begin:
		return fmt.Sprintf("include %q: %s has no ANCHOR: %s", arg, file, anchor)
	case !end:
		return fmt.Sprintf("include %q: %s has no ANCHOR_END: %s after its ANCHOR", arg, file, anchor)
	}
	return ""
}

// stripCodeSpans blanks `inline code`, where $ is not math.
func stripCodeSpans(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		if r == '`' {
			in = !in
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}
