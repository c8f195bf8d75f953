package grade

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Table writes the results as a table, the hint under each exercise that
// lost points, and the total.
func Table(w io.Writer, results []Result) {
	fmt.Fprintf(w, "%-44s %8s  %s\n", "exercise", "points", "status")
	earned, possible := 0, 0
	for _, r := range results {
		fmt.Fprintf(w, "%-44s %4d/%-3d  %s\n", r.Exercise, r.Earned, r.Possible, r.Status)
		for _, t := range r.Tests {
			if !t.Passed {
				fmt.Fprintf(w, "    ✗ %s (%d point(s))\n", t.Name, t.Possible)
			}
		}
		if r.Detail != "" {
			fmt.Fprintf(w, "    %s\n", firstLines(r.Detail, 6))
		}
		if r.Hint != "" {
			fmt.Fprintf(w, "    hint: %s\n", r.Hint)
		}
		earned += r.Earned
		possible += r.Possible
	}
	fmt.Fprintf(w, "%-44s %4d/%-3d\n", "total", earned, possible)
}

// JSON writes the results, with the total, as one JSON document.
func JSON(w io.Writer, results []Result) error {
	earned, possible := totals(results)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Earned   int      `json:"earned"`
		Possible int      `json:"possible"`
		Results  []Result `json:"exercises"`
	}{earned, possible, results})
}

// JUnit writes the results as JUnit XML, one test suite per exercise and
// one test case per graded test, for a course's CI or LMS.
func JUnit(w io.Writer, results []Result) error {
	type failure struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name      string   `xml:"name,attr"`
		ClassName string   `xml:"classname,attr"`
		Failure   *failure `xml:"failure,omitempty"`
	}
	type suite struct {
		Name     string     `xml:"name,attr"`
		Tests    int        `xml:"tests,attr"`
		Failures int        `xml:"failures,attr"`
		Time     float64    `xml:"time,attr"`
		Cases    []testcase `xml:"testcase"`
	}
	var suites []suite
	for _, r := range results {
		s := suite{Name: r.Exercise, Tests: len(r.Tests), Time: r.Duration.Seconds()}
		for _, t := range r.Tests {
			c := testcase{Name: fmt.Sprintf("%s (%d/%d points)", t.Name, t.Points, t.Possible), ClassName: r.Exercise}
			if !t.Passed {
				s.Failures++
				c.Failure = &failure{Message: r.Status + ": " + r.Hint, Text: t.Output + r.Detail}
			}
			s.Cases = append(s.Cases, c)
		}
		suites = append(suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(struct {
		XMLName xml.Name `xml:"testsuites"`
		Suites  []suite  `xml:"testsuite"`
	}{Suites: suites}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func totals(results []Result) (earned, possible int) {
	for _, r := range results {
		earned += r.Earned
		possible += r.Possible
	}
	return earned, possible
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n    ")
}
