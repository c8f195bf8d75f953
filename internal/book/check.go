// Package book checks the book's sources the way mdBook would read them,
// since mdBook itself (a Rust program) is not part of the project's
// toolchain: every SUMMARY.md entry must name a file, every
// {{#include path:anchor}} must find its file and its anchor, and every
// math delimiter ($ and $$, rendered by the mdbook-katex preprocessor,
// GitHub and Jupyter alike) must be balanced, and every image a page shows
// must exist.
//
// It also reads the book the other way, from the code to the text: every
// ANCHOR in a Go file must be included by some page, two includes must
// have a sentence between them that leads the reader from one piece of
// code to the next, and no include may paste more than MaxIncludeLines
// lines. Finally it holds each code chapter to the learning pipeline: a
// notebook, committed without outputs, and graded exercises.
package book

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
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
	used := map[anchorKey]bool{}
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
			pageProbs, incs := checkPage(page)
			probs = append(probs, pageProbs...)
			for _, inc := range incs {
				used[anchorKey{inc.file, inc.anchor}] = true
			}
		}
	}
	probs = append(probs, checkAnchorsUsed(root, used)...)
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

// checkPage checks one Markdown page's includes, prose and math, and
// returns the includes it found.
func checkPage(page string) ([]Problem, []include) {
	lines, err := readLines(page)
	if err != nil {
		return []Problem{{page, 0, err.Error()}}, nil
	}
	var (
		probs     []Problem
		incs      []include
		lastAt    int  // the line of the previous include, 0 before the first
		prose     bool // whether a sentence came after the previous include
		inFence   bool
		displayAt int
	)
	for i, line := range lines {
		n := i + 1
		for _, m := range includeRe.FindAllStringSubmatch(line, -1) {
			inc, msg := resolveInclude(filepath.Dir(page), m[1])
			if msg == "" {
				msg = tooLong(inc)
			}
			if msg != "" {
				probs = append(probs, Problem{page, n, msg})
			}
			if line != strings.TrimLeft(line, " \t") {
				probs = append(probs, Problem{page, n, fmt.Sprintf(
					"include %q is indented: mdBook pastes the file's lines unindented, so every line after the first leaves the list item or block it sits in; move the include to the start of a line, outside any list",
					m[1])})
			}
			if lastAt != 0 && !prose {
				probs = append(probs, Problem{page, n, fmt.Sprintf(
					"include %q follows include %q (line %d) with no sentence between: add one that tells the reader what the next piece of code does",
					inc.arg, incs[len(incs)-1].arg, lastAt)})
			}
			incs = append(incs, inc)
			lastAt, prose = n, false
		}
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		text := stripCodeSpans(line)
		if msg := damagedText(text, displayAt != 0); msg != "" {
			probs = append(probs, Problem{page, n, msg})
		}
		if displayAt == 0 && isProse(text) {
			prose = true
		}
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
	return probs, incs
}

// damagedText reports a line of text or math damaged by an escaping
// slip, where a TeX command's backslash and first letter became a control
// character (\b in \big, \f in \frac, \t in \times): such a formula
// may still parse, and show the wrong thing. A tab is suspect only inside
// math (inMath: the line is in display math; else between $ signs).
func damagedText(text string, inMath bool) string {
	for _, r := range text {
		if r < 0x20 && r != '\t' {
			return fmt.Sprintf("control character U+%04X in the text: a TeX command that lost its backslash to an escape such as \\b or \\f?", r)
		}
	}
	if !strings.Contains(text, "\t") {
		return ""
	}
	if !inMath {
		parts := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, `\$`, ""), "$$", "$"), "$")
		for k := 1; k < len(parts); k += 2 {
			if strings.Contains(parts[k], "\t") {
				inMath = true
			}
		}
	}
	if inMath {
		return "tab inside math: a \\t (as in \\text, \\times, \\tau) turned into a tab by an escape?"
	}
	return ""
}

// isProse reports whether a line of Markdown, outside code and display
// math, holds words a reader reads: a heading, a figure, an include or a
// formula alone does not lead from one piece of code to the next.
func isProse(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || strings.HasPrefix(t, "#") {
		return false
	}
	t = includeRe.ReplaceAllString(t, " ")
	t = imageRe.ReplaceAllString(t, " ")
	t = strings.ReplaceAll(t, `\$`, " ")
	t = strings.ReplaceAll(t, "$$", "$")
	for k, part := range strings.Split(t, "$") {
		if k%2 == 1 {
			continue // math
		}
		for _, r := range part {
			if unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
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
