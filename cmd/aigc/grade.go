package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/luoxia/aigc/internal/atomicfile"
	"github.com/luoxia/aigc/internal/grade"
	"github.com/luoxia/aigc/lib/data"
)

// Exit codes of aigc grade beyond 0 (every exercise full marks), 1 (the
// grader could not grade) and 2 (a usage mistake).
const exitPointsLost = 3

// exitError is an error that carries the process exit code run returns.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

// ExitCode is the exit code the command ends with.
func (e exitError) ExitCode() int { return e.code }

const gradeAbout = `Runs the graded tests of each exercise and prints points earned, a status
(passed, partial, failed, build failed, crashed, timed out, out of memory,
output limit, refused, missing, tampered) and the hint for what failed.

A learner grades their own checkout from its root (default: every exercise
under exercises/):

  aigc grade exercises/gan

An instructor grades a folder of submissions, one subfolder per student
laid out like the course (or holding just its exercises/ folder), against
the tests, MANIFEST and points of the course tree the command runs in (or
-course), never the submission's:

  aigc grade -submissions subs -j 2 -csv grades.csv -json grades.json exercises/gan

Each exercise is compiled in a private copy holding only the submission's
non-test Go files and the course's tests, and each graded test runs in its
own process group under -timeout, -memory and -output-limit, and may not
write files. Graded code may import only: ALLOWED.

Exit status: 0 when every exercise graded earned full marks; 3 when grading
finished but points were lost (a low score, a build failure, a crash of the
submission's code); 1 when the grader itself could not grade (no course
tree, the go command missing, a report not written); 2 for a usage mistake.
A script grading a class treats 0 and 3 as done. With -verify: 0 when the
exercises are sound, 1 when not.`

// runGrade is `aigc grade`.
func runGrade(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("grade", "[flags] [exercise folder ...]", wrap(strings.Replace(gradeAbout, "ALLOWED", grade.AllowedImports(), 1), 76), stderr)
	timeout := fs.Duration("timeout", grade.DefaultTimeout, "wall time for each exercise's tests (compiling it has five minutes of its own)")
	memory := fs.Int64("memory", grade.DefaultMemory>>20, "address-space limit of each test process, in MiB (Go's runtime reserves about 800 of them)")
	outputLimit := fs.Int64("output-limit", grade.DefaultOutputLimit>>20, "MiB a test may print before it is stopped")
	jsonOut := fs.String("json", "", "also write the results as JSON to this file")
	junitOut := fs.String("junit", "", "also write the results as JUnit XML to this file")
	csvOut := fs.String("csv", "", "with -submissions: also write one row per student as CSV to this file")
	submissions := fs.String("submissions", "", "grade every submission folder in this folder (instructor mode)")
	jobs := fs.Int("j", runtime.NumCPU(), "exercises graded at once")
	course := fs.String("course", "", "the course tree whose tests, MANIFEST and points grade (default: the tree holding the current folder)")
	verify := fs.Bool("verify", false, "check that every stub and every generic cheat scores 0 and every solution (solutions/...) full marks")
	manifest := fs.Bool("write-manifest", false, "maintainers: record the graded test files' checksums in each folder's MANIFEST")
	if err := parseFlags(fs, args, -1); err != nil {
		return err
	}
	paths := fs.Args()
	if *manifest {
		for _, p := range paths {
			if err := grade.WriteManifest(p); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(p, "MANIFEST"))
		}
		return nil
	}
	if *csvOut != "" && *submissions == "" {
		fmt.Fprintln(stderr, "aigc grade: -csv needs -submissions")
		return errUsage
	}
	root := *course
	if root == "" {
		r, err := grade.FindRoot(".")
		if err != nil {
			return fmt.Errorf("%w: run from the course's checkout, or name it with -course", err)
		}
		root = r
	}
	c, err := grade.OpenCourse(root)
	if err != nil {
		return err
	}
	defer c.Close()
	if note := grade.LimitsNote(); note != "" {
		fmt.Fprintf(stderr, "aigc grade: warning: %s\n", note)
	}
	exs, err := loadExercises(c, paths)
	if err != nil {
		return err
	}
	opt := grade.Options{Timeout: *timeout, Memory: *memory << 20, OutputLimit: *outputLimit << 20}
	if dir, err := data.MNISTDir(); err == nil {
		opt.MNIST = dir // for the exercises whose tests train on digits
	}
	switch {
	case *verify:
		return verifyAll(c, exs, opt, *jobs, stdout, stderr)
	case *submissions != "":
		return gradeClass(c, exs, *submissions, opt, *jobs, reports{*jsonOut, *junitOut, *csvOut}, stdout, stderr)
	}
	students := c.GradeAll([]string{c.Root}, exs, opt, *jobs, func(done, total int, _ string, r grade.Result) {
		fmt.Fprintf(stderr, "graded %s (%d/%d): %d/%d %s\n", r.Exercise, done, total, r.Earned, r.Possible, r.Status)
	})
	results := students[0].Results
	grade.Table(stdout, results)
	if err := writeReports(reports{*jsonOut, *junitOut, ""}, func(w io.Writer) error { return grade.JSON(w, results) },
		func(w io.Writer) error { return grade.JUnit(w, results) }, nil); err != nil {
		return err
	}
	return outcome(students)
}

