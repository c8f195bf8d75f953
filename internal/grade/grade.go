// Package grade runs luoxia's graded exercises and scores them.
//
// An exercise is a folder holding exercise.json (title, hint, and the
// points each graded test is worth), the learner's Go files, and test
// files built only with the "graded" tag. A chapter's exercise folder
// holds a MANIFEST of the SHA-256 of every graded test file, so an edited
// test is caught and scores zero. Each exercise runs in its own
// `go test -json` with a time limit, so code that fails to compile, panics
// or loops forever costs that exercise only.
package grade

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Meta is an exercise's exercise.json.
type Meta struct {
	Title  string         `json:"title"`
	Hint   string         `json:"hint"`
	Points map[string]int `json:"points"` // graded test name -> points
}

// Test is one graded test's outcome.
type Test struct {
	Name     string `json:"name"`
	Points   int    `json:"points"`
	Possible int    `json:"possible"`
	Passed   bool   `json:"passed"`
	Output   string `json:"output,omitempty"`
}

// Result is one exercise's score.
type Result struct {
	Exercise string        `json:"exercise"` // the folder
	Title    string        `json:"title"`
	Earned   int           `json:"earned"`
	Possible int           `json:"possible"`
	Status   string        `json:"status"` // passed, partial, failed, build failed, timed out, tampered
	Hint     string        `json:"hint,omitempty"`
	Detail   string        `json:"detail,omitempty"`
	Tests    []Test        `json:"tests"`
	Duration time.Duration `json:"duration_ns"`
}

// Options controls a grading run.
type Options struct {
	Timeout time.Duration     // per exercise; 0 means one minute
	Overlay map[string]string // file path -> replacement file (go test -overlay), for verification
}

