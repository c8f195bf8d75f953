package data

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// pngBytes encodes img as PNG.
func pngBytes(img image.Image) []byte {
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// FuzzReadImagesSized writes two arbitrary files into a folder as PNGs and
// reads it as aigc eval images does, for 28×28 digits. It must never
// panic; what it accepts must be 28×28 images in [0, 1]; and a header
// declaring any other size must be refused before the pixels are decoded.
func FuzzReadImagesSized(f *testing.F) {
	digit := image.NewGray(image.Rect(0, 0, 28, 28))
	digit.SetGray(14, 14, color.Gray{Y: 200})
	colour := image.NewRGBA(image.Rect(0, 0, 28, 28))
	colour.Set(3, 4, color.RGBA{10, 200, 30, 255})
	big := pngBytes(image.NewGray(image.Rect(0, 0, 300, 200)))
	huge := append([]byte{}, big[:33]...) // signature and IHDR only
	copy(huge[16:24], []byte{0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30})
	for _, s := range [][2][]byte{
		{pngBytes(digit), pngBytes(colour)},
		{pngBytes(digit), big},
		{huge, pngBytes(digit)},
		{pngBytes(digit)[:60], nil},
		{[]byte("not a png"), pngBytes(digit)},
	} {
		f.Add(s[0], s[1])
	}
	dir := f.TempDir() // each run overwrites the same two files
	f.Fuzz(func(t *testing.T, a, b []byte) {
		for i, file := range [][]byte{a, b} {
			if err := os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".png"), file, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var images *tensor.Tensor
		var err error
		got := allocated(func() { images, err = ReadImagesSized(dir, 28, 28) })
		// Two 28×28 images decode into a few tens of kilobytes; anything
		// beyond a few megabytes means a declared size was trusted.
		if got > 4<<20 {
			t.Fatalf("allocated %d bytes reading two files of %d and %d bytes", got, len(a), len(b))
		}
		if err != nil {
			return
		}
		if s := images.Shape; len(s) != 2 || s[0] != 2 || s[1] != 28*28 {
			t.Fatalf("accepted images of shape %v", s)
		}
		for _, v := range images.Data {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("pixel %g outside [0, 1]", v)
			}
		}
	})
}
