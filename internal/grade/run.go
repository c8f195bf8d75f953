package grade

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Grade scores files, a submission's Go files for ex by name, against the
// course's tests. Test files among them are ignored.
func (c *Course) Grade(ex *Exercise, files map[string][]byte, opt Options) Result {
	opt = opt.withDefaults()
	start := time.Now()
	res := Result{Exercise: ex.Rel, Title: ex.Meta.Title, Hint: ex.Meta.Hint}
	names := make([]string, 0, len(ex.Meta.Points))
	for name, p := range ex.Meta.Points {
		names = append(names, name)
		res.Possible += p
	}
	sort.Strings(names)
	for _, name := range names {
		res.Tests = append(res.Tests, Test{Name: name, Possible: ex.Meta.Points[name], Status: "not run"})
	}
	c.grade(ex, files, opt, &res)
	res.Duration = time.Since(start)
	if res.Earned == res.Possible {
		res.Hint = ""
	}
	return res
}

func (c *Course) grade(ex *Exercise, files map[string][]byte, opt Options, res *Result) {
	if ex.Tampered != "" {
		res.Status, res.Detail = StatusTampered, ex.Tampered
		return
	}
	own := map[string][]byte{}
	for name, b := range files {
		if !strings.HasSuffix(name, "_test.go") {
			own[name] = b
		}
	}
	if len(own) == 0 {
		res.Status, res.Detail = StatusMissing, "the submission holds no Go files for "+ex.Rel
		return
	}
	refused, broken := checkImports(ex.Rel, own)
	switch {
	case refused != nil:
		res.Status, res.Detail = StatusRefused, refused.Error()
		return
	case broken != nil:
		res.Status, res.Detail = StatusBuildFailed, broken.Error()
		return
	}
	j, err := c.newJob(ex, own)
	if err != nil {
		res.Status, res.Detail = StatusError, fmt.Sprintf("grade: preparing %s: %v", ex.Rel, err)
		return
	}
	defer unlockAndRemove(j.dir)
	ok, messages, err := c.binaries.build(filepath.Join(c.work, "bin"), j, filesKey(ex, own), opt)
	switch {
	case err != nil:
		res.Status, res.Detail = StatusError, err.Error()
		return
	case !ok:
		res.Status, res.Detail = StatusBuildFailed, messages
		return
	}
	if err := setReadOnly(j.src); err != nil {
		res.Status, res.Detail = StatusError, fmt.Sprintf("grade: %s: %v", ex.Rel, err)
		return
	}
	if d := time.Duration(ex.Meta.Seconds) * time.Second; d > opt.Timeout {
		opt.Timeout = d
	}
	if m := ex.Meta.MemoryMiB << 20; m > opt.Memory {
		opt.Memory = m
	}
	deadline := time.Now().Add(opt.Timeout)
	var problems []string
	worst := ""
	for i := range res.Tests {
		t := &res.Tests[i]
		left := time.Until(deadline)
		if left <= 0 {
			t.Status = StatusTimedOut
			t.Output = fmt.Sprintf("not run: the exercise's %v were used up", opt.Timeout)
			worst = worse(worst, StatusTimedOut)
			continue
		}
		note, err := j.runTest(t, left, opt)
		if err != nil {
			res.Status, res.Detail = StatusError, fmt.Sprintf("grade: running %s of %s: %v", t.Name, ex.Rel, err)
			return
		}
		if t.Passed {
			t.Points = t.Possible
			res.Earned += t.Points
		} else {
			worst = worse(worst, t.Status)
		}
		if note != "" {
			problems = append(problems, note)
		}
	}
	res.Detail = strings.Join(problems, "\n")
	switch {
	case worst != "" && worst != StatusFailed:
		res.Status = worst
	case res.Earned == res.Possible:
		res.Status = StatusPassed
	case res.Earned > 0:
		res.Status = StatusPartial
	default:
		res.Status = StatusFailed
	}
}

// severity orders the ways a test fails, the most telling first.
var severity = []string{StatusOutOfMemory, StatusTimedOut, StatusOutputLimit, StatusCrashed, StatusFailed}

func worse(a, b string) string {
	for _, s := range severity {
		if a == s || b == s {
			return s
		}
	}
	return a
}

