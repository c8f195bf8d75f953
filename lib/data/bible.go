package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"os/exec"
	"strings"
	"time"
)

// ErrCorpusMissing is wrapped by the errors of loaders whose corpus comes
// from software that is not installed. The error's message says what to
// install; a test or notebook can check errors.Is(err, ErrCorpusMissing) and
// skip with that message.
var ErrCorpusMissing = errors.New("corpus not installed")

// The Bible corpus: the King James Version (English, 1769 text) and the
// Reina-Valera 1909 (Spanish), both in the public domain, as the SWORD
// modules that Debian packages, exported verse by verse with libsword-utils'
// mod2vpl. Both modules use the KJV versification, so a verse's reference
// names the same verse in both.
const (
	BibleEnglishModule = "engKJV2006eb"
	BibleSpanishModule = "spaRV1909eb"
	BiblePackages      = "sword-text-kjv sword-text-sparv libsword-utils"
)

// BibleMaxWords is the project's limit on an English verse's length, in
// space-separated words, for the translation task: short verses train fast.
const BibleMaxWords = 15

// VersePair is a verse in both translations.
type VersePair struct {
	Ref     string
	English string
	Spanish string
}

// ExportVerses runs `mod2vpl module 1` and reads its output with ReadVPL.
// If mod2vpl is not on PATH or the module is not installed, the error wraps
// ErrCorpusMissing and names the Debian packages to install.
func ExportVerses(module string) ([]Verse, error) {
	cmd, err := exec.LookPath("mod2vpl")
	if err != nil {
		return nil, fmt.Errorf("data: %w: no mod2vpl command to export SWORD module %s; install it with `apt-get install -y %s`",
			ErrCorpusMissing, module, BiblePackages)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	c := exec.CommandContext(ctx, cmd, module, "1")
	c.Stdout, c.Stderr = &stdout, &stderr
	if err := c.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "couldn't find module") {
			return nil, fmt.Errorf("data: %w: SWORD module %s is not installed (%s); install it with `apt-get install -y %s`",
				ErrCorpusMissing, module, msg, BiblePackages)
		}
		return nil, fmt.Errorf("data: %s %s 1: %v: %s", cmd, module, err, msg)
	}
	return ReadVPL(&stdout, "mod2vpl "+module)
}

// LoadBible exports the two modules and returns their verse pairs whose
// English text has at most maxWords words (0 keeps all), in canonical
// order. Errors wrap ErrCorpusMissing when the packages are not installed.
func LoadBible(maxWords int) ([]VersePair, error) {
	en, err := ExportVerses(BibleEnglishModule)
	if err != nil {
		return nil, err
	}
	es, err := ExportVerses(BibleSpanishModule)
	if err != nil {
		return nil, err
	}
	return ShortVerses(AlignVerses(en, es), maxWords), nil
}

// LoadBibleFiles is LoadBible reading two files that mod2vpl wrote
// (`mod2vpl engKJV2006eb 1 > kjv.txt`), for machines where the packages
// cannot be installed.
func LoadBibleFiles(englishPath, spanishPath string, maxWords int) ([]VersePair, error) {
	var sides [2][]Verse
	for i, p := range []string{englishPath, spanishPath} {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("data: LoadBibleFiles: %w", err)
		}
		sides[i], err = ReadVPL(f, p)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return ShortVerses(AlignVerses(sides[0], sides[1]), maxWords), nil
}

// AlignVerses pairs the verses of two translations by reference, in the
// order of the first; a verse that either lacks (or that has no text in
// one of them) is left out.
func AlignVerses(first, second []Verse) []VersePair {
	other := make(map[string]string, len(second))
	for _, v := range second {
		other[v.Ref] = v.Text
	}
	var out []VersePair
	for _, v := range first {
		if t, ok := other[v.Ref]; ok {
			out = append(out, VersePair{Ref: v.Ref, English: v.Text, Spanish: t})
		}
	}
	return out
}

// ShortVerses returns the pairs whose English text has at most maxWords
// space-separated words; maxWords 0 returns pairs unchanged.
func ShortVerses(pairs []VersePair, maxWords int) []VersePair {
	if maxWords <= 0 {
		return pairs
	}
	var out []VersePair
	for _, p := range pairs {
		if len(strings.Fields(p.English)) <= maxWords {
			out = append(out, p)
		}
	}
	return out
}

// VerseSplit is the split a verse belongs to: 0 training, 1 validation,
// 2 test. It depends on the reference alone, so a verse keeps its split
// whatever else is filtered in or out: with h the 64-bit FNV-1a hash of the
// reference's UTF-8 bytes, h mod 20 = 0 is test, 1 is validation, and the
// rest (nine verses in ten) is training.
func VerseSplit(ref string) int {
	h := fnv.New64a()
	h.Write([]byte(ref))
	switch h.Sum64() % 20 {
	case 0:
		return 2
	case 1:
		return 1
	}
	return 0
}

// SplitVersePairs splits pairs by VerseSplit, keeping their order.
func SplitVersePairs(pairs []VersePair) (train, val, test []VersePair) {
	for _, p := range pairs {
		switch VerseSplit(p.Ref) {
		case 0:
			train = append(train, p)
		case 1:
			val = append(val, p)
		default:
			test = append(test, p)
		}
	}
	return train, val, test
}
