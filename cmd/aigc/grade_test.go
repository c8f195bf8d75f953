package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Instructor mode: two submissions graded against the course, one solved
// and one not; the exit status says points were lost, the CSV has a row
// each, and every report is readable by all.
func TestGradeSubmissions(t *testing.T) {
	subs := t.TempDir()
	rel := filepath.Join("exercises", "foundations", "04_conv_output_size")
	solution, err := os.ReadFile(filepath.Join("..", "..", "solutions", "foundations", "04_conv_output_size", "outsize.go"))
	if err != nil {
		t.Fatal(err)
	}
	stub, err := os.ReadFile(filepath.Join("..", "..", rel, "outsize.go"))
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"ada": solution, "bob": stub} {
		dir := filepath.Join(subs, name, rel)
		os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, "outsize.go"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		// A submission's own tests and points change nothing.
		os.WriteFile(filepath.Join(dir, "outsize_test.go"), []byte("package convsize\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "exercise.json"), []byte(`{"points": {"TestOutSize": 50}}`), 0o644)
	}
	out := t.TempDir()
	csvPath, js, junit := filepath.Join(out, "g.csv"), filepath.Join(out, "g.json"), filepath.Join(out, "g.xml")
	var stdout, stderr bytes.Buffer
	code := run([]string{"grade", "-submissions", subs, "-j", "2", "-csv", csvPath, "-json", js, "-junit", junit, filepath.ToSlash(rel)}, &stdout, &stderr)
	if code != exitPointsLost {
		t.Fatalf("exit code %d, want %d (points lost)\n%s%s", code, exitPointsLost, &stdout, &stderr)
	}
	if !strings.Contains(stdout.String(), "ada") || !strings.Contains(stdout.String(), "3/6") {
		t.Errorf("the class table lacks a student or the total 3/6:\n%s", &stdout)
	}
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][0] != "ada" || rows[1][1] != "3" || rows[2][0] != "bob" || rows[2][1] != "0" {
		t.Errorf("CSV %q: %v", b, err)
	}
	for _, p := range []string{csvPath, js, junit} {
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != 0o644 {
			t.Errorf("report %s: %v %v, want mode 0644", p, info, err)
		}
	}
	stderr.Reset()
	if code := run([]string{"grade", "-csv", csvPath, filepath.ToSlash(rel)}, &stdout, &stderr); code != 2 {
		t.Errorf("-csv without -submissions: exit code %d, want 2", code)
	}
}
