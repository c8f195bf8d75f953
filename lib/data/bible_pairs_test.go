package data

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestTokenizeVersePairs(t *testing.T) {
	got := TokenizeVersePairs([]VersePair{{"John 11:35", "Jesus wept.", "Y lloró Jesús."}})
	want := []TokenPair{{"John 11:35", []string{"Jesus", "wept", "."}, []string{"Y", "lloró", "Jesús", "."}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TokenizeVersePairs = %q, want %q", got, want)
	}
}

// WriteBiblePairs and ReadBiblePairs agree, token for token, and reading
// names the file and line of a malformed pair.
func TestBiblePairsRoundTrip(t *testing.T) {
	b := &BiblePairs{
		Train: TokenizeVersePairs([]VersePair{{"Genesis 1:1", "In the beginning God created the heaven and the earth.", "EN el principio crió Dios los cielos y la tierra."},
			{"Song of Solomon 2:1", "I am the rose of Sharon, and the lily of the valleys.", "YO soy la rosa de Sarón, Y el lirio de los valles."}}),
		Valid: TokenizeVersePairs([]VersePair{{"Genesis 1:25", "And God made the beast", "E hizo Dios animales"}}),
		Test:  TokenizeVersePairs([]VersePair{{"John 11:35", "Jesus wept.", "Y lloró Jesús."}}),
	}
	dir := filepath.Join(t.TempDir(), "pairs")
	if err := WriteBiblePairs(dir, b); err != nil {
		t.Fatal(err)
	}
	got, err := ReadBiblePairs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Train, b.Train) || !reflect.DeepEqual(got.Valid, b.Valid) || !reflect.DeepEqual(got.Test, b.Test) || got.Source != dir {
		t.Errorf("read back %+v, want %+v", got, b)
	}
	text, err := os.ReadFile(filepath.Join(dir, "test.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "John 11:35\tJesus wept .\tY lloró Jesús .\n"; string(text) != want {
		t.Errorf("test.tsv holds %q, want %q", text, want)
	}

	writeFile(t, dir, "valid.tsv", []byte("Genesis 1:25\tAnd God\tE hizo\nGenesis 1:26\tonly two fields\n"))
	_, err = ReadBiblePairs(dir)
	wantErr(t, err, "valid.tsv:2", "want 3")
	writeFile(t, dir, "valid.tsv", []byte("Genesis 1:25\tAnd  God\tE hizo\n"))
	_, err = ReadBiblePairs(dir)
	wantErr(t, err, "valid.tsv:1", "empty token")
	os.Remove(filepath.Join(dir, "valid.tsv"))
	_, err = ReadBiblePairs(dir)
	wantErr(t, err, "valid.tsv", "-write-pairs")

	b.Test[0].Src[0] = "two\twords"
	wantErr(t, WriteBiblePairs(dir, b), "John 11:35", "two\\twords")
}
