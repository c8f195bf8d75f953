package data

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/luoxia/aigc/internal/atomicfile"
)

// TokenPair is a verse pair split into tokens, as the translation task
// reads it: Src the English tokens, Tgt the Spanish.
type TokenPair struct {
	Ref      string
	Src, Tgt []string
}

// TokenizeVersePairs splits both sides of every pair with PunctTokens:
// words and punctuation marks, case kept ("Y lloró Jesús." is Y, lloró,
// Jesús, ".").
func TokenizeVersePairs(pairs []VersePair) []TokenPair {
	out := make([]TokenPair, len(pairs))
	for i, p := range pairs {
		out[i] = TokenPair{Ref: p.Ref, Src: PunctTokens(p.English), Tgt: PunctTokens(p.Spanish)}
	}
	return out
}

// BiblePairFiles are the names of the three files WriteBiblePairs writes
// and ReadBiblePairs reads: the training, validation and test pairs.
var BiblePairFiles = [3]string{"train.tsv", "valid.tsv", "test.tsv"}

// BiblePairs is the translation task's data: the short verse pairs
// (BibleMaxWords), split by VerseSplit and tokenized by TokenizeVersePairs.
type BiblePairs struct {
	Train, Valid, Test []TokenPair
	Source             string // where the pairs came from
}

// LoadBiblePairs returns the short verse pairs of the installed SWORD
// modules, split and tokenized (dir "") or, when dir is not empty, the pairs
// WriteBiblePairs wrote into dir. Errors wrap ErrCorpusMissing when the
// modules are needed and not installed.
func LoadBiblePairs(dir string) (*BiblePairs, error) {
	if dir != "" {
		return ReadBiblePairs(dir)
	}
	pairs, err := LoadBible(BibleMaxWords)
	if err != nil {
		return nil, err
	}
	tr, va, te := SplitVersePairs(pairs)
	return &BiblePairs{Train: TokenizeVersePairs(tr), Valid: TokenizeVersePairs(va), Test: TokenizeVersePairs(te),
		Source: fmt.Sprintf("SWORD modules %s and %s", BibleEnglishModule, BibleSpanishModule)}, nil
}

// WriteBiblePairs writes b's three splits into dir (made if missing) as
// the files BiblePairFiles names, each atomically: one pair a line, three
// fields separated by tabs — the reference, the English tokens and the
// Spanish tokens, each side's tokens joined by single spaces. A program in
// another language reads the same tokens by splitting a line at its tabs
// and each side at its spaces.
func WriteBiblePairs(dir string, b *BiblePairs) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("data: WriteBiblePairs: %w", err)
	}
	for i, split := range [][]TokenPair{b.Train, b.Valid, b.Test} {
		var sb strings.Builder
		for _, p := range split {
			for _, t := range append(append([]string{p.Ref}, p.Src...), p.Tgt...) {
				if t == "" || strings.ContainsAny(t, "\t\n\r") {
					return fmt.Errorf("data: WriteBiblePairs: pair %q holds a token %q that a line of tab-separated fields cannot", p.Ref, t)
				}
			}
			fmt.Fprintf(&sb, "%s\t%s\t%s\n", p.Ref, strings.Join(p.Src, " "), strings.Join(p.Tgt, " "))
		}
		if err := atomicfile.WriteFile(filepath.Join(dir, BiblePairFiles[i]), []byte(sb.String()), 0o644); err != nil {
			return fmt.Errorf("data: WriteBiblePairs: %w", err)
		}
	}
	return nil
}

// ReadBiblePairs reads the three files WriteBiblePairs wrote into dir. A
// missing file, or a line that is not three tab-separated fields with
// tokens on both sides, is an error naming the file (and line).
func ReadBiblePairs(dir string) (*BiblePairs, error) {
	var splits [3][]TokenPair
	for i, name := range BiblePairFiles {
		path := filepath.Join(dir, name)
		pairs, err := readTokenPairs(path)
		if err != nil {
			return nil, err
		}
		if len(pairs) == 0 {
			return nil, fmt.Errorf("data: %s holds no pairs", path)
		}
		splits[i] = pairs
	}
	return &BiblePairs{Train: splits[0], Valid: splits[1], Test: splits[2], Source: dir}, nil
}

// readTokenPairs reads one file of WriteBiblePairs.
func readTokenPairs(path string) ([]TokenPair, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("data: no %s; write the pairs with `aigc train transformer -write-pairs %s`", path, filepath.Dir(path))
	}
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	defer f.Close()
	var out []TokenPair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for ln := 1; sc.Scan(); ln++ {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 3 || fields[0] == "" {
			return nil, fmt.Errorf("data: %s:%d: %d tab-separated fields; want 3 (reference, English tokens, Spanish tokens)", path, ln, len(fields))
		}
		src, tgt := strings.Split(fields[1], " "), strings.Split(fields[2], " ")
		for _, t := range append(append([]string(nil), src...), tgt...) {
			if t == "" {
				return nil, fmt.Errorf("data: %s:%d: an empty token (want tokens separated by single spaces, none at the ends)", path, ln)
			}
		}
		out = append(out, TokenPair{Ref: fields[0], Src: src, Tgt: tgt})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("data: reading %s: %w", path, err)
	}
	return out, nil
}
