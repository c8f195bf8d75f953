package data

import (
	"reflect"
	"testing"
)

func TestWordVocabIDs(t *testing.T) {
	v, err := NewWordVocab([][]string{{"b", "a", "c"}, {"a", "c", "d"}, {"a"}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Reserved ids first; then by count (a 3, c 2), ties (b, d) in byte order.
	want := []string{"<pad>", "<s>", "</s>", "<unk>", "a", "c", "b", "d"}
	if got := v.Decode([]int{0, 1, 2, 3, 4, 5, 6, 7}); !reflect.DeepEqual(got, want) {
		t.Fatalf("tokens by id %q, want %q", got, want)
	}
	if v.Token(PadID) != PadToken || v.Token(BOSID) != BOSToken || v.Token(EOSID) != EOSToken || v.Token(UnkID) != UnkToken {
		t.Errorf("reserved ids do not hold the reserved tokens: %q", v.Decode([]int{PadID, BOSID, EOSID, UnkID}))
	}
	if got, want := v.EncodeWithEnds([]string{"d", "zz", "a"}), []int{BOSID, 7, UnkID, 4, EOSID}; !reflect.DeepEqual(got, want) {
		t.Errorf("EncodeWithEnds = %v, want %v", got, want)
	}
	if got, want := v.Sentence([]int{BOSID, 5, UnkID, PadID, 6, EOSID, 4}), []string{"c", "<unk>", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sentence = %q, want %q", got, want)
	}
	mustPanic(t, func() { v.Token(8) }, "8", "8 tokens")
}

func TestWordVocabMinCountAndErrors(t *testing.T) {
	v, err := NewWordVocab([][]string{{"x", "y", "x"}}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if v.Size() != 5 || v.ID("x") != 4 || v.ID("y") != UnkID {
		t.Errorf("minCount 2: size %d, x %d, y %d; want 5, 4, %d", v.Size(), v.ID("x"), v.ID("y"), UnkID)
	}
	_, err = NewWordVocab([][]string{{"a"}, {"b", "</s>"}}, 1)
	wantErr(t, err, "sentence 1, token 1", `"</s>"`)
	_, err = NewWordVocab([][]string{{"a", ""}}, 1)
	wantErr(t, err, "sentence 0, token 1", "empty")
}
