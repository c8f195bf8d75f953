package grade

import (
	"path/filepath"
	"testing"
	"time"
)

// An exercise whose tests need more time than -timeout gives declares
// it in its exercise.json ("seconds"), and the grader allows the larger;
// without it the same submission times out.
func TestExerciseDeclaresItsTime(t *testing.T) {
	c := openCourse(t)
	ex := load(t, c, filepath.Join("testdata", "class", "square"))
	slow := map[string][]byte{"x.go": []byte("package square\n\nimport \"time\"\n\nfunc F(x int) int { time.Sleep(700 * time.Millisecond); return x * x }\n")}
	opt := Options{Timeout: time.Second, Memory: 1 << 30, OutputLimit: 1 << 20}
	if res := c.Grade(ex, slow, opt); res.Earned == 3 {
		t.Fatalf("two tests of 1.4 s passed within a 1 s limit: %s", res.Status)
	}
	ex.Meta.Seconds = 10
	if res := c.Grade(ex, slow, opt); res.Earned != 3 {
		t.Errorf("with 10 s declared the slow submission scores %d/3: %s %s", res.Earned, res.Status, res.Detail)
	}
}
