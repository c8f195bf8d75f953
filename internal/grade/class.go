package grade

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// ClassTable writes one line per student: points, and how many exercises
// ended in each status other than passed, then the class's total.
func ClassTable(w io.Writer, students []Student) {
	fmt.Fprintf(w, "%-28s %9s  %s\n", "student", "points", "exercises not passed")
	earned, possible := 0, 0
	for _, s := range students {
		count := map[string]int{}
		for _, r := range s.Results {
			if r.Status != StatusPassed {
				count[r.Status]++
			}
		}
		var parts []string
		for status, n := range count {
			parts = append(parts, fmt.Sprintf("%d %s", n, status))
		}
		sort.Strings(parts)
		fmt.Fprintf(w, "%-28s %4d/%-4d  %s\n", s.Name, s.Earned, s.Possible, strings.Join(parts, ", "))
		earned += s.Earned
		possible += s.Possible
	}
	fmt.Fprintf(w, "%-28s %4d/%-4d  (%d students)\n", "total", earned, possible, len(students))
}

// ClassJSON writes every student's results, with totals, as one JSON document.
func ClassJSON(w io.Writer, students []Student) error {
	earned, possible := 0, 0
	for _, s := range students {
		earned += s.Earned
		possible += s.Possible
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Earned   int       `json:"earned"`
		Possible int       `json:"possible"`
		Students []Student `json:"students"`
	}{earned, possible, students})
}

// ClassCSV writes one row per student: the name, the total earned and
// possible, then the points of each exercise (the header names them), for
// a spreadsheet or a learning-management system's import.
func ClassCSV(w io.Writer, students []Student) error {
	cw := csv.NewWriter(w)
	header := []string{"student", "earned", "possible"}
	if len(students) > 0 {
		for _, r := range students[0].Results {
			header = append(header, r.Exercise)
		}
	}
	cw.Write(header)
	for _, s := range students {
		row := []string{s.Name, strconv.Itoa(s.Earned), strconv.Itoa(s.Possible)}
		for _, r := range s.Results {
			row = append(row, strconv.Itoa(r.Earned))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// ClassJUnit writes JUnit XML with one test suite per student and
// exercise ("student: exercise").
func ClassJUnit(w io.Writer, students []Student) error {
	var all []Result
	for _, s := range students {
		for _, r := range s.Results {
			r.Exercise = s.Name + ": " + r.Exercise
			all = append(all, r)
		}
	}
	return JUnit(w, all)
}
