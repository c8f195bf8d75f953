package data

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeGoRoot writes a GOROOT holding every file of the Go corpus's list,
// each a one-line comment naming itself, and a VERSION file; it returns the
// root and the corpus text expected from it, built by hand.
func fakeGoRoot(t *testing.T) (root, want string) {
	t.Helper()
	root = t.TempDir()
	writeFile(t, root, "VERSION", []byte("go1.99.0\ntime 2030-01-01T00:00:00Z\n"))
	var b strings.Builder
	for _, p := range GoCorpusFiles() {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		src := "// " + p + "\n"
		writeFile(t, filepath.Dir(full), filepath.Base(full), []byte(src))
		b.WriteString("// ==> " + p + " <==\n" + src)
	}
	return root, b.String()
}

func TestGoCorpusFormat(t *testing.T) {
	root, want := fakeGoRoot(t)
	got, err := GoCorpusText(root)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("GoCorpusText begins %q,\nwant %q", got[:min(200, len(got))], want[:200])
	}
	if !strings.HasPrefix(got, "// ==> src/bufio/bufio.go <==\n// src/bufio/bufio.go\n// ==> src/bufio/scan.go <==\n") {
		t.Errorf("the corpus does not start with bufio's two files: %q", got[:100])
	}
	out := filepath.Join(t.TempDir(), "go.txt")
	if err := WriteGoCorpus(root, out); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if string(b) != want {
		t.Error("WriteGoCorpus wrote other bytes than GoCorpusText gives")
	}
	c, err := LoadGoCorpus(root)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Source, "go1.99.0") || !strings.Contains(c.Source, root) {
		t.Errorf("Source %q does not name the release and the root", c.Source)
	}
}

func TestGoCorpusMissingFile(t *testing.T) {
	root, _ := fakeGoRoot(t)
	gone := filepath.Join(root, "src", "fmt", "print.go")
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	_, err := LoadGoCorpus(root)
	wantErr(t, err, gone, "go1.99.0", GoCorpusVersion)
	out := filepath.Join(t.TempDir(), "go.txt")
	wantErr(t, WriteGoCorpus(root, out), gone)
	if _, err := os.Stat(out); err == nil {
		t.Error("WriteGoCorpus wrote a file for an incomplete corpus")
	}
}

func TestGoCorpusInvalidUTF8(t *testing.T) {
	root, _ := fakeGoRoot(t)
	bad := filepath.Join(root, "src", "sort", "sort.go")
	writeFile(t, filepath.Dir(bad), "sort.go", []byte("package sort // \xff\n"))
	_, err := GoCorpusText(root)
	wantErr(t, err, bad, "invalid UTF-8", "byte offset 16")
}

// TestGoCorpusMeasured checks the real corpus against the facts measured on
// the release the file list was made for (and recomputed independently with
// Python from the same list): on another release it is skipped.
func TestGoCorpusMeasured(t *testing.T) {
	root, err := GoRoot()
	if err != nil {
		t.Skip(err)
	}
	if v := GoVersionAt(root); v != GoCorpusVersion {
		t.Skipf("the Go installation at %s is %s; the measured facts are for %s", root, v, GoCorpusVersion)
	}
	c, err := LoadGoCorpus(root)
	if err != nil {
		t.Fatal(err)
	}
	sum := fmt.Sprintf("%x", sha256.Sum256([]byte(c.Text)))
	got := fmt.Sprintf("%d %d %d %d %d %s", len(c.Text), len(c.Train)+len(c.Val), c.Vocab.Size(), len(c.Train), len(c.Val), sum)
	want := "1031662 1031595 108 928435 103160 2a012bd6829b8f4cfbb224974048d59bb33e631e1db2af2070c0b38c36db802f"
	if got != want {
		t.Errorf("bytes, characters, vocabulary, train, val, sha256:\n got %s\nwant %s", got, want)
	}
	tail, _ := c.Vocab.Decode(c.Val)
	if !strings.HasSuffix(c.Text, tail) || len(tail) >= len(c.Text)/5 {
		t.Errorf("the validation text (%d bytes) is not the corpus's last tenth", len(tail))
	}
}

func TestGoRootFallsBackToEnv(t *testing.T) {
	t.Setenv("PATH", "")
	t.Setenv("GOROOT", "/opt/somego")
	if root, err := GoRoot(); err != nil || root != "/opt/somego" {
		t.Errorf("without a go command, GoRoot() = %q, %v; want $GOROOT", root, err)
	}
	t.Setenv("GOROOT", "")
	_, err := GoRoot()
	wantErr(t, err, "no go command on PATH", "$GOROOT is not set")
	if v := GoVersionAt(t.TempDir()); v != "unknown" {
		t.Errorf("GoVersionAt of a folder without VERSION = %q, want unknown", v)
	}
}
