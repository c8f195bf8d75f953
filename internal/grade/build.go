package grade

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// job is the private copy one exercise of one submission is graded in:
// src holds a module with the submission's files and the course's tests
// (read-only once built), tmp is the only folder the tests may write to.
type job struct {
	dir, src, tmp, bin string
}

// newJob writes files and the exercise's tests into a private module
// whose go.mod points the course's module at the read-only build root.
func (c *Course) newJob(ex *Exercise, files map[string][]byte) (*job, error) {
	dir, err := os.MkdirTemp(c.work, "job-*")
	if err != nil {
		return nil, err
	}
	j := &job{dir: dir, src: filepath.Join(dir, "src"), tmp: filepath.Join(dir, "tmp"), bin: filepath.Join(dir, "graded.test")}
	for _, d := range []string{j.src, j.tmp} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return nil, err
		}
	}
	write := func(name string, b []byte) error { return os.WriteFile(filepath.Join(j.src, name), b, 0o644) }
	if err := write("go.mod", c.jobGoMod(ex)); err != nil {
		return nil, err
	}
	if err := copyFile(filepath.Join(c.buildRoot, "go.sum"), filepath.Join(j.src, "go.sum")); err != nil {
		return nil, err
	}
	for name, b := range files {
		if err := write(name, b); err != nil {
			return nil, err
		}
	}
	for name, b := range ex.Tests { // after the submission's: the course's tests win
		if err := write(name, b); err != nil {
			return nil, err
		}
	}
	return j, nil
}

var moduleLine = regexp.MustCompile(`(?m)^module\s+\S+\s*$`)

// jobGoMod is the course's go.mod, renamed to the exercise's own module,
// requiring the course's module from the build root.
func (c *Course) jobGoMod(ex *Exercise) []byte {
	var b bytes.Buffer
	b.Write(moduleLine.ReplaceAll(c.goMod, []byte("module "+ModulePath+"/"+ex.Rel)))
	fmt.Fprintf(&b, "\nrequire %s v0.0.0\n\nreplace %s => %s\n", ModulePath, ModulePath, c.buildRoot)
	return b.Bytes()
}

// buildEnv is the environment of `go test -c`: the grader's own, with
// cgo, workspaces and toolchain switching turned off, so that neither the
// submission nor the environment can bring in code from elsewhere.
func buildEnv() []string {
	env := []string{}
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "GOFLAGS", "GOWORK", "CGO_ENABLED", "GOTOOLCHAIN", "GOOS", "GOARCH", "GOEXPERIMENT":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GOFLAGS=-mod=mod", "GOWORK=off", "CGO_ENABLED=0", "GOTOOLCHAIN=local")
}

// build compiles the job's test binary. The compiler runs no submitted
// code. It returns the compiler's messages when the build fails, and an
// error when the go command itself could not run.
func (j *job) build(opt Options) (ok bool, messages string, err error) {
	fin, err := runLimited(j.src, buildEnv(), limits{wall: opt.BuildTime, output: 1 << 20}, nil,
		"go", "test", "-c", "-o", j.bin, "-trimpath", "-vet=off", "-ldflags=-s -w", "-tags", "graded", ".")
	if err != nil {
		return false, "", fmt.Errorf("grade: running the go command: %w", err)
	}
	messages = strings.ReplaceAll(string(fin.output), j.src, ".")
	if fin.timedOut {
		return false, fmt.Sprintf("compiling took longer than %v\n%s", opt.BuildTime, messages), nil
	}
	return fin.exitCode == 0, messages, nil
}

// binaries remembers the test binary built from each set of files, so an
// exercise submitted byte for byte alike (an untouched stub, say) is
// compiled once per run. Grading still runs it afresh for each submission.
type binaries struct {
	mu    sync.Mutex
	built map[string]*builtBinary
}

type builtBinary struct {
	once     sync.Once
	path     string
	ok       bool
	messages string
	err      error
}

// filesKey identifies an exercise's build: its folder, its tests and the
// submission's files.
func filesKey(ex *Exercise, files map[string][]byte) string {
	h := sha256.New()
	for _, set := range []map[string][]byte{ex.Tests, files} {
		names := make([]string, 0, len(set))
		for name := range set {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			fmt.Fprintf(h, "%s\x00%d\x00", name, len(set[name]))
			h.Write(set[name])
		}
	}
	fmt.Fprintf(h, "%s", ex.Rel)
	return hex.EncodeToString(h.Sum(nil))
}

// build compiles j once per distinct key and leaves the binary at
// dir/key; later jobs with the same key use that binary.
func (b *binaries) build(dir string, j *job, key string, opt Options) (bool, string, error) {
	b.mu.Lock()
	if b.built == nil {
		b.built = map[string]*builtBinary{}
	}
	bb := b.built[key]
	if bb == nil {
		bb = &builtBinary{path: filepath.Join(dir, key+".test")}
		b.built[key] = bb
	}
	b.mu.Unlock()
	bb.once.Do(func() {
		bb.ok, bb.messages, bb.err = j.build(opt)
		if bb.ok {
			bb.err = os.Rename(j.bin, bb.path)
		}
	})
	j.bin = bb.path
	return bb.ok, bb.messages, bb.err
}
