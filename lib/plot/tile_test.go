package plot_test

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/plot"
)

// filled returns a w×h image of one colour.
func filled(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// Three panels in rows of two: the third starts the second row, and the
// empty fourth place is white.
func TestTile(t *testing.T) {
	red, green, black := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 255, 0, 255}, color.RGBA{0, 0, 0, 255}
	out, err := plot.Tile([]*image.RGBA{filled(4, 3, red), filled(4, 3, green), filled(4, 3, black)}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if b := out.Bounds(); b.Dx() != 8 || b.Dy() != 6 {
		t.Fatalf("size %v, want 8 x 6", b)
	}
	for _, c := range []struct {
		x, y int
		want color.RGBA
	}{{0, 0, red}, {5, 2, green}, {3, 5, black}, {7, 5, color.RGBA{255, 255, 255, 255}}} {
		if got := out.RGBAAt(c.x, c.y); got != c.want {
			t.Errorf("pixel (%d, %d) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
	if one, _ := plot.Tile([]*image.RGBA{filled(4, 3, red), filled(4, 3, green)}, 0); one.Bounds().Dx() != 8 || one.Bounds().Dy() != 3 {
		t.Errorf("cols 0: size %v, want one row of 8 x 3", one.Bounds())
	}
}

func TestTileErrors(t *testing.T) {
	if _, err := plot.Tile(nil, 2); err == nil || !strings.Contains(err.Error(), "no images") {
		t.Errorf("no images: %v", err)
	}
	if _, err := plot.Tile([]*image.RGBA{filled(4, 3, color.RGBA{}), filled(3, 3, color.RGBA{})}, 2); err == nil || !strings.Contains(err.Error(), "image 1 is 3x3") {
		t.Errorf("two sizes: %v", err)
	}
}
