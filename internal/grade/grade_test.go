package grade

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openCourse opens the repository as the course, for the life of the test.
func openCourse(t *testing.T) *Course {
	t.Helper()
	c, err := OpenCourse(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func load(t *testing.T, c *Course, dir string) *Exercise {
	t.Helper()
	ex, err := c.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// The course under testdata has one exercise for each way a submission
// goes wrong; grading one must not disturb the others.
func TestEachFailureCostsOnlyItsExercise(t *testing.T) {
	c := openCourse(t)
	dirs, err := Find([]string{filepath.Join("testdata", "course")})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		earned int
		status string
		detail string
	}{
		"broken": {0, StatusBuildFailed, "cannot use"},
		"half":   {2, StatusPartial, ""},
		"loops":  {0, StatusTimedOut, "TestA ran past the time limit"},
		"panics": {0, StatusCrashed, "panic: boom"},
	}
	if len(dirs) != len(want) {
		t.Fatalf("found %v, want the %d exercises", dirs, len(want))
	}
	var results []Result
	for _, d := range dirs {
		ex := load(t, c, d)
		r := c.Grade(ex, ex.Stub, Options{Timeout: 3 * time.Second})
		w := want[filepath.Base(d)]
		if r.Earned != w.earned || r.Status != w.status || r.Possible != 3 || !strings.Contains(r.Detail, w.detail) {
			t.Errorf("%s: %d/%d %q, want %d/3 %q (detail %q, want it to hold %q)", d, r.Earned, r.Possible, r.Status, w.earned, w.status, r.Detail, w.detail)
		}
		if r.Hint == "" {
			t.Errorf("%s: no hint for a submission that lost points", d)
		}
		if r.Duration <= 0 {
			t.Errorf("%s: duration %v, want the time grading took", d, r.Duration)
		}
		results = append(results, r)
	}

	var table, js, junit bytes.Buffer
	Table(&table, results)
	if !strings.Contains(table.String(), "total") || !strings.Contains(table.String(), "2/12") {
		t.Errorf("the table lacks the total 2/12:\n%s", &table)
	}
	if !strings.Contains(table.String(), "panic: boom") {
		t.Errorf("the table does not show the panic's message:\n%s", &table)
	}
	if err := JSON(&js, results); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Earned, Possible int
		Exercises        []struct {
			Duration int64 `json:"duration_ns"`
		}
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil || doc.Earned != 2 || doc.Possible != 12 || doc.Exercises[0].Duration <= 0 {
		t.Errorf("JSON report: %+v %v", doc, err)
	}
	if err := JUnit(&junit, results); err != nil {
		t.Fatal(err)
	}
	var suites struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(junit.Bytes(), &suites); err != nil || len(suites.Suites) != 4 {
		t.Fatalf("JUnit report: %v %v", suites, err)
	}
	failures := 0
	for _, s := range suites.Suites {
		failures += s.Failures
	}
	if failures != 7 { // 8 graded tests, 1 passed
		t.Errorf("JUnit counts %d failures, want 7", failures)
	}
}

// An edited graded test scores zero and is named.
func TestEditedTestIsTampered(t *testing.T) {
	root := t.TempDir()
	ex := filepath.Join(root, "ex")
	if err := os.MkdirAll(ex, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(ex, "exercise.json"), []byte(`{"points": {"TestA": 1}}`), 0o644)
	test := filepath.Join(ex, "a_test.go")
	os.WriteFile(test, []byte("package ex\n"), 0o644)
	if err := WriteManifest(root); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(filepath.Join(root, "MANIFEST")); err != nil || info.Mode().Perm() != 0o644 {
		t.Fatalf("MANIFEST: %v %v, want mode 0644", info, err)
	}
	if bad, err := Tampered(ex); err != nil || len(bad) != 0 {
		t.Fatalf("an untouched exercise: %v %v", bad, err)
	}
	os.WriteFile(test, []byte("package ex\n// always pass\n"), 0o644)
	if bad, _ := Tampered(ex); len(bad) != 1 || bad[0] != "ex/a_test.go" {
		t.Fatalf("an edited test: %v", bad)
	}
	os.Remove(test)
	if bad, _ := Tampered(ex); len(bad) != 1 || !strings.Contains(bad[0], "missing") {
		t.Fatalf("a deleted test: %v", bad)
	}
}

// The project's own exercises: every stub scores 0, every cheat 0, every
// solution full marks.
func TestProjectExercisesAreSound(t *testing.T) {
	c := openCourse(t)
	dirs, err := Find([]string{filepath.Join("..", "..", "exercises", "foundations")})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 6 {
		t.Fatalf("%d exercises, want at least 6", len(dirs))
	}
	for _, d := range dirs {
		for _, p := range c.Verify(load(t, c, d), Options{}).Problems {
			t.Error(p)
		}
	}
}

func TestSolutionDir(t *testing.T) {
	got, err := SolutionDir(filepath.FromSlash("a/exercises/foundations/01_x"))
	if err != nil || filepath.ToSlash(got) != "a/solutions/foundations/01_x" {
		t.Fatalf("SolutionDir = %q, %v", got, err)
	}
	if _, err := SolutionDir("elsewhere"); err == nil {
		t.Fatal("a folder outside exercises/ has a solution dir")
	}
}
