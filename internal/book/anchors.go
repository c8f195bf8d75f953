package book

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
)

// anchorLine is an anchor's opening comment in a Go file.
var anchorLine = regexp.MustCompile(`^\s*//\s*ANCHOR:\s*([A-Za-z0-9_-]+)\s*$`)

// anchorKey names one anchor: the file that holds it and its name.
type anchorKey struct{ file, name string }

// checkAnchorsUsed reads the book the other way round: every
// `// ANCHOR: name` in a Go file under root must be included by some page,
// or it marks code the reader is never shown. used holds the anchors the
// pages include. Folders the go command ignores (names starting with . or
// _, and testdata) are skipped.
func checkAnchorsUsed(root string, used map[anchorKey]bool) []Problem {
	var probs []Problem
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		lines, err := readLines(path)
		if err != nil {
			probs = append(probs, Problem{path, 0, err.Error()})
			return nil
		}
		for i, l := range lines {
			m := anchorLine.FindStringSubmatch(l)
			if m == nil || used[anchorKey{path, m[1]}] {
				continue
			}
			probs = append(probs, Problem{path, i + 1, fmt.Sprintf(
				"anchor %q is included by no page: include it with {{#include %s:%s}} where the text discusses it, or remove its ANCHOR and ANCHOR_END lines",
				m[1], filepath.Base(path), m[1])})
		}
		return nil
	})
	if err != nil {
		probs = append(probs, Problem{root, 0, err.Error()})
	}
	return probs
}