// Find lists the exercise folders under each path: the path itself if it
// holds exercise.json, else its subfolders that do, sorted.
func Find(paths []string) ([]string, error) {
	var dirs []string
	for _, p := range paths {
		if _, err := os.Stat(filepath.Join(p, "exercise.json")); err == nil {
			dirs = append(dirs, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("grade: %w", err)
		}
		n := len(dirs)
		for _, e := range entries {
			sub := filepath.Join(p, e.Name())
			if _, err := os.Stat(filepath.Join(sub, "exercise.json")); e.IsDir() && err == nil {
				dirs = append(dirs, sub)
			}
		}
		if len(dirs) == n {
			return nil, fmt.Errorf("grade: no exercise (a folder with exercise.json) in %s", p)
		}
	}
	return dirs, nil
}

// ReadMeta reads dir/exercise.json.
func ReadMeta(dir string) (Meta, error) {
	var m Meta
	b, err := os.ReadFile(filepath.Join(dir, "exercise.json"))
	if err != nil {
		return m, fmt.Errorf("grade: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("grade: %s: %w", filepath.Join(dir, "exercise.json"), err)
	}
	if len(m.Points) == 0 {
		return m, fmt.Errorf("grade: %s lists no graded tests under \"points\"", filepath.Join(dir, "exercise.json"))
	}
	return m, nil
}

// Grade scores one exercise folder.
func Grade(dir string, opt Options) Result {
	start := time.Now()
	res := Result{Exercise: dir}
	meta, err := ReadMeta(dir)
	if err != nil {
		res.Status, res.Detail = "failed", err.Error()
		return res
	}
	res.Title, res.Hint = meta.Title, meta.Hint
	names := make([]string, 0, len(meta.Points))
	for name, p := range meta.Points {
		names = append(names, name)
		res.Possible += p
	}
	sort.Strings(names)
	for _, name := range names {
		res.Tests = append(res.Tests, Test{Name: name, Possible: meta.Points[name]})
	}
	defer func() { res.Duration = time.Since(start) }()

	if edited, err := Tampered(dir); err != nil || len(edited) > 0 {
		res.Status = "tampered"
		if err != nil {
			res.Detail = err.Error()
		} else {
			res.Detail = "graded test file(s) differ from the manifest: " + strings.Join(edited, ", ")
		}
		return res
	}
	outcome, output, status := run(dir, opt)
	for i := range res.Tests {
		t := &res.Tests[i]
		if outcome[t.Name] {
			t.Passed, t.Points = true, t.Possible
			res.Earned += t.Points
		} else {
			t.Output = output[t.Name]
		}
	}
	switch {
	case status != "":
		res.Status = status
		res.Detail = output[""]
	case res.Earned == res.Possible:
		res.Status = "passed"
	case res.Earned > 0:
		res.Status = "partial"
	default:
		res.Status = "failed"
	}
	if res.Earned == res.Possible {
		res.Hint = ""
	}
	return res
}

// run executes the graded tests of dir and returns which top-level tests
// passed, their output (the build's or the run's under ""), and a status
// for a run that did not complete ("build failed", "timed out").
func run(dir string, opt Options) (map[string]bool, map[string]string, string) {
	timeout := opt.Timeout
	if timeout == 0 {
		timeout = time.Minute
	}
	args := []string{"test", "-tags", "graded", "-json", "-count=1", "-timeout", timeout.String()}
	if len(opt.Overlay) > 0 {
		f, err := writeOverlay(opt.Overlay)
		if err != nil {
			return nil, map[string]string{"": err.Error()}, "failed"
		}
		defer os.Remove(f)
		args = append(args, "-overlay", f)
	}
	abs, _ := filepath.Abs(dir)
	args = append(args, ".")
	// The go command's own timeout panics a looping test; the context is
	// the backstop for anything that outlives it (a hung build).
	ctx, cancel := context.WithTimeout(context.Background(), timeout+30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = abs
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()

	passed, output := map[string]bool{}, map[string]string{}
	sawTest, timedOut := false, ctx.Err() != nil
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var ev struct{ Action, Test, Output string }
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			output[""] += sc.Text() + "\n"
			continue
		}
		top := strings.SplitN(ev.Test, "/", 2)[0]
		switch ev.Action {
		case "build-output": // the compiler's messages
			output[""] += ev.Output
		case "output":
			if len(output[top]) < 4000 {
				output[top] += ev.Output
			}
			if strings.Contains(ev.Output, "panic: test timed out") {
				timedOut = true
			}
		case "pass":
			if ev.Test != "" && !strings.Contains(ev.Test, "/") {
				passed[ev.Test], sawTest = true, true
			}
		case "fail":
			if ev.Test != "" {
				sawTest = true
			}
		}
	}
	output[""] += stderr.String()
	switch {
	case timedOut:
		return passed, output, "timed out"
	case err != nil && !sawTest: // no test ran: the package did not build
		return passed, output, "build failed"
	}
	return passed, output, ""
}

func writeOverlay(replace map[string]string) (string, error) {
	abs := map[string]string{}
	for from, to := range replace {
		f, err1 := filepath.Abs(from)
		t, err2 := filepath.Abs(to)
		if err := errors.Join(err1, err2); err != nil {
			return "", err
		}
		abs[f] = t
	}
	b, _ := json.Marshal(map[string]any{"Replace": abs})
	f, err := os.CreateTemp("", "grade-overlay-*.json")
	if err != nil {
		return "", err
	}
	defer f.Close()
	_, err = f.Write(b)
	return f.Name(), err
}

// Tampered compares dir's graded test files with the MANIFEST found in dir
// or the nearest folder above it, and returns the ones that differ, are
// missing, or are not listed.
func Tampered(dir string) ([]string, error) {
	manifest, base, err := findManifest(dir)
	if err != nil {
		return nil, err
	}
	want, err := ReadManifest(manifest)
	if err != nil {
		return nil, err
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil {
		return nil, err
	}
	var bad []string
	seen := map[string]bool{}
	for _, f := range files {
		name := filepath.ToSlash(filepath.Join(rel, filepath.Base(f)))
		seen[name] = true
		sum, err := fileSum(f)
		if err != nil {
			return nil, err
		}
		if want[name] != sum {
			bad = append(bad, name)
		}
	}
	for name := range want {
		if strings.HasPrefix(name, filepath.ToSlash(rel)+"/") && !seen[name] {
			bad = append(bad, name+" (missing)")
		}
	}
	sort.Strings(bad)
	return bad, nil
}

func findManifest(dir string) (path, base string, err error) {
	d, _ := filepath.Abs(dir)
	for {
		p := filepath.Join(d, "MANIFEST")
		if _, err := os.Stat(p); err == nil {
			return p, d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", fmt.Errorf("grade: no MANIFEST of graded tests in %s or above", dir)
		}
		d = parent
	}
}

// ReadManifest reads lines "sha256  relative/path" into a map.
func ReadManifest(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("grade: %w", err)
	}
	m := map[string]string{}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			return nil, fmt.Errorf("grade: %s:%d: want \"sha256  path\"", path, i+1)
		}
		m[f[1]] = f[0]
	}
	return m, nil
}

// WriteManifest writes dir/MANIFEST for every graded test file below dir.
func WriteManifest(dir string) error {
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return err
		}
		sum, err := fileSum(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, sum+"  "+filepath.ToSlash(rel)) // WalkDir walks in path order
		return nil
	})
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, "MANIFEST"), []byte(strings.Join(lines, "\n")+"\n"))
}

// writeAtomic writes a file through a temporary file in the same folder and
// a rename, so a reader never sees half of it.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("grade: writing %s: %w", path, err)
	}
	return nil
}

func fileSum(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:]), nil
}
