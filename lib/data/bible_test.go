package data

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestStripOSIS(t *testing.T) {
	// Leviticus 24:11's start as the KJV module marks it up, with a note and
	// a title added to check that their content goes.
	in := `And the <w savlm="strong:H3482">Israelitish</w> <w savlm="strong:H0802">woman’s</w> son ¶ ` +
		`<note type="study">a note</note>of the <transChange type="added"><seg type="x-nested"><divineName>LORD</divineName></seg></transChange>, ` +
		`<title type="psalm">A Psalm</title>and &amp; cursed. <l eID="gen4669" level="1"/> <lb type="x-p"/>`
	want := "And the Israelitish woman’s son of the LORD, and & cursed."
	if got := StripOSIS(in); got != want {
		t.Errorf("StripOSIS =\n%q, want\n%q", got, want)
	}
}

func TestReadVPL(t *testing.T) {
	in := "[ Testament 1 Heading ] <milestone/>\n" +
		"Genesis 0:0 <div type=\"book\"/> <title>Genesis</title>\n" +
		"Genesis 1:0 <chapter n=\"1\"/>\n" +
		"Genesis 1:1 In the <w>beginning</w>.\n" +
		"Genesis 1:2 <div sID=\"x\"/>\n" +
		"Song of Solomon 2:1 I <transChange>am</transChange> the rose of Sharon\r\n" +
		"II John 1:13\n"
	got, err := ReadVPL(strings.NewReader(in), "t.vpl")
	if err != nil {
		t.Fatal(err)
	}
	want := []Verse{{"Genesis 1:1", "In the beginning."}, {"Song of Solomon 2:1", "I am the rose of Sharon"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadVPL = %q, want %q", got, want)
	}
	_, err = ReadVPL(strings.NewReader("Genesis 1:1 x\nGenesis one:two y\n"), "bad.vpl")
	wantErr(t, err, "bad.vpl:2", "not a verse line")
}

func TestAlignAndSplitVerses(t *testing.T) {
	en := []Verse{{"A 1:1", "one two"}, {"A 1:2", "one two three"}, {"A 1:3", "x"}}
	es := []Verse{{"A 1:3", "equis"}, {"A 1:1", "uno dos"}}
	got := AlignVerses(en, es)
	want := []VersePair{{"A 1:1", "one two", "uno dos"}, {"A 1:3", "x", "equis"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("AlignVerses = %q, want %q", got, want)
	}
	if s := ShortVerses(AlignVerses(en, en), 2); len(s) != 2 || s[0].Ref != "A 1:1" || s[1].Ref != "A 1:3" {
		t.Errorf("ShortVerses(2) kept %q", s)
	}
	// Split values recomputed with a separate FNV-1a in Python.
	for ref, split := range map[string]int{"Genesis 1:17": 2, "Genesis 2:16": 2, "Genesis 1:25": 1, "Genesis 3:9": 1, "Genesis 1:1": 0, "John 11:35": 0} {
		if got := VerseSplit(ref); got != split {
			t.Errorf("VerseSplit(%q) = %d, want %d", ref, got, split)
		}
	}
	var pairs []VersePair
	for c := 1; c <= 50; c++ {
		for v := 1; v <= 40; v++ {
			pairs = append(pairs, VersePair{Ref: "Genesis " + strconv.Itoa(c) + ":" + strconv.Itoa(v)})
		}
	}
	tr, va, te := SplitVersePairs(pairs)
	if len(tr) != 1785 || len(va) != 112 || len(te) != 103 {
		t.Errorf("2,000 references split %d/%d/%d, want 1785/112/103", len(tr), len(va), len(te))
	}
	for _, p := range te {
		if VerseSplit(p.Ref) != 2 {
			t.Fatalf("test split holds %q", p.Ref)
		}
	}
}

func TestExportVersesMissing(t *testing.T) {
	t.Setenv("PATH", "")
	_, err := ExportVerses(BibleEnglishModule)
	if !errors.Is(err, ErrCorpusMissing) {
		t.Fatalf("without mod2vpl: %v, want an ErrCorpusMissing", err)
	}
	wantErr(t, err, "mod2vpl", "apt-get install -y sword-text-kjv sword-text-sparv libsword-utils")
}

// TestLoadBible reads the real modules, when installed, and checks the facts
// measured from them.
func TestLoadBible(t *testing.T) {
	if testing.Short() {
		t.Skip("exporting the two Bibles takes seconds")
	}
	if _, err := ExportVerses("noSuchModule"); !errors.Is(err, ErrCorpusMissing) {
		t.Fatalf("an unknown module: %v, want an ErrCorpusMissing", err)
	} else {
		wantErr(t, err, "noSuchModule", BiblePackages)
	}
	all, err := LoadBible(0)
	if errors.Is(err, ErrCorpusMissing) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	short := ShortVerses(all, BibleMaxWords)
	tr, va, te := SplitVersePairs(short)
	if len(all) != 31084 || len(short) != 5971 || len(tr) != 5417 || len(va) != 278 || len(te) != 276 {
		t.Errorf("pairs %d, short %d, split %d/%d/%d; want 31084, 5971, 5417/278/276", len(all), len(short), len(tr), len(va), len(te))
	}
	want := VersePair{"John 11:35", "Jesus wept.", "Y lloró Jesús."}
	found := false
	for _, p := range short {
		found = found || p == want
		if strings.ContainsAny(p.English+p.Spanish, "<>¶") {
			t.Fatalf("markup left in %+v", p)
		}
	}
	if !found {
		t.Errorf("no pair %+v", want)
	}
}

func TestLoadBibleFiles(t *testing.T) {
	dir := t.TempDir()
	en := writeFile(t, dir, "kjv.txt", []byte("John 11:35 <w savlm=\"strong:G2424\">Jesus</w> <w>wept</w>.\nJohn 11:36 Then said the Jews, Behold how he loved him!\n"))
	es := writeFile(t, dir, "sparv.txt", []byte("John 11:35 <w savlm=\"strong:G1145\">Y lloró</w> <w>Jesús</w>.\nJohn 11:36 Y dijeron los Judíos: Mirad cómo le amaba.\n"))
	got, err := LoadBibleFiles(en, es, 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := []VersePair{{"John 11:35", "Jesus wept.", "Y lloró Jesús."}}; !reflect.DeepEqual(got, want) {
		t.Errorf("LoadBibleFiles = %q, want %q", got, want)
	}
	_, err = LoadBibleFiles(en, dir+"/none.txt", 0)
	wantErr(t, err, "none.txt")
}