// loadExercises reads the exercises named by paths (folders of the course
// tree, relative to the current folder or to the course's root), or every
// exercise under the course's exercises/ when paths is empty.
func loadExercises(c *grade.Course, paths []string) ([]*grade.Exercise, error) {
	if len(paths) == 0 {
		chapters, _ := filepath.Glob(filepath.Join(c.Root, "exercises", "*"))
		for _, ch := range chapters {
			if info, err := os.Stat(ch); err == nil && info.IsDir() {
				paths = append(paths, ch)
			}
		}
		if len(paths) == 0 {
			return nil, fmt.Errorf("no exercises/ folder in the course tree %s: name exercise folders", c.Root)
		}
	}
	for i, p := range paths {
		if _, err := os.Stat(p); err != nil && !filepath.IsAbs(p) {
			if _, err := os.Stat(filepath.Join(c.Root, p)); err == nil {
				paths[i] = filepath.Join(c.Root, p)
			}
		}
	}
	dirs, err := grade.Find(paths)
	if err != nil {
		return nil, err
	}
	var exs []*grade.Exercise
	for _, d := range dirs {
		ex, err := c.Load(d)
		if err != nil {
			return nil, err
		}
		exs = append(exs, ex)
	}
	return exs, nil
}

// reports are the files a run writes beside its table.
type reports struct{ json, junit, csv string }

func writeReports(r reports, js, junit, csv func(io.Writer) error) error {
	for _, rep := range []struct {
		path  string
		write func(io.Writer) error
	}{{r.json, js}, {r.junit, junit}, {r.csv, csv}} {
		if rep.path == "" || rep.write == nil {
			continue
		}
		if err := writeReport(rep.path, rep.write); err != nil {
			return err
		}
	}
	return nil
}

// writeReport writes a report atomically, readable by all (0644).
func writeReport(path string, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return fmt.Errorf("report %s: %w", path, err)
	}
	if err := atomicfile.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("report %s: %w", path, err)
	}
	return nil
}

// outcome turns graded results into the command's exit status.
func outcome(students []grade.Student) error {
	lost, broken := 0, 0
	for _, s := range students {
		for _, r := range s.Results {
			if r.Status == grade.StatusError {
				broken++
			}
			if r.Earned < r.Possible {
				lost++
			}
		}
	}
	switch {
	case broken > 0:
		return exitError{1, fmt.Errorf("the grader could not grade %d exercise(s) (status %q): see their detail", broken, grade.StatusError)}
	case lost > 0:
		return exitError{exitPointsLost, fmt.Errorf("graded: %d exercise(s) short of full marks", lost)}
	}
	return nil
}

// gradeClass is instructor mode: every submission in dir, jobs at a time.
func gradeClass(c *grade.Course, exs []*grade.Exercise, dir string, opt grade.Options, jobs int, rep reports, stdout, stderr io.Writer) error {
	subs, err := grade.Submissions(dir)
	if err != nil {
		return err
	}
	start := time.Now()
	fmt.Fprintf(stderr, "grading %d submissions x %d exercises, %d at a time, against %s\n", len(subs), len(exs), jobs, c.Root)
	students := c.GradeAll(subs, exs, opt, jobs, func(done, total int, sub string, r grade.Result) {
		fmt.Fprintf(stderr, "[%d/%d] %s %s: %d/%d %s\n", done, total, filepath.Base(sub), r.Exercise, r.Earned, r.Possible, r.Status)
	})
	grade.ClassTable(stdout, students)
	fmt.Fprintf(stderr, "graded %d submissions in %v\n", len(subs), time.Since(start).Round(time.Second))
	if err := writeReports(rep, func(w io.Writer) error { return grade.ClassJSON(w, students) },
		func(w io.Writer) error { return grade.ClassJUnit(w, students) },
		func(w io.Writer) error { return grade.ClassCSV(w, students) }); err != nil {
		return err
	}
	return outcome(students)
}

// verifyAll checks every exercise, jobs at a time, and prints one line each.
func verifyAll(c *grade.Course, exs []*grade.Exercise, opt grade.Options, jobs int, stdout, stderr io.Writer) error {
	found := make([]grade.Verification, len(exs))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range max(1, jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				found[i] = c.Verify(exs[i], opt)
				mu.Lock()
				done++
				fmt.Fprintf(stderr, "verified %s (%d/%d): %d problem(s)\n", exs[i].Rel, done, len(exs), len(found[i].Problems))
				mu.Unlock()
			}
		}()
	}
	for i := range exs {
		next <- i
	}
	close(next)
	wg.Wait()
	var bad []string
	for i, v := range found {
		cheats := 0
		for _, r := range v.Cheats {
			cheats += r.Earned
		}
		fmt.Fprintf(stdout, "%-48s stub %d/%d, %d cheats %d points, solution %d/%d\n", exs[i].Rel,
			v.Stub.Earned, v.Stub.Possible, len(v.Cheats), cheats, v.Solved.Earned, v.Solved.Possible)
		bad = append(bad, v.Problems...)
	}
	sort.Strings(bad)
	for _, p := range bad {
		fmt.Fprintln(stderr, p)
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d problem(s): the exercises are not sound", len(bad))
	}
	fmt.Fprintf(stdout, "verified %d exercises: every stub and every cheat scores 0, every solution full marks\n", len(exs))
	return nil
}

// wrap breaks the lines of s longer than width at spaces.
func wrap(s string, width int) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		for len(line) > width {
			cut := strings.LastIndexByte(line[:width], ' ')
			if cut <= 0 {
				break
			}
			out = append(out, line[:cut])
			line = line[cut+1:]
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
