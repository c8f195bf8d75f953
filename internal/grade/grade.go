// Package grade runs luoxia's graded exercises and scores them.
//
// An exercise is a folder holding exercise.json (title, hint, and the
// points each graded test is worth), the learner's Go files, and test
// files built only with the "graded" tag. A chapter's exercise folder
// holds a MANIFEST of the SHA-256 of every graded test file.
//
// Nothing a submission holds is trusted. The grader reads the course — the
// tests, the MANIFEST, the points and the library (lib/) — from the course
// tree once, into a Course, before any submitted code runs. For each
// exercise it builds a private module holding only the submission's
// non-test Go files and the course's tests, refuses imports outside a short
// list (no os, syscall, unsafe, runtime, testing; nothing of the course's
// solutions/, internal/ or cmd/), compiles the test binary with `go test -c`,
// and runs it once per graded test in its own process group, under a wall
// time, an address-space limit and an output cap. A test earns its points
// only when its own process exits with status 0 and the test framework's
// framed report names that test exactly once, as passed.
package grade

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Meta is an exercise's exercise.json.
type Meta struct {
	Title  string         `json:"title"`
	Hint   string         `json:"hint"`
	Points map[string]int `json:"points"` // graded test name -> points
	// Seconds is the wall time the exercise's tests need at the least,
	// for an exercise whose tests train a model: the grader allows the
	// larger of this and Options.Timeout. It comes from the course's
	// exercise.json, never a submission's.
	Seconds int `json:"seconds,omitempty"`
	// MemoryMiB is the address space the exercise's test processes need
	// at the least, in MiB, for tests that load a dataset: the grader
	// allows the larger of this and Options.Memory.
	MemoryMiB int64 `json:"memory_mib,omitempty"`
}

// Test is one graded test's outcome.
type Test struct {
	Name     string `json:"name"`
	Points   int    `json:"points"`
	Possible int    `json:"possible"`
	Passed   bool   `json:"passed"`
	Status   string `json:"status"` // passed, failed, crashed, timed out, out of memory, output limit, not run
	Output   string `json:"output,omitempty"`
}

// The statuses of an exercise's Result.
const (
	StatusPassed      = "passed"       // every graded test passed
	StatusPartial     = "partial"      // some passed
	StatusFailed      = "failed"       // none passed, the code ran to the end
	StatusBuildFailed = "build failed" // the submission did not compile
	StatusCrashed     = "crashed"      // a test panicked or the runtime stopped the program
	StatusTimedOut    = "timed out"    // a test ran past the wall time
	StatusOutOfMemory = "out of memory"
	StatusOutputLimit = "output limit" // a test printed more than the output cap
	StatusRefused     = "refused"      // the submission imports or holds what grading forbids
	StatusMissing     = "missing"      // the submission has no Go files for the exercise
	StatusTampered    = "tampered"     // the course's graded tests differ from its MANIFEST
	StatusError       = "grader error" // the grader itself could not grade (not the submission's fault)
)

// Result is one exercise's score.
type Result struct {
	Exercise string        `json:"exercise"` // the folder, relative to the course root
	Title    string        `json:"title"`
	Earned   int           `json:"earned"`
	Possible int           `json:"possible"`
	Status   string        `json:"status"`
	Hint     string        `json:"hint,omitempty"`
	Detail   string        `json:"detail,omitempty"`
	Tests    []Test        `json:"tests"`
	Duration time.Duration `json:"duration_ns"`
}

// Options controls a grading run. Zero fields take the defaults below.
type Options struct {
	Timeout     time.Duration // wall time for all of one exercise's tests; default DefaultTimeout
	BuildTime   time.Duration // wall time for compiling one exercise; default DefaultBuildTime
	Memory      int64         // address-space limit of a test process in bytes; default DefaultMemory
	OutputLimit int64         // bytes a test process may print before it is killed; default DefaultOutputLimit
	// MNIST, when set, is a folder of the MNIST IDX files that tests
	// training on digits read, given to them as $AIGC_MNIST_DIR (the
	// test processes see no module cache of their own).
	MNIST string
}

// Defaults of Options.
const (
	DefaultTimeout     = time.Minute
	DefaultBuildTime   = 5 * time.Minute
	DefaultMemory      = 2 << 30
	DefaultOutputLimit = 8 << 20
)

// keptOutput is how much of a test process's output grading keeps.
const keptOutput = 16 << 10

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.BuildTime <= 0 {
		o.BuildTime = DefaultBuildTime
	}
	if o.Memory <= 0 {
		o.Memory = DefaultMemory
	}
	if o.OutputLimit <= 0 {
		o.OutputLimit = DefaultOutputLimit
	}
	return o
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
	path := filepath.Join(dir, "exercise.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return m, fmt.Errorf("grade: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("grade: %s: %w", path, err)
	}
	if len(m.Points) == 0 {
		return m, fmt.Errorf("grade: %s lists no graded tests under \"points\"", path)
	}
	for name, p := range m.Points {
		if p < 0 || !isIdent(name) {
			return m, fmt.Errorf("grade: %s: %q: want a test name worth 0 or more points", path, name)
		}
	}
	return m, nil
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9'
		if !ok {
			return false
		}
	}
	return true
}
