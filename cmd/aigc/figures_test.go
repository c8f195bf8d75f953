package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// aigc figures writes every explanatory figure into its chapter's folder.
func TestFigures(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"figures", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d\n%s", code, &stderr)
	}
	for _, f := range explanatoryFigures() {
		if info, err := os.Stat(filepath.Join(out, f.chapter, f.name)); err != nil || info.Size() == 0 {
			t.Errorf("%s/%s not written: %v", f.chapter, f.name, err)
		}
	}
}
