package data

import (
	"path/filepath"
	"reflect"
	"testing"
)

func TestCharCorpusSplitsCharacters(t *testing.T) {
	// 20 characters in 40 bytes: the split counts characters.
	text := "αβγδεζηθικλμνξοπρστυ"
	c, err := NewCharCorpus(text, "greek")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Train) != 18 || len(c.Val) != 2 || c.Vocab.Size() != 20 {
		t.Fatalf("train %d, val %d, vocabulary %d; want 18, 2, 20", len(c.Train), len(c.Val), c.Vocab.Size())
	}
	tr, _ := c.Vocab.Decode(c.Train)
	va, _ := c.Vocab.Decode(c.Val)
	if tr != "αβγδεζηθικλμνξοπρσ" || va != "τυ" {
		t.Errorf("split %q | %q", tr, va)
	}
	_, err = NewCharCorpus("abcdefghij", "short")
	wantErr(t, err, "short", "10 characters")
	_, err = NewCharCorpus("abc\xfe"+text, "bad")
	wantErr(t, err, "bad", "invalid UTF-8", "byte offset 3")
}

func TestReadCharCorpus(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "c.txt", []byte("one two three four five six\n"))
	c, err := ReadCharCorpus(p)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := NewCharCorpus("one two three four five six\n", p)
	if !reflect.DeepEqual(c, want) {
		t.Errorf("ReadCharCorpus differs from NewCharCorpus of the same text")
	}
	_, err = ReadCharCorpus(filepath.Join(dir, "none.txt"))
	wantErr(t, err, "none.txt")
}
