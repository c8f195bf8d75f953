// Command mkclass makes a class of made-up submissions for trying the
// grader at scale: from the course's stubs and solutions, a seeded mix of
// solved, untouched, cheating, broken, forged, missing and looping
// exercises, one folder per student. Run it from the course tree:
//
//	go run ./internal/grade/mkclass -n 200 -seed 1 -out /tmp/class exercises/foundations
//	go run ./cmd/aigc grade -submissions /tmp/class -j 2 exercises/foundations
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/luoxia/aigc/internal/grade"
)

func main() {
	n := flag.Int("n", 200, "submissions to make")
	seed := flag.Uint64("seed", 1, "seed of the mix")
	out := flag.String("out", "", "folder to make them in (must not exist)")
	flag.Parse()
	if err := run(*n, *seed, *out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "mkclass:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, out string, paths []string) error {
	if out == "" || len(paths) == 0 {
		return fmt.Errorf("usage: mkclass -out DIR [-n N] [-seed S] exercise-folder...")
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists: name a new folder", out)
	}
	root, err := grade.FindRoot(".")
	if err != nil {
		return err
	}
	c, err := grade.OpenCourse(root)
	if err != nil {
		return err
	}
	defer c.Close()
	dirs, err := grade.Find(paths)
	if err != nil {
		return err
	}
	var exs []*grade.Exercise
	for _, d := range dirs {
		ex, err := c.Load(d)
		if err != nil {
			return err
		}
		exs = append(exs, ex)
	}
	made, err := c.MakeClass(exs, out, n, seed)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, m := range made {
		counts[m.Kind]++
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Printf("made %d submissions of %d exercises in %s:", n, len(exs), out)
	for _, k := range kinds {
		fmt.Printf(" %s %d", k, counts[k])
	}
	fmt.Println()
	return nil
}
