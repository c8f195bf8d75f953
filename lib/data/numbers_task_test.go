package data

import (
	"reflect"
	"strings"
	"testing"
)

func TestNumberSplitDisjoint(t *testing.T) {
	train, val, test := NumberSplit(NumberSplitSeed)
	if len(train) != MaxNumber+1-NumberTestSize-NumberValSize || len(val) != NumberValSize || len(test) != NumberTestSize {
		t.Fatalf("split sizes %d, %d, %d", len(train), len(val), len(test))
	}
	where := map[int]string{}
	for name, split := range map[string][]NumberPair{"train": train, "val": val, "test": test} {
		for _, p := range split {
			if other, ok := where[p.N]; ok {
				t.Fatalf("%d is in both %s and %s", p.N, other, name)
			}
			where[p.N] = name
			if p != NumberPairOf(p.N) {
				t.Fatalf("%s holds %+v, want %+v", name, p, NumberPairOf(p.N))
			}
		}
	}
	if len(where) != MaxNumber+1 {
		t.Errorf("the splits cover %d numbers, want %d", len(where), MaxNumber+1)
	}
	tr2, _, te2 := NumberSplit(NumberSplitSeed)
	if !reflect.DeepEqual(train, tr2) || !reflect.DeepEqual(test, te2) {
		t.Error("the same seed gave different splits")
	}
	_, _, te3 := NumberSplit(NumberSplitSeed + 1)
	if reflect.DeepEqual(test, te3) {
		t.Error("two seeds gave the same test set")
	}
}

func TestNumberVocabsAndPairs(t *testing.T) {
	en, zh := NumberVocabs()
	if en.Size() != 107 || zh.Size() != 18 {
		t.Errorf("vocabulary sizes %d and %d, want 107 and 18", en.Size(), zh.Size())
	}
	pairs := []NumberPair{NumberPairOf(342), NumberPairOf(10010)}
	enTok, zhTok := NumberTokens(pairs)
	if want := []string{"three", "hundred", "and", "forty-two"}; !reflect.DeepEqual(enTok[0], want) {
		t.Errorf("English tokens %q, want %q", enTok[0], want)
	}
	if want := []string{"一", "万", "零", "一", "十"}; !reflect.DeepEqual(zhTok[1], want) {
		t.Errorf("Chinese tokens %q, want %q", zhTok[1], want)
	}
	b := EncodePairs(enTok, zhTok, en, zh)
	for i, p := range pairs {
		src, in, out := b.Src[i], b.TgtIn[i], b.TgtOut[i]
		if src[0] != BOSID || src[len(src)-1] != EOSID || in[0] != BOSID || out[len(out)-1] != EOSID {
			t.Errorf("pair %d: markers missing: src %v, in %v, out %v", i, src, in, out)
		}
		if !reflect.DeepEqual(in[1:], out[:len(out)-1]) {
			t.Errorf("pair %d: output %v is not input %v shifted", i, out, in)
		}
		if got := strings.Join(en.Sentence(src), " "); got != p.English {
			t.Errorf("pair %d: source reads %q, want %q", i, got, p.English)
		}
		if got := strings.Join(zh.Sentence(out), ""); got != p.Chinese {
			t.Errorf("pair %d: target reads %q, want %q", i, got, p.Chinese)
		}
	}
	// The reverse direction swaps the roles.
	r := EncodePairs(zhTok, enTok, zh, en)
	if got := zh.Sentence(r.Src[0]); !reflect.DeepEqual(got, zhTok[0]) {
		t.Errorf("reverse source reads %q, want %q", got, zhTok[0])
	}
	if got := strings.Join(en.Sentence(r.TgtOut[1]), " "); got != pairs[1].English {
		t.Errorf("reverse target reads %q, want %q", got, pairs[1].English)
	}
	mustPanic(t, func() { EncodePairs(enTok, zhTok[:1], en, zh) }, "2 source", "1 target")
}
