package grade

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	squareRel = "internal/grade/testdata/class/square"
	otherRel  = "internal/grade/testdata/class/other"
	solvedG   = "package other\n\nfunc G() int { return 7 }\n"
)

// square returns a submission of the square exercise whose x.go declares
// the package, imports imports and holds body.
func square(imports, body string) map[string]string {
	return map[string]string{"x.go": "package square\n\n" + imports + "\n" + body}
}

// cheats are submissions of the square exercise that do not square. Each
// must earn nothing; the status says how it was caught.
var cheats = map[string]struct {
	files  map[string]string // path inside the submission's exercise folder -> content
	status string
	detail string
}{
	"prints forged reports": {square(`import "fmt"`, `
func init() {
	fmt.Println("--- PASS: TestA (0.00s)")
	fmt.Println("\x16--- PASS: TestA (0.00s)")
	fmt.Println("\x16--- PASS: TestB (0.00s)")
	fmt.Println("{\"Action\":\"pass\",\"Test\":\"TestA\"}")
	fmt.Println("\x16PASS")
}

func F(x int) int { return 0 }`), StatusFailed, "imitate the test framework"},
	"forges then exits": {square(`import ("fmt"; "os")`, `
func init() { fmt.Println("\x16--- PASS: TestA (0.00s)"); os.Exit(0) }

func F(x int) int { return 0 }`), StatusRefused, `imports "os"`},
	"imports the solutions": {square(`import sol "github.com/luoxia/aigc/solutions/foundations/04_conv_output_size"`, `
func F(x int) int { return sol.OutSize(x, 1, 1, 0) * x }`), StatusRefused, "solutions/"},
	"imports the grader": {square(`import "github.com/luoxia/aigc/internal/grade"`, `
func F(x int) int { return len(grade.StatusPassed) }`), StatusRefused, "internal/grade"},
	"rewrites the course": {square(`import "os"`, `
func init() {
	os.WriteFile("../../../../../../internal/grade/testdata/class/MANIFEST", nil, 0o644)
	os.RemoveAll("../../../../../../internal/grade/testdata/class/other")
}

func F(x int) int { return 0 }`), StatusRefused, `imports "os"`},
	"reads the test binary's runtime": {square(`import "runtime"`, `
func F(x int) int { runtime.Goexit(); return 0 }`), StatusRefused, `imports "runtime"`},
	"uses unsafe": {square(`import "unsafe"`, `
func F(x int) int { return int(unsafe.Sizeof(x)) }`), StatusRefused, `imports "unsafe"`},
	"brings its own tests, points and manifest": {map[string]string{
		"x.go":          "package square\n\nfunc F(x int) int { return 0 }\n",
		"x_test.go":     "package square\n\nimport \"testing\"\n\nfunc TestA(t *testing.T) {}\n\nfunc TestB(t *testing.T) {}\n",
		"exercise.json": `{"points": {"TestA": 100, "TestB": 100}}`,
		"../MANIFEST":   "0000  square/x_test.go\n",
	}, StatusFailed, ""},
	"patches lib/": {map[string]string{
		"x.go":                                "package square\n\nimport \"github.com/luoxia/aigc/lib/tensor\"\n\nfunc F(x int) int { return tensor.Square(x) }\n",
		"../../../../../lib/tensor/square.go": "package tensor\n\nfunc Square(x int) int { return x * x }\n",
	}, StatusBuildFailed, "Square"},
	"panics":             {square("", `func F(x int) int { panic("no time") }`), StatusCrashed, "panic: no time"},
	"returns a constant": {square("", `func F(x int) int { return 9 }`), StatusFailed, ""},
	"returns the input":  {square("", `func F(x int) int { return x }`), StatusFailed, ""},
	"loops in init":      {square("", "func init() { for {} }\n\nfunc F(x int) int { return x * x }"), StatusTimedOut, "time limit"},
	"eats memory": {square("", `
var keep [][]byte

func F(x int) int {
	for i := 0; i < 64; i++ {
		b := make([]byte, 64<<20)
		for j := range b {
			b[j] = 1
		}
		keep = append(keep, b)
	}
	return x * x
}`), StatusOutOfMemory, "out of memory"},
	"floods the output": {square(`import "fmt"`, `
func F(x int) int {
	line := make([]byte, 1<<20)
	for i := 0; i < 300; i++ {
		fmt.Println(string(line))
	}
	return x * x
}`), StatusOutputLimit, "printed more than"},
}

