package data

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/luoxia/aigc/internal/bombs"
)

// allocated returns the bytes allocated while f ran.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// writeBomb writes what fill produces to dir/name and returns the path.
func writeBomb(t *testing.T, dir, name string, fill func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := fill(&b); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, name, b.Bytes())
}

// Files whose headers promise more than they can hold, or more than an
// image reader accepts, are refused from the header, before the data is
// read: each costs well under a megabyte.
func TestReadIDXFileRefusesBombsFromTheHeader(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		fill  func(*bytes.Buffer) error
		read  func(path string) error
		parts []string
	}{
		{"plain, 10 bytes for 500 MB", func(b *bytes.Buffer) error {
			_, err := b.Write(encodeIDX(IDXUint8, []int{500 << 20}, make([]byte, 10)))
			return err
		}, readIDXFileErr, []string{"truncated data", "promise 524288000 bytes, found 10 (the file's size"}},
		{"gzipped, 60 bytes for 500 MB", func(b *bytes.Buffer) error {
			_, err := b.Write(gzipBytes(encodeIDX(IDXUint8, []int{500 << 20}, make([]byte, 10))))
			return err
		}, readIDXFileErr, []string{"promise 524288000 bytes, more than the compressed file can hold"}},
		{"2 MB gzipped, 2.1 GB of zeros", func(b *bytes.Buffer) error { return bombs.IDXZeros(b, []int{2730000, 28, 28}) },
			readIDXFileErr, []string{"[2730000 28 28]", "promise more than 1073741824 bytes"}},
		{"images, 78 MB of zeros", func(b *bytes.Buffer) error { return bombs.IDXZeros(b, []int{100000, 28, 28}) },
			readImagesErr, []string{"100000 images of 28×28 pixels are more than the 67108864 pixels"}},
		{"images, 8000×8000", func(b *bytes.Buffer) error { return bombs.IDXZeros(b, []int{1, 8000, 8000}) },
			readImagesErr, []string{"8000×8000 pixels are larger than the 4096×4096"}},
		{"digits, 29×28", func(b *bytes.Buffer) error { return bombs.IDXZeros(b, []int{10, 28, 29}) },
			read28Err, []string{"images are 29×28 pixels, want 28×28"}},
	} {
		path := writeBomb(t, dir, "bomb", c.fill)
		var err error
		if got := allocated(func() { err = c.read(path) }); got > 1<<20 {
			t.Errorf("%s: allocated %d bytes", c.name, got)
		}
		wantErr(t, err, append(c.parts, path)...)
	}
}

func readIDXFileErr(path string) error { _, err := ReadIDXFile(path); return err }
func readImagesErr(path string) error  { _, _, _, err := ReadImages(path); return err }
func read28Err(path string) error      { _, err := ReadImagesSized(path, 28, 28); return err }

// Two 890 KB PNGs declaring 30000×30000 pixels are refused from their
// headers, by ReadImages' size limit and by ReadImagesSized's 28×28.
func TestReadImagesRefusesHugePNGs(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	if err := bombs.PNG(&b, 30000, 30000); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.png", "b.png"} {
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a := filepath.Join(dir, "a.png")
	var err error
	if got := allocated(func() { err = readImagesErr(dir) }); got > 1<<20 {
		t.Errorf("ReadImages allocated %d bytes", got)
	}
	wantErr(t, err, a, "30000×30000 pixels are larger than the 4096×4096")
	if got := allocated(func() { err = read28Err(dir) }); got > 1<<20 {
		t.Errorf("ReadImagesSized allocated %d bytes", got)
	}
	wantErr(t, err, a, "images are 30000×30000 pixels, want 28×28")
}
