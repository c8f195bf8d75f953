package book

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// MaxIncludeLines is the most lines one {{#include}} may paste into a
// page, counted as mdBook pastes them (blank and comment lines included,
// anchor lines not). A page shows the step it explains, not the
// bookkeeping around it: a model's forward pass, one training step (the
// GAN chapter's DCGAN step is the pattern) or one estimator fits in forty
// lines, while a whole training loop with its validation, logging and
// timing runs to seventy and buries the step. Forty lines is also about
// one screen of the built book, so the reader sees the whole piece next to
// the sentence that explains it. Narrow a longer anchor to the part the
// text discusses; a function may hold two narrower anchors.
const MaxIncludeLines = 40

var (
	anchorStart = regexp.MustCompile(`ANCHOR:\s*([A-Za-z0-9_-]+)`)
	anchorEnd   = regexp.MustCompile(`ANCHOR_END:\s*([A-Za-z0-9_-]+)`)
)

// include is one {{#include path[:anchor]}} on a page, resolved.
type include struct {
	arg    string // the argument as written
	file   string // the included file, joined to the page's folder
	anchor string // "" for a whole file or a line range
	shown  int    // how many lines mdBook pastes into the page
}

// resolveInclude reads one {{#include path[:anchor]}} argument, relative
// to dir, the way mdBook does, and returns it with what is wrong, or "".
func resolveInclude(dir, arg string) (include, string) {
	inc := include{arg: arg}
	path, sel := arg, ""
	if k := strings.Index(arg, ":"); k >= 0 {
		path, sel = arg[:k], arg[k+1:]
	}
	inc.file = filepath.Join(dir, filepath.FromSlash(path))
	lines, err := readLines(inc.file)
	if err != nil {
		return inc, fmt.Sprintf("include %q: %v", arg, err)
	}
	if sel == "" || strings.Trim(sel, "0123456789:") == "" {
		inc.shown = rangeLen(sel, len(lines))
		return inc, ""
	}
	inc.anchor = sel
	begin, end := false, false
	for _, l := range lines {
		if !begin {
			if m := anchorStart.FindStringSubmatch(l); m != nil && m[1] == sel {
				begin = true
			}
			continue
		}
		if m := anchorEnd.FindStringSubmatch(l); m != nil {
			if m[1] == sel {
				end = true
				break
			}
			continue // mdBook drops other anchors' lines
		}
		if !anchorStart.MatchString(l) {
			inc.shown++
		}
	}
	switch {
	case !begin:
		return inc, fmt.Sprintf("include %q: %s has no ANCHOR: %s", arg, inc.file, sel)
	case !end:
		return inc, fmt.Sprintf("include %q: %s has no ANCHOR_END: %s after its ANCHOR", arg, inc.file, sel)
	}
	return inc, ""
}

// rangeLen is how many of a file's n lines a line selection shows:
// "" is the whole file, "a:b" lines a to b, "a:" from a on, ":b" up to b,
// and "a" line a alone, all counted from 1 as mdBook counts them.
func rangeLen(sel string, n int) int {
	if sel == "" {
		return n
	}
	from, to := 1, n
	parts := strings.SplitN(sel, ":", 2)
	if parts[0] != "" {
		from, _ = strconv.Atoi(parts[0])
	}
	switch {
	case len(parts) == 1:
		to = from
	case parts[1] != "":
		to, _ = strconv.Atoi(parts[1])
	}
	if to > n {
		to = n
	}
	if to < from {
		return 0
	}
	return to - from + 1
}

// tooLong reports an include that pastes more than MaxIncludeLines lines.
func tooLong(inc include) string {
	if inc.shown <= MaxIncludeLines {
		return ""
	}
	what := "anchor " + inc.anchor
	if inc.anchor == "" {
		what = "the selection"
	}
	return fmt.Sprintf("include %q shows %d lines, more than %d: narrow %s in %s to the part the text discusses (a function may hold two narrower anchors)",
		inc.arg, inc.shown, MaxIncludeLines, what, inc.file)
}
