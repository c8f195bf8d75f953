package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// GoCorpusVersion is the Go release whose sources the Go corpus's file list
// was made from. With it, the corpus is 1,028,467 bytes of source (plus the
// file headers) in 92 files.
const GoCorpusVersion = "go1.26.8"

// GoCorpusFiles returns the Go corpus's file list: paths relative to GOROOT,
// with forward slashes, in the order they are concatenated. The files are
// the non-test .go files directly inside these standard-library packages:
//
//	bufio bytes container/heap container/list encoding/csv encoding/json
//	errors fmt go/ast go/scanner go/token io math/bits path regexp sort
//	strconv strings text/tabwriter text/template unicode/utf8
//
// A script in another language reproduces the corpus from this list and
// GoCorpusHeader, reading each file's bytes unchanged, or reads the file
// WriteGoCorpus writes. In Python, with files the list and root the GOROOT:
//
//	text = "".join("// ==> " + p + " <==\n" + open(root + "/" + p, encoding="utf-8", newline="").read() for p in files)
//	chars = sorted(set(text))          # ids as CharVocab gives them
//	n = len(text); train, val = text[:int(n * 0.9)], text[int(n * 0.9):]
func GoCorpusFiles() []string { return slices.Clone(goCorpusFiles) }

// GoCorpusHeader is the line written before each file of the Go corpus: it
// separates the files and names the one that follows, as head(1) does with
// several files. For "src/fmt/print.go" it is "// ==> src/fmt/print.go <==\n".
func GoCorpusHeader(path string) string { return "// ==> " + path + " <==\n" }

// GoRoot returns the root of the Go installation whose sources make the Go
// corpus: what `go env GOROOT` prints, asking the go command found on PATH
// (the toolchain that builds the project), or else the value of $GOROOT.
// (runtime.GOROOT is not used: it is deprecated, and a binary moved to
// another machine would report the GOROOT it was built with.)
func GoRoot() (string, error) {
	var why string
	if goCmd, err := exec.LookPath("go"); err != nil {
		why = "no go command on PATH"
	} else {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, goCmd, "env", "GOROOT").Output()
		if root := strings.TrimSpace(string(out)); err == nil && root != "" {
			return root, nil
		}
		why = fmt.Sprintf("%s env GOROOT: %v", goCmd, err)
	}
	if root := os.Getenv("GOROOT"); root != "" {
		return root, nil
	}
	return "", fmt.Errorf("data: cannot find the Go installation's sources: %s, and $GOROOT is not set; install Go or set $GOROOT", why)
}

// GoVersionAt returns the release named on the first line of goroot's
// VERSION file ("go1.26.8"), or "unknown" if it cannot be read (a
// development toolchain has none).
func GoVersionAt(goroot string) string {
	b, err := os.ReadFile(filepath.Join(goroot, "VERSION"))
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(string(b), "\n")
	if line = strings.TrimSpace(line); line == "" {
		return "unknown"
	}
	return line
}

// GoCorpusText reads the Go corpus from goroot ("" asks GoRoot): for each
// path of GoCorpusFiles in order, GoCorpusHeader(path) and then the file's
// bytes, unchanged. Go source files end with a newline, so each header
// starts a line.
//
// Another Go release may have moved, removed or changed the files. A file
// the list names but goroot lacks is an error naming it, goroot's release
// and GoCorpusVersion: the corpus is not built from what remains, since
// that would silently be another corpus. Files that exist but changed give a
// corpus of another size; the project's measurements are for
// GoCorpusVersion. For a side-by-side run, write the corpus once with
// WriteGoCorpus and give both sides that file.
func GoCorpusText(goroot string) (string, error) {
	if goroot == "" {
		var err error
		if goroot, err = GoRoot(); err != nil {
			return "", err
		}
	}
	var b bytes.Buffer
	b.Grow(1 << 20)
	for _, p := range goCorpusFiles {
		full := filepath.Join(goroot, filepath.FromSlash(p))
		src, err := os.ReadFile(full)
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("data: the Go corpus needs %s, which this Go installation (%s at %s) lacks; the file list was made for %s: build the corpus with that release, or read a corpus file written with it",
				full, GoVersionAt(goroot), goroot, GoCorpusVersion)
		}
		if err != nil {
			return "", fmt.Errorf("data: the Go corpus: %w", err)
		}
		if err := checkUTF8(string(src)); err != nil {
			return "", fmt.Errorf("data: the Go corpus: %s: %w", full, err)
		}
		b.WriteString(GoCorpusHeader(p))
		b.Write(src)
	}
	return b.String(), nil
}

// LoadGoCorpus reads the Go corpus from goroot ("" asks GoRoot) as a
// CharCorpus: its vocabulary is the corpus's own characters, its first 90%
// trains and its last 10% validates. Source names goroot and its release.
func LoadGoCorpus(goroot string) (*CharCorpus, error) {
	if goroot == "" {
		var err error
		if goroot, err = GoRoot(); err != nil {
			return nil, err
		}
	}
	text, err := GoCorpusText(goroot)
	if err != nil {
		return nil, err
	}
	return NewCharCorpus(text, fmt.Sprintf("Go sources of %s at %s", GoVersionAt(goroot), goroot))
}

// WriteGoCorpus writes the Go corpus read from goroot ("" asks GoRoot) to
// the file at path, byte for byte as GoCorpusText returns it, so that a
// program in another language reads exactly the same text: in Python,
// open(path, encoding="utf-8", newline="").read() (newline="" keeps any
// carriage return as it is).
func WriteGoCorpus(goroot, path string) error {
	text, err := GoCorpusText(goroot)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return fmt.Errorf("data: WriteGoCorpus: %w", err)
	}
	return nil
}
