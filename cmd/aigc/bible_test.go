package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/data"
)

// writeSmallPairs writes a few verse pairs as -write-pairs would, into dir.
func writeSmallPairs(t *testing.T, dir string) {
	t.Helper()
	v := func(ref, en, es string) data.VersePair { return data.VersePair{Ref: ref, English: en, Spanish: es} }
	b := &data.BiblePairs{
		Train: data.TokenizeVersePairs([]data.VersePair{
			v("Genesis 1:1", "In the beginning God created the heaven and the earth.", "EN el principio crió Dios los cielos y la tierra."),
			v("Genesis 1:3", "And God said, Let there be light: and there was light.", "Y dijo Dios: Sea la luz: y fué la luz."),
		}),
		Valid: data.TokenizeVersePairs([]data.VersePair{v("Genesis 1:25", "And God made the earth.", "E hizo Dios la tierra.")}),
		Test:  data.TokenizeVersePairs([]data.VersePair{v("John 11:35", "Jesus wept.", "Y lloró Jesús."), v("Genesis 1:4", "And God saw the light.", "Y vió Dios la luz.")}),
	}
	if err := data.WriteBiblePairs(dir, b); err != nil {
		t.Fatal(err)
	}
}

// -task bible trains on the files -pairs names and scores greedy decoding
// and beam search with BLEU and ROUGE-L; -write-pairs, reading the same
// files, writes them again byte for byte.
func TestTrainTransformerBible(t *testing.T) {
	pairs := filepath.Join(t.TempDir(), "pairs")
	writeSmallPairs(t, pairs)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"train", "transformer", "-task", "bible", "-pairs", pairs, "-iters", "2", "-beam", "2", "-seed", "3", "-out", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit code %d\n%s\n%s", code, &stdout, &stderr)
	}
	for _, want := range []string{"2 training and 1 validation examples", "unigram entropy", "val loss", "validation loss", "2 test examples",
		"BLEU", "ROUGE-L", "beam search (B = 2", "Jesus wept .  →"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &stdout)
		}
	}
	rec, err := readRecord(filepath.Join(out, "bible"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"greedy_bleu", "greedy_rouge_l", "beam_bleu", "beam_rouge_l", "unigram_entropy"} {
		if _, ok := rec.Measured[k].(float64); !ok {
			t.Errorf("model.json lacks the score %s: %v", k, rec.Measured)
		}
	}
	if vl, ok := rec.Measured["val_loss"].([]any); !ok || len(vl) != 2 {
		t.Errorf("model.json: validation losses %v, want two (before and after)", rec.Measured["val_loss"])
	}

	again := filepath.Join(t.TempDir(), "again")
	if code := run([]string{"train", "transformer", "-pairs", pairs, "-write-pairs", again}, &stdout, &stderr); code != 0 {
		t.Fatalf("-write-pairs: exit code %d\n%s", code, &stderr)
	}
	for _, name := range data.BiblePairFiles {
		a, errA := os.ReadFile(filepath.Join(pairs, name))
		b, errB := os.ReadFile(filepath.Join(again, name))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s written again differs (%v, %v):\n%s\n%s", name, errA, errB, a, b)
		}
	}
}

// Without the SWORD tools, -task bible and -write-pairs say which Debian
// packages hold the verses; a -pairs folder without the files is named.
func TestTrainTransformerBibleMissing(t *testing.T) {
	t.Setenv("PATH", "")
	for _, args := range [][]string{
		{"train", "transformer", "-task", "bible", "-iters", "1"},
		{"train", "transformer", "-write-pairs", t.TempDir()},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code == 0 {
			t.Fatalf("%v succeeded without mod2vpl", args)
		}
		if !strings.Contains(stderr.String(), data.BiblePackages) {
			t.Errorf("%v: the error does not name %s:\n%s", args, data.BiblePackages, &stderr)
		}
	}
	var stdout, stderr bytes.Buffer
	empty := t.TempDir()
	if code := run([]string{"train", "transformer", "-task", "bible", "-pairs", empty}, &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), filepath.Join(empty, "train.tsv")) {
		t.Errorf("-pairs of an empty folder: exit code %d, stderr:\n%s", code, &stderr)
	}
	if code := run([]string{"train", "transformer", "-task", "copy", "-pairs", empty}, &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), "-pairs") {
		t.Errorf("-task copy -pairs: exit code %d, stderr:\n%s", code, &stderr)
	}
}