// writeSubmission lays files out as a student's checkout of the course
// holding the square and other exercises.
func writeSubmission(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	all := map[string]string{filepath.Join(otherRel, "y.go"): solvedG}
	for p, content := range files {
		all[filepath.Join(squareRel, p)] = content
	}
	for p, content := range all {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Every cheat scores zero on the square exercise and leaves the other
// exercise's score, and the course's files, as they were.
func TestCheatsScoreZero(t *testing.T) {
	c := openCourse(t)
	exs := []*Exercise{load(t, c, filepath.Join("testdata", "class", "square")), load(t, c, filepath.Join("testdata", "class", "other"))}
	manifest, _ := os.ReadFile(filepath.Join("testdata", "class", "MANIFEST"))
	subs := t.TempDir()
	var dirs []string
	names := map[string]string{}
	for name, ch := range cheats {
		dir := filepath.Join(subs, strings.ReplaceAll(name, " ", "-"))
		writeSubmission(t, dir, ch.files)
		dirs = append(dirs, dir)
		names[filepath.Base(dir)] = name
	}
	honest := filepath.Join(subs, "honest")
	writeSubmission(t, honest, square("", "func F(x int) int { return x * x }"))
	dirs = append(dirs, honest)
	link := filepath.Join(subs, "links-a-solution")
	writeSubmission(t, link, map[string]string{"y.go": "package square\n"})
	solution := filepath.Join(t.TempDir(), "x.go")
	os.WriteFile(solution, []byte("package square\n\nfunc F(x int) int { return x * x }\n"), 0o644)
	if err := os.Symlink(solution, filepath.Join(link, squareRel, "x.go")); err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, link)

	opt := Options{Timeout: 5 * time.Second, Memory: 1 << 30, OutputLimit: 1 << 20}
	students := c.GradeAll(dirs, exs, opt, 2, nil)
	for _, s := range students {
		sq, other := s.Results[0], s.Results[1]
		if other.Earned != 1 {
			t.Errorf("%s: the other exercise scores %d/1 (%s: %s), want 1/1", s.Name, other.Earned, other.Status, other.Detail)
		}
		switch s.Name {
		case "honest":
			if sq.Earned != 3 || sq.Status != StatusPassed {
				t.Errorf("an honest submission: %d/3 %s (%s)", sq.Earned, sq.Status, sq.Detail)
			}
			continue
		case "links-a-solution":
			if sq.Earned != 0 || sq.Status != StatusRefused || !strings.Contains(sq.Detail, "not a regular file") {
				t.Errorf("a linked solution: %d/3 %s (%s)", sq.Earned, sq.Status, sq.Detail)
			}
			continue
		}
		ch := cheats[names[s.Name]]
		if sq.Earned != 0 || sq.Possible != 3 || sq.Status != ch.status || !strings.Contains(sq.Detail, ch.detail) {
			t.Errorf("a submission that %s: %d/%d %q, want 0/3 %q with %q in the detail:\n%s", names[s.Name], sq.Earned, sq.Possible, sq.Status, ch.status, ch.detail, sq.Detail)
		}
		for _, test := range sq.Tests {
			if len(test.Output) > 4100 {
				t.Errorf("%s: %s kept %d bytes of output", s.Name, test.Name, len(test.Output))
			}
		}
	}
	if after, _ := os.ReadFile(filepath.Join("testdata", "class", "MANIFEST")); string(after) != string(manifest) {
		t.Error("grading changed the course's MANIFEST")
	}
}

// The generic cheats -verify runs, applied to a stub, all score zero on
// an exercise whose tests are sound, and all still build.
func TestGenericCheatsScoreZero(t *testing.T) {
	c := openCourse(t)
	ex := load(t, c, filepath.Join("testdata", "class", "square"))
	cheats, err := Cheats(ex.Stub)
	if err != nil {
		t.Fatal(err)
	}
	if len(cheats) != 4 {
		t.Fatalf("%d cheats, want zero values, a constant, the input and panic", len(cheats))
	}
	for _, ch := range cheats {
		r := c.Grade(ex, ch.Files, Options{Timeout: 5 * time.Second})
		if r.Earned != 0 || r.Status == StatusBuildFailed {
			t.Errorf("the cheat returning %s: %d/%d %s\n%s\n%s", ch.Name, r.Earned, r.Possible, r.Status, ch.Files["x.go"], r.Detail)
		}
	}
	// An exercise whose test a constant passes is caught.
	weak := &Exercise{Rel: ex.Rel, Meta: ex.Meta, Stub: ex.Stub, Tests: map[string][]byte{"x_test.go": []byte(
		"package square\n\nimport \"testing\"\n\nfunc TestA(t *testing.T) {\n\tif F(3) != 1 {\n\t\tt.Fatal()\n\t}\n}\n\nfunc TestB(t *testing.T) { t.Fatal() }\n")}}
	got := 0
	for _, ch := range cheats {
		got += c.Grade(weak, ch.Files, Options{Timeout: 5 * time.Second}).Earned
	}
	if got == 0 {
		t.Error("no cheat scores on a test that a constant 1 passes")
	}
}

// A submission that writes files through the library the grader lets it
// import leaves them as they were: a test process may not grow any file.
// One that imports the library's file writers is refused.
func TestCheatsCannotWriteFiles(t *testing.T) {
	c := openCourse(t)
	ex := load(t, c, filepath.Join("testdata", "class", "square"))
	canary := filepath.Join(t.TempDir(), "canary")
	if err := os.WriteFile(canary, []byte("untouched"), 0o644); err != nil {
		t.Fatal(err)
	}
	writes := square(`import (
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)`, `
func init() { nn.Save("`+canary+`", nn.NewLinear(2, 2, tensor.NewRNG(1))) }

func F(x int) int { return x * x }`)
	files := map[string][]byte{"x.go": []byte(writes["x.go"])}
	r := c.Grade(ex, files, Options{Timeout: 10 * time.Second})
	if b, _ := os.ReadFile(canary); string(b) != "untouched" {
		t.Errorf("a graded test rewrote a file outside its folder: %q (%s: %s)", b, r.Status, r.Detail)
	}
	plots := square(`import "github.com/luoxia/aigc/lib/data"`, `
func init() { data.WriteGoCorpus("", "`+canary+`") }

func F(x int) int { return x * x }`)
	r = c.Grade(ex, map[string][]byte{"x.go": []byte(plots["x.go"])}, Options{Timeout: 10 * time.Second})
	if r.Status != StatusRefused || !strings.Contains(r.Detail, "lib/data") {
		t.Errorf("importing lib/data: %s (%s), want refused", r.Status, r.Detail)
	}
}
