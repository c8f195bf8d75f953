package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/luoxia/aigc/internal/grade"
)

// runGrade is `aigc grade`: it scores exercises, or with -verify proves
// that every stub scores zero and every solution full marks.
func runGrade(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("grade", "[flags] [exercise folder ...]", "Runs the graded tests of each exercise (default: every exercise under exercises/)\nand prints points earned, a status, and the hint for what failed.", stderr)
	timeout := fs.Duration("timeout", time.Minute, "time limit for each exercise's tests")
	jsonOut := fs.String("json", "", "also write the results as JSON to this file")
	junitOut := fs.String("junit", "", "also write the results as JUnit XML to this file")
	verify := fs.Bool("verify", false, "check that every stub scores 0 and every solution (solutions/...) full marks")
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
	if len(paths) == 0 {
		chapters, err := filepath.Glob(filepath.Join("exercises", "*"))
		if err != nil || len(chapters) == 0 {
			return fmt.Errorf("no exercises/ folder here: run from the repository root or name exercise folders")
		}
		for _, c := range chapters {
			if info, err := os.Stat(c); err == nil && info.IsDir() {
				paths = append(paths, c)
			}
		}
	}
	dirs, err := grade.Find(paths)
	if err != nil {
		return err
	}
	opt := grade.Options{Timeout: *timeout}
	if *verify {
		var bad []string
		for _, d := range dirs {
			stub, solved, problems := grade.Verify(d, opt)
			fmt.Fprintf(stdout, "%-44s stub %d/%d, solution %d/%d\n", d, stub.Earned, stub.Possible, solved.Earned, solved.Possible)
			bad = append(bad, problems...)
		}
		for _, p := range bad {
			fmt.Fprintln(stderr, p)
		}
		if len(bad) > 0 {
			return fmt.Errorf("%d problem(s): the exercises are not sound", len(bad))
		}
		fmt.Fprintf(stdout, "verified %d exercises: every stub scores 0, every solution full marks\n", len(dirs))
		return nil
	}
	var results []grade.Result
	for _, d := range dirs {
		fmt.Fprintf(stderr, "grading %s ...\n", d)
		results = append(results, grade.Grade(d, opt))
	}
	grade.Table(stdout, results)
	if *jsonOut != "" {
		if err := writeReport(*jsonOut, func(w io.Writer) error { return grade.JSON(w, results) }); err != nil {
			return err
		}
	}
	if *junitOut != "" {
		if err := writeReport(*junitOut, func(w io.Writer) error { return grade.JUnit(w, results) }); err != nil {
			return err
		}
	}
	return nil
}

// writeReport writes a report atomically: a temporary file, then a rename.
func writeReport(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-report-*")
	if err != nil {
		return fmt.Errorf("report %s: %w", path, err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("report %s: %w", path, err)
	}
	return nil
}
