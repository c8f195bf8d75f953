package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTourWritesPictures(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"tour", "-stops", "foundations", "-out", out, "-train-size", "2000"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit code %d\nstdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
	for _, name := range []string{"digits.png", "loss.png"} {
		if info, err := os.Stat(filepath.Join(out, "foundations", "mlp", name)); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	if !strings.Contains(stdout.String(), "test accuracy") || !strings.Contains(stdout.String(), "aigc train mlp -out "+filepath.Join(out, "foundations")+" -train-size 2000") {
		t.Errorf("the tour did not report its accuracy:\n%s", &stdout)
	}
	if !strings.Contains(stderr.String(), "step") {
		t.Errorf("the tour showed no progress:\n%s", &stderr)
	}
}

func TestTourNamesAMissingDataFolder(t *testing.T) {
	var stdout, stderr bytes.Buffer
	missing := filepath.Join(t.TempDir(), "nowhere")
	code := run([]string{"tour", "-out", t.TempDir(), "-mnist", missing}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), missing) {
		t.Fatalf("exit code %d, stderr %q: want 1 and the missing folder named", code, &stderr)
	}
}

func TestUsageMistakes(t *testing.T) {
	for _, args := range [][]string{{"nosuchcommand"}, {"tour", "-nosuchflag"}, {"tour", "extra"}, {"kernel", "extra"}, {"notebooks", "-nosuchflag"},
		{"train"}, {"train", "nosuchmodel"}, {"train", "classifier", "extra"}, {"eval"}, {"eval", "nosuchscore"}, {"eval", "images"}, {"eval", "text", "-hyp", "x"}, {"sample"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("aigc %v: exit code %d, want 2 (stderr %q)", args, code, &stderr)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"help"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "tour") {
		t.Errorf("aigc help: exit code %d, output %q", code, &stdout)
	}
}

func TestBookCheck(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"book", "check", "-root", "../.."}, &stdout, &stderr); code != 0 {
		t.Fatalf("aigc book check on the project: exit code %d\n%s", code, &stderr)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"book", "check", "-root", t.TempDir()}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "book.toml") {
		t.Fatalf("a folder without a book: exit code %d, stderr %q", code, &stderr)
	}
	if code := run([]string{"book"}, &stdout, &stderr); code != 2 {
		t.Fatalf("aigc book without check: exit code %d, want 2", code)
	}
}

func TestGradeVerifyAndReports(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"grade", "-verify", "../../exercises/foundations/04_conv_output_size"}, &stdout, &stderr); code != 0 {
		t.Fatalf("aigc grade -verify: exit code %d\n%s%s", code, &stdout, &stderr)
	}
	dir := t.TempDir()
	stdout.Reset()
	js, junit := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.xml")
	code := run([]string{"grade", "-json", js, "-junit", junit, "../../exercises/foundations/04_conv_output_size"}, &stdout, &stderr)
	if code != exitPointsLost || !strings.Contains(stdout.String(), "0/3") || !strings.Contains(stdout.String(), "hint:") {
		t.Fatalf("grading a stub: exit code %d (want %d: points lost), output\n%s", code, exitPointsLost, &stdout)
	}
	for _, p := range []string{js, junit} {
		if info, err := os.Stat(p); err != nil || info.Size() == 0 || info.Mode().Perm() != 0o644 {
			t.Errorf("report %s not written with mode 0644: %v %v", p, info, err)
		}
	}
}

func TestNotebooksRefusesOutputsAndStrayFiles(t *testing.T) {
	dir := t.TempDir()
	nb := filepath.Join(dir, "lesson.ipynb")
	os.WriteFile(nb, []byte(`{"cells": [{"cell_type": "code", "metadata": {}, "execution_count": 4, "source": "x := 1",
		"outputs": [{"output_type": "stream", "name": "stdout", "text": "1"}]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`), 0o644)
	var stdout, stderr bytes.Buffer
	// A notebook with outputs fails before Jupyter is needed.
	code := run([]string{"notebooks", dir}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), nb) || !strings.Contains(stderr.String(), "cell 1 (x := 1)") {
		t.Errorf("exit code %d, stderr %q: want 1, the notebook and its cell named", code, &stderr)
	}
	stderr.Reset()
	if code := run([]string{"notebooks", t.TempDir()}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "no .ipynb notebooks") {
		t.Errorf("an empty folder: exit code %d, stderr %q", code, &stderr)
	}
	stderr.Reset()
	txt := filepath.Join(dir, "notes.txt")
	os.WriteFile(txt, []byte("hi"), 0o644)
	if code := run([]string{"notebooks", txt}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "not a notebook") {
		t.Errorf("a text file: exit code %d, stderr %q", code, &stderr)
	}
}