// Lines the test binary prints in test2json mode start with this byte
// when they are the framework's own (=== RUN, --- PASS, ...).
const frameMark = "\x16"

// recovered matches what the testing package appends to a panic it
// reports: " [recovered]", " [recovered, repanicked]".
var recovered = regexp.MustCompile(` \[recovered[^\]]*\]$`)

var terminal = regexp.MustCompile(`^\x16--- (PASS|FAIL|SKIP): (\S+) \(`)

// runTest runs one graded test in its own process and sets t's outcome.
// The test passes only if the process exits with status 0 and the
// framework's framed report names it exactly once, as passed: a
// submission that prints "--- PASS" lines of its own adds reports and so
// fails. It returns a note for the exercise's detail when the test did
// not simply fail.
func (j *job) runTest(t *Test, left time.Duration, opt Options) (string, error) {
	var events []string
	var panicLine, fatalLine string
	onLine := func(line []byte) {
		if m := terminal.FindSubmatch(line); m != nil && string(m[2]) == t.Name {
			events = append(events, string(m[1]))
		}
		if panicLine == "" && bytes.HasPrefix(line, []byte("panic: ")) {
			panicLine = recovered.ReplaceAllString(string(line), "")
		}
		if fatalLine == "" && bytes.HasPrefix(line, []byte("fatal error: ")) {
			fatalLine = string(line)
		}
	}
	env := []string{"PATH=/usr/bin:/bin", "HOME=" + j.tmp, "TMPDIR=" + j.tmp}
	if opt.MNIST != "" {
		env = append(env, "AIGC_MNIST_DIR="+opt.MNIST)
	}
	fin, err := runLimited(j.src, env, limits{wall: left + 2*time.Second, memory: opt.Memory, output: opt.OutputLimit}, onLine,
		j.bin, "-test.run", "^"+regexp.QuoteMeta(t.Name)+"$", "-test.v=test2json", "-test.count=1",
		"-test.paniconexit0", "-test.timeout", left.String())
	if err != nil {
		return "", err
	}
	out := strings.ReplaceAll(string(fin.output), frameMark, "")
	out = strings.ReplaceAll(out, filepath.Dir(j.src), "")
	t.Output = out
	oom := strings.Contains(out, "out of memory") || strings.Contains(out, "failed to reserve") || strings.Contains(out, "cannot allocate memory")
	note := ""
	switch {
	case fin.outputExceeded:
		t.Status = StatusOutputLimit
		note = fmt.Sprintf("%s printed more than %d bytes and was stopped (-output-limit)", t.Name, opt.OutputLimit)
	case fin.timedOut || strings.Contains(panicLine, "test timed out"):
		t.Status = StatusTimedOut
		note = fmt.Sprintf("%s ran past the time limit (%v for the exercise, -timeout)", t.Name, opt.Timeout)
	case fin.exitCode != 0 && oom:
		t.Status = StatusOutOfMemory
		note = fmt.Sprintf("%s ran out of memory: the limit is %d MiB of address space, of which Go's runtime reserves about 0.8 GiB (-memory)", t.Name, opt.Memory>>20)
		if fin.memoryNote != "" {
			note += "; " + fin.memoryNote
		}
	case fin.exitCode != 0 && (panicLine != "" || fatalLine != "" || fin.exitCode < 0):
		t.Status = StatusCrashed
		msg := panicLine
		if msg == "" {
			msg = fatalLine
		}
		if msg == "" {
			msg = "ended by a signal"
		}
		note = fmt.Sprintf("%s crashed: %s", t.Name, msg)
	case fin.exitCode == 0 && len(events) == 1 && events[0] == "PASS":
		t.Status, t.Passed, t.Output = StatusPassed, true, ""
	case fin.exitCode == 0 && len(events) == 0:
		t.Status = StatusFailed
		note = fmt.Sprintf("%s did not run: the graded tests have no such test", t.Name)
	case len(events) > 1:
		t.Status = StatusFailed
		note = fmt.Sprintf("%s was reported %d times (%s): the submission prints lines that imitate the test framework, so its result cannot be trusted", t.Name, len(events), strings.Join(events, ", "))
	default:
		t.Status = StatusFailed
	}
	if len(t.Output) > 4000 {
		t.Output = t.Output[:4000] + "\n..."
	}
	return note, nil
}
