package book

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/luoxia/aigc/internal/notebook"
)

// checkChapters holds every code chapter to the learning pipeline: a
// folder under the book's source that holds Go files is a code chapter,
// and needs notebooks/<name>.ipynb and at least one graded exercise in
// exercises/<name>/ (a folder with an exercise.json). Every notebook under
// notebooks/ must be committed without outputs.
func checkChapters(root, src string) []Problem {
	var probs []Problem
	entries, err := os.ReadDir(src)
	if err != nil {
		return []Problem{{src, 0, err.Error()}}
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(src, e.Name())
		goFiles, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		if len(goFiles) == 0 {
			continue // a prose chapter
		}
		at := filepath.Join(dir, "README.md")
		nb := filepath.Join(root, "notebooks", e.Name()+".ipynb")
		if _, err := os.Stat(nb); err != nil {
			probs = append(probs, Problem{at, 0, fmt.Sprintf("chapter %q has code but no notebook %s", e.Name(), nb)})
		}
		ex := filepath.Join(root, "exercises", e.Name())
		if found, _ := filepath.Glob(filepath.Join(ex, "*", "exercise.json")); len(found) == 0 {
			probs = append(probs, Problem{at, 0, fmt.Sprintf("chapter %q has code but no graded exercises in %s (folders with an exercise.json)", e.Name(), ex)})
		}
	}
	notebooks, _ := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	for _, path := range notebooks {
		nb, err := notebook.Read(path)
		if err != nil {
			probs = append(probs, Problem{path, 0, err.Error()})
			continue
		}
		if dirty := nb.Dirty(); len(dirty) > 0 {
			probs = append(probs, Problem{path, 0, "committed with outputs (clear them before committing): " + strings.Join(dirty, "; ")})
		}
	}
	return probs
}
