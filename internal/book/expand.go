package book

import (
	"fmt"
	"path/filepath"
	"strings"
)

// expandIncludes returns page's Markdown with every {{#include path[:sel]}}
// replaced by the lines it names, as mdBook pastes them: a whole file, a
// line range ("a:b", "a:", ":b", "a"), or the lines between
// `ANCHOR: name` and `ANCHOR_END: name`, with every anchor line inside
// dropped. Paths are relative to the page's folder. An include whose file
// or anchor is missing is an error naming the page and line.
func expandIncludes(page, text string) (string, error) {
	lines := strings.Split(text, "\n")
	dir := filepath.Dir(page)
	for i, line := range lines {
		var err error
		lines[i] = includeRe.ReplaceAllStringFunc(line, func(m string) string {
			arg := includeRe.FindStringSubmatch(m)[1]
			got, e := includedText(dir, arg)
			if e != nil && err == nil {
				err = fmt.Errorf("%s:%d: %v", page, i+1, e)
			}
			return got
		})
		if err != nil {
			return "", err
		}
	}
	return strings.Join(lines, "\n"), nil
}

// includedText is the text one include argument pastes.
func includedText(dir, arg string) (string, error) {
	if _, msg := resolveInclude(dir, arg); msg != "" {
		return "", fmt.Errorf("%s", msg)
	}
	path, sel := arg, ""
	if k := strings.Index(arg, ":"); k >= 0 {
		path, sel = arg[:k], arg[k+1:]
	}
	lines, err := readLines(filepath.Join(dir, filepath.FromSlash(path)))
	if err != nil {
		return "", err
	}
	if sel == "" || strings.Trim(sel, "0123456789:") == "" {
		from, to := lineRange(sel, len(lines))
		if to < from {
			return "", nil
		}
		return strings.Join(lines[from-1:to], "\n"), nil
	}
	var out []string
	in := false
	for _, l := range lines {
		if !in {
			if m := anchorStart.FindStringSubmatch(l); m != nil && m[1] == sel {
				in = true
			}
			continue
		}
		if m := anchorEnd.FindStringSubmatch(l); m != nil && m[1] == sel {
			break
		}
		if anchorStart.MatchString(l) || anchorEnd.MatchString(l) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n"), nil
}

// lineRange turns a line selection into the first and last lines it
// shows, counted from 1 and clamped to the file's n lines.
func lineRange(sel string, n int) (from, to int) {
	to = rangeLen(sel, n)
	if sel == "" {
		return 1, n
	}
	from = 1
	if p := strings.SplitN(sel, ":", 2); p[0] != "" {
		fmt.Sscan(p[0], &from)
	}
	if from < 1 {
		from = 1
	}
	return from, from + to - 1
}
