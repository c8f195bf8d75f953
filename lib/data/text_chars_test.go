package data

import (
	"reflect"
	"testing"
)

func TestCharVocabSortedRoundTrip(t *testing.T) {
	v, err := NewCharVocab("hello, 世界\n")
	if err != nil {
		t.Fatal(err)
	}
	// The distinct characters in code-point order: '\n' ' ' ',' 'e' 'h' 'l' 'o' '世' '界'.
	if got, want := v.Chars(), "\n ,ehlo世界"; got != want {
		t.Fatalf("Chars() = %q, want %q", got, want)
	}
	ids, err := v.Encode("hole 世")
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{4, 6, 5, 3, 1, 7}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Encode(%q) = %v, want %v", "hole 世", ids, want)
	}
	s, err := v.Decode(ids)
	if err != nil || s != "hole 世" {
		t.Errorf("Decode(%v) = %q, %v; want %q", ids, s, err, "hole 世")
	}
	// Another text with the same alphabet gives the same ids.
	w, _ := NewCharVocab("界世olleh ,\n")
	if w.Chars() != v.Chars() {
		t.Errorf("same alphabet, different vocabularies: %q and %q", w.Chars(), v.Chars())
	}
}

func TestCharVocabErrors(t *testing.T) {
	v, _ := NewCharVocab("abc")
	_, err := v.Encode("abxc")
	wantErr(t, err, `'x'`, "U+0078", "position 2", "byte offset 2", "3-character")
	_, err = v.Encode("ab\xffc")
	wantErr(t, err, "invalid UTF-8", "0xff", "byte offset 2")
	_, err = v.Decode([]int{0, 3})
	wantErr(t, err, "id 3", "position 1", "0..2")
	_, err = NewCharVocab("ok\xc3")
	wantErr(t, err, "invalid UTF-8", "byte offset 2")
}
