package grade

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/luoxia/aigc/internal/atomicfile"
)

// Tampered compares dir's graded test files with the MANIFEST found in dir
// or the nearest folder above it, and returns the ones that differ, are
// missing, or are not listed: the check the grader makes of a course's
// tests (tamperedFiles), on the files as they are in dir.
func Tampered(dir string) ([]string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	files, _ := filepath.Glob(filepath.Join(abs, "*_test.go"))
	tests := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		tests[filepath.Base(f)] = b
	}
	return tamperedFiles(abs, tests)
}

func findManifest(dir string) (path, base string, err error) {
	d, _ := filepath.Abs(dir)
	for {
		p := filepath.Join(d, "MANIFEST")
		if _, err := os.Stat(p); err == nil {
			return p, d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", fmt.Errorf("grade: no MANIFEST of graded tests in %s or above", dir)
		}
		d = parent
	}
}

// ReadManifest reads lines "sha256  relative/path" into a map.
func ReadManifest(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("grade: %w", err)
	}
	m := map[string]string{}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			return nil, fmt.Errorf("grade: %s:%d: want \"sha256  path\"", path, i+1)
		}
		m[f[1]] = f[0]
	}
	return m, nil
}

// WriteManifest writes dir/MANIFEST for every graded test file below dir.
func WriteManifest(dir string) error {
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return err
		}
		sum, err := fileSum(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, sum+"  "+filepath.ToSlash(rel)) // WalkDir walks in path order
		return nil
	})
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "MANIFEST")
	if err := atomicfile.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		return fmt.Errorf("grade: writing %s: %w", path, err)
	}
	return nil
}

func fileSum(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return sum(b), nil
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
