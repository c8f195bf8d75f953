package plot_test

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/plot"
)

// testImage is a 7x5 image with a red pixel at (2, 3).
func testImage() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 7, 5))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	img.SetRGBA(2, 3, color.RGBA{R: 255, A: 255})
	return img
}

func TestPNGRoundTrip(t *testing.T) {
	b, err := plot.PNG(testImage())
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b)
	if got := img.Bounds(); got != image.Rect(0, 0, 7, 5) {
		t.Fatalf("decoded size %v, want 7 x 5", got)
	}
	if r, g, bl, _ := img.At(2, 3).RGBA(); r>>8 != 255 || g != 0 || bl != 0 {
		t.Errorf("pixel (2, 3) = %v, want red", img.At(2, 3))
	}
	if countNonWhite(img) != 1 {
		t.Errorf("%d non-white pixels, want 1", countNonWhite(img))
	}
}

func TestPNGNil(t *testing.T) {
	if _, err := plot.PNG(nil); err == nil {
		t.Error("PNG(nil): no error")
	}
}

func TestWritePNG(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "figure.png")
	if err := os.WriteFile(path, []byte("an old, different file"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := plot.WritePNG(path, testImage()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := decodePNG(t, b).Bounds(); got.Dx() != 7 || got.Dy() != 5 {
		t.Errorf("written image is %v, want 7 x 5", got)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644 so that anyone can open the figure", fi.Mode().Perm())
	}
	assertOnly(t, dir, "figure.png")
}

func TestWritePNGRelativePath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := plot.WritePNG("here.png", testImage()); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "here.png")
}

func TestWritePNGMissingDir(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "no", "such", "dir", "figure.png")
	err := plot.WritePNG(path, testImage())
	if err == nil {
		t.Fatal("no error writing into a missing directory")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name %s", err, path)
	}
	assertOnly(t, dir)
}

func TestWritePNGIntoDirectoryPath(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "taken")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	err := plot.WritePNG(target, testImage())
	if err == nil || !strings.Contains(err.Error(), target) {
		t.Fatalf("writing over a directory: error %v, want one naming %s", err, target)
	}
	assertOnly(t, dir, "taken") // the temporary file was removed
}

func TestWritePNGNilImage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nil.png")
	if err := plot.WritePNG(path, nil); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("WritePNG of nil: error %v, want one naming %s", err, path)
	}
	assertOnly(t, dir)
}

// assertOnly fails unless dir holds exactly the named entries: no
// temporary file may be left behind.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("directory holds %q, want %q", got, names)
	}
}
