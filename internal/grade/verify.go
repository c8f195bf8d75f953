package grade

import (
	"fmt"
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

// Verification is what Verify found out about one exercise.
type Verification struct {
	Stub, Solved Result
	Cheats       []Result // one per Cheat, named in Result.Detail's first line
	Problems     []string // empty when the exercise is sound
}

// Verify proves an exercise is real: its stub must build and score zero,
// every generic cheat (Cheats) must score zero, and its solution, laid
// over the stub file for file, must score full marks.
func (c *Course) Verify(ex *Exercise, opt Options) Verification {
	var v Verification
	bad := func(format string, args ...any) {
		v.Problems = append(v.Problems, ex.Rel+": "+fmt.Sprintf(format, args...))
	}
	v.Stub = c.Grade(ex, ex.Stub, opt)
	if v.Stub.Status != StatusFailed && v.Stub.Status != StatusCrashed {
		bad("the stub's status is %q, want %q or %q (it must build, run and fail every test): %s", v.Stub.Status, StatusFailed, StatusCrashed, firstLines(v.Stub.Detail, 3))
	}
	for _, t := range v.Stub.Tests {
		if t.Passed {
			bad("the stub passes %s", t.Name)
		}
	}
	cheats, err := Cheats(ex.Stub)
	if err != nil {
		bad("%v", err)
	}
	for _, ch := range cheats {
		r := c.Grade(ex, ch.Files, opt)
		if r.Status == StatusBuildFailed || r.Status == StatusError {
			bad("the cheat returning %s does not build, so it proves nothing: %s", ch.Name, firstLines(r.Detail, 3))
		}
		for _, t := range r.Tests {
			if t.Passed {
				bad("a stub returning %s passes %s (%d point(s))", ch.Name, t.Name, t.Possible)
			}
		}
		r.Detail = "cheat: returns " + ch.Name + "\n" + r.Detail
		v.Cheats = append(v.Cheats, r)
	}
	sol, err := SolutionDir(filepath.Join(c.Root, filepath.FromSlash(ex.Rel)))
	if err != nil {
		bad("%v", err)
		return v
	}
	files, err := readGoFiles(sol, 0)
	if err != nil {
		bad("%v", err)
		return v
	}
	solved := map[string][]byte{}
	for name, b := range ex.Stub {
		solved[name] = b
	}
	n := 0
	for name, b := range files {
		switch {
		case strings.HasSuffix(name, "_test.go"):
			bad("%s: solutions hold no tests", filepath.Join(sol, name))
		case ex.Stub[name] == nil:
			bad("%s has no counterpart in the exercise", filepath.Join(sol, name))
		default:
			solved[name] = b
			n++
		}
	}
	if n == 0 {
		bad("no solution files in %s", sol)
		return v
	}
	v.Solved = c.Grade(ex, solved, opt)
	if v.Solved.Earned != v.Solved.Possible {
		bad("the solution scores %d/%d (%s): %s", v.Solved.Earned, v.Solved.Possible, v.Solved.Status, firstLines(v.Solved.Detail, 3))
	}
	return v
}
