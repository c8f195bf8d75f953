package data

import (
	"reflect"
	"testing"
)

func TestWordsAndChars(t *testing.T) {
	if got, want := Words("  forty-two\tthousand \n and one "), []string{"forty-two", "thousand", "and", "one"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
	if got, want := Chars("四万零一"), []string{"四", "万", "零", "一"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Chars = %q, want %q", got, want)
	}
}

func TestPunctTokens(t *testing.T) {
	got := PunctTokens("And the woman’s son, (Dan:) ¡OH Jehová! 'tis rock'n")
	want := []string{"And", "the", "woman’s", "son", ",", "(", "Dan", ":", ")", "¡", "OH", "Jehová", "!", "'", "tis", "rock'n"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PunctTokens = %q,\nwant %q", got, want)
	}
}
