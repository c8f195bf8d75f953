package grade

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// SolutionDir maps an exercise folder to its mirror under solutions/: the
// last path element named "exercises" becomes "solutions".
func SolutionDir(dir string) (string, error) {
	parts := strings.Split(filepath.ToSlash(filepath.Clean(dir)), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] == "exercises" {
			parts[i] = "solutions"
			return filepath.FromSlash(strings.Join(parts, "/")), nil
		}
	}
	return "", fmt.Errorf("grade: %s is not under an exercises folder", dir)
}

// Verify proves an exercise is real: its stub must score zero on every
// graded test (and still build), and its solution, laid over the stub file
// for file, must score full marks. It returns the two results and a list
// of what is wrong (empty when the exercise is sound).
func Verify(dir string, opt Options) (stub, solved Result, problems []string) {
	stub = Grade(dir, opt)
	if stub.Status != "failed" {
		problems = append(problems, fmt.Sprintf("%s: the stub's status is %q, want \"failed\" (it must build and fail every test)", dir, stub.Status))
	}
	for _, t := range stub.Tests {
		if t.Passed {
			problems = append(problems, fmt.Sprintf("%s: the stub passes %s", dir, t.Name))
		}
	}
	sol, err := SolutionDir(dir)
	if err != nil {
		return stub, solved, append(problems, err.Error())
	}
	files, _ := filepath.Glob(filepath.Join(sol, "*.go"))
	overlay := map[string]string{}
	for _, f := range files {
		target := filepath.Join(dir, filepath.Base(f))
		if strings.HasSuffix(f, "_test.go") {
			problems = append(problems, fmt.Sprintf("%s: solutions hold no tests", f))
			continue
		}
		if _, err := os.Stat(target); err != nil {
			problems = append(problems, fmt.Sprintf("%s has no counterpart %s", f, target))
			continue
		}
		overlay[target] = f
	}
	if len(overlay) == 0 {
		return stub, solved, append(problems, fmt.Sprintf("%s: no solution files in %s", dir, sol))
	}
	o := opt
	o.Overlay = overlay
	solved = Grade(dir, o)
	if solved.Earned != solved.Possible {
		problems = append(problems, fmt.Sprintf("%s: the solution scores %d/%d (%s)", dir, solved.Earned, solved.Possible, solved.Status))
	}
	return stub, solved, problems
}
