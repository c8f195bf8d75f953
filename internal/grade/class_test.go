package grade

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// A made-up class graded two at a time: every solved exercise earns full
// marks, every other way of filling one earns nothing, and the totals and
// the CSV add up.
func TestGradeAClass(t *testing.T) {
	c := openCourse(t)
	var exs []*Exercise
	for _, d := range []string{"01_softmax_backward", "04_conv_output_size"} {
		exs = append(exs, load(t, c, filepath.Join("..", "..", "exercises", "foundations", d)))
	}
	dir := t.TempDir()
	made, err := c.MakeClass(exs, dir, 6, 13)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, m := range made {
		kinds[m.Kind] = true
	}
	if len(kinds) < 4 {
		t.Fatalf("the class mixes only %v: pick a seed that mixes more", kinds)
	}
	subs, err := Submissions(dir)
	if err != nil {
		t.Fatal(err)
	}
	students := c.GradeAll(subs, exs, Options{Timeout: 10 * time.Second}, 2, nil)
	byName := map[string]Student{}
	for _, s := range students {
		byName[s.Name] = s
	}
	status := map[string]string{"stub": StatusFailed, "build error": StatusBuildFailed, "forged": StatusFailed,
		"missing": StatusMissing, "loops": StatusTimedOut}
	for _, m := range made {
		s, ok := byName[m.Student]
		if !ok {
			if m.Kind != "missing" {
				t.Errorf("%s was not graded", m.Student)
			}
			continue
		}
		var r Result
		for _, x := range s.Results {
			if x.Exercise == m.Exercise {
				r = x
			}
		}
		want := 0
		if m.Kind == "solution" {
			want = r.Possible
		}
		if r.Earned != want || (status[m.Kind] != "" && r.Status != status[m.Kind]) {
			t.Errorf("%s %s (%s): %d/%d %s, want %d %s\n%s", m.Student, m.Exercise, m.Kind, r.Earned, r.Possible, r.Status, want, status[m.Kind], r.Detail)
		}
	}
	var b bytes.Buffer
	if err := ClassCSV(&b, students); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != len(students)+1 || len(rows[0]) != 3+len(exs) {
		t.Fatalf("CSV: %v %v", rows, err)
	}
	for i, s := range students {
		if rows[i+1][0] != s.Name || rows[i+1][1] != strconv.Itoa(s.Earned) {
			t.Errorf("CSV row %v for %s with %d points", rows[i+1], s.Name, s.Earned)
		}
		sum := 0
		for _, r := range s.Results {
			sum += r.Earned
		}
		if sum != s.Earned {
			t.Errorf("%s: total %d, exercises add up to %d", s.Name, s.Earned, sum)
		}
	}
}
