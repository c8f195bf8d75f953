package grade

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Limits on what a submission may hold for one exercise.
const (
	maxFileBytes = 1 << 20
	maxFiles     = 64
)

// SubmissionFiles reads the Go files submission sub holds for ex: those in
// sub/<ex.Rel>, or, when sub has no such folder, in sub/<ex.Rel without its
// first element> (a submission of the exercises/ folder alone). A
// submission without the folder has no files, which grades as missing.
func SubmissionFiles(sub string, ex *Exercise) (map[string][]byte, error) {
	rel := filepath.FromSlash(ex.Rel)
	dir := filepath.Join(sub, rel)
	if _, err := os.Stat(dir); err != nil {
		if i := strings.IndexByte(ex.Rel, '/'); i > 0 {
			dir = filepath.Join(sub, filepath.FromSlash(ex.Rel[i+1:]))
		}
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return map[string][]byte{}, nil
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("grade: %s is not a folder (a link or a file); submit the folder itself", dir)
	}
	files, err := readGoFiles(dir, maxFileBytes)
	if err != nil {
		return nil, err
	}
	if len(files) > maxFiles {
		return nil, fmt.Errorf("grade: %s holds %d Go files, over the %d a submission may have", dir, len(files), maxFiles)
	}
	return files, nil
}

// Student is one submission's grades.
type Student struct {
	Name     string        `json:"name"` // the submission's folder name
	Earned   int           `json:"earned"`
	Possible int           `json:"possible"`
	Results  []Result      `json:"exercises"`
	Duration time.Duration `json:"duration_ns"` // the sum of its exercises' times
}

// Submissions lists the submission folders in dir (its subfolders, sorted).
func Submissions(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("grade: the submissions folder: %w", err)
	}
	var subs []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			subs = append(subs, filepath.Join(dir, e.Name()))
		}
	}
	if len(subs) == 0 {
		return nil, fmt.Errorf("grade: no submission folders in %s", dir)
	}
	return subs, nil
}

// GradeAll grades every exercise of every submission, jobs at a time, and
// returns one Student per submission in the order given. progress, when
// not nil, is called after each exercise with the count done and the total.
func (c *Course) GradeAll(subs []string, exs []*Exercise, opt Options, jobs int, progress func(done, total int, sub string, r Result)) []Student {
	students := make([]Student, len(subs))
	type task struct{ s, e int }
	tasks := make(chan task)
	var mu sync.Mutex
	done, total := 0, len(subs)*len(exs)
	var wg sync.WaitGroup
	for range max(1, jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range tasks {
				ex := exs[t.e]
				var r Result
				files, err := SubmissionFiles(subs[t.s], ex)
				if err != nil {
					r = c.Grade(ex, map[string][]byte{}, opt)
					r.Status, r.Detail = StatusRefused, err.Error()
				} else {
					r = c.Grade(ex, files, opt)
				}
				mu.Lock()
				students[t.s].Results[t.e] = r
				done++
				if progress != nil {
					progress(done, total, subs[t.s], r)
				}
				mu.Unlock()
			}
		}()
	}
	for i, s := range subs {
		students[i] = Student{Name: filepath.Base(s), Results: make([]Result, len(exs))}
	}
	for s := range subs {
		for e := range exs {
			tasks <- task{s, e}
		}
	}
	close(tasks)
	wg.Wait()
	for i := range students {
		st := &students[i]
		for _, r := range st.Results {
			st.Earned += r.Earned
			st.Possible += r.Possible
			st.Duration += r.Duration
		}
	}
	sort.SliceStable(students, func(i, j int) bool { return students[i].Name < students[j].Name })
	return students
}
