package data

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

func TestWriteAndReadIDXImages(t *testing.T) {
	// Two 2×3 images; values outside [0, 1] are clipped, the rest rounded to 1/255.
	in := tensor.FromSlice([]float64{0, 1, 0.5, -3, 7, 0.2, 1, 1, 1, 0, 0, 0}, 2, 6)
	path := filepath.Join(t.TempDir(), "samples.idx")
	if err := WriteIDXImages(path, in, 2, 3); err != nil {
		t.Fatal(err)
	}
	got, rows, cols, err := ReadImages(path)
	if err != nil {
		t.Fatal(err)
	}
	if rows != 2 || cols != 3 || !tensor.EqualShape(got.Shape, []int{2, 6}) {
		t.Fatalf("read %v images of %d×%d", got.Shape, rows, cols)
	}
	want := []float64{0, 1, 128.0 / 255, 0, 1, 51.0 / 255, 1, 1, 1, 0, 0, 0}
	for i, w := range want {
		if d := got.Data[i] - w; d > 1e-12 || d < -1e-12 {
			t.Errorf("pixel %d: %g, want %g", i, got.Data[i], w)
		}
	}
	if err := WriteIDXImages(path, in, 3, 3); err == nil || !strings.Contains(err.Error(), "[2 6]") {
		t.Errorf("wrong image size accepted: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestReadPNGFolder(t *testing.T) {
	dir := t.TempDir()
	a := image.NewGray(image.Rect(0, 0, 3, 2))
	a.SetGray(2, 1, color.Gray{Y: 255})
	b := image.NewRGBA(image.Rect(0, 0, 3, 2))
	b.Set(0, 0, color.RGBA{255, 255, 255, 255})
	writePNG(t, filepath.Join(dir, "b.png"), b)
	writePNG(t, filepath.Join(dir, "a.png"), a)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not an image"), 0o644)
	got, rows, cols, err := ReadImages(dir)
	if err != nil {
		t.Fatal(err)
	}
	if rows != 2 || cols != 3 || got.Shape[0] != 2 {
		t.Fatalf("read %v of %d×%d", got.Shape, rows, cols)
	}
	// a.png first (name order): its last pixel is white; b.png's first is.
	if got.Data[5] != 1 || got.Data[6] != 1 || tensor.Sum(got) != 2 {
		t.Errorf("pixels %v", got.Data)
	}
	writePNG(t, filepath.Join(dir, "c.png"), image.NewGray(image.Rect(0, 0, 4, 4)))
	if _, _, _, err := ReadImages(dir); err == nil || !strings.Contains(err.Error(), "c.png: 4×4 pixels") {
		t.Errorf("mixed sizes: %v", err)
	}
	if _, _, _, err := ReadImages(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no .png images") {
		t.Errorf("empty folder: %v", err)
	}
}

func TestReadImagesRejects(t *testing.T) {
	dir := t.TempDir()
	labels := filepath.Join(dir, "labels.idx")
	os.WriteFile(labels, []byte{0, 0, 8, 1, 0, 0, 0, 2, 3, 4}, 0o644)
	if _, _, _, err := ReadImages(labels); err == nil || !strings.Contains(err.Error(), labels) || !strings.Contains(err.Error(), "[N, rows, cols]") {
		t.Errorf("a 1-D IDX file: %v", err)
	}
	if _, _, _, err := ReadImages(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing path was accepted")
	}
	bad := filepath.Join(dir, "x")
	os.Mkdir(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "x.png"), []byte("garbage"), 0o644)
	if _, _, _, err := ReadImages(bad); err == nil || !strings.Contains(err.Error(), "x.png") {
		t.Errorf("a corrupt PNG: %v", err)
	}
}
