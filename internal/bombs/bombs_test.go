package bombs

import (
	"bytes"
	"compress/gzip"
	"image"
	"image/png"
	"io"
	"testing"
)

// TestIDXZerosDecompresses checks the gzip stream byte for byte: header,
// then exactly the promised number of zeros, and a valid checksum.
func TestIDXZerosDecompresses(t *testing.T) {
	var b bytes.Buffer
	if err := IDXZeros(&b, []int{5000, 28, 28}); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]byte{0, 0, 8, 3, 0, 0, 0x13, 0x88, 0, 0, 0, 28, 0, 0, 0, 28}, make([]byte, 5000*28*28)...)
	if !bytes.Equal(out, want) {
		t.Fatalf("decompressed %d bytes starting % x, want %d starting % x", len(out), out[:16], len(want), want[:16])
	}
}

// TestPNGDecodes decodes a small one fully and checks a large one's size
// on disk against what it declares.
func TestPNGDecodes(t *testing.T) {
	var b bytes.Buffer
	if err := PNG(&b, 3000, 2000); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := img.(*image.Gray); !ok || img.Bounds().Dx() != 3000 || img.Bounds().Dy() != 2000 || g.Pix[len(g.Pix)-1] != 0 {
		t.Fatalf("decoded %T of %v", img, img.Bounds())
	}
	b.Reset()
	if err := PNG(&b, 30000, 30000); err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b.Bytes()))
	if err != nil || cfg.Width != 30000 || cfg.Height != 30000 || b.Len() > 1<<20 {
		t.Fatalf("%d bytes declaring %+v, %v", b.Len(), cfg, err)
	}
}

func TestLine(t *testing.T) {
	if got := Line(5); got != "a a a" {
		t.Fatalf("Line(5) = %q", got)
	}
}
