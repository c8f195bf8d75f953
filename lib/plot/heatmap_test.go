package plot_test

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// darkBlue is the colour of a heatmap's largest value.
var darkBlue = color.RGBA{8, 48, 107, 255}

// darkCentroid returns how many pixels left of the colour bar (the last
// 80 pixels) are within 10 of darkBlue, and their mean position.
func darkCentroid(img *image.RGBA) (n int, x, y float64) {
	b := img.Bounds()
	for py := b.Min.Y; py < b.Max.Y; py++ {
		for px := b.Min.X; px < b.Max.X-80; px++ {
			c := img.RGBAAt(px, py)
			if near(int(c.R), int(darkBlue.R), 10) && near(int(c.G), int(darkBlue.G), 10) && near(int(c.B), int(darkBlue.B), 10) {
				n++
				x += float64(px)
				y += float64(py)
			}
		}
	}
	if n > 0 {
		x, y = x/float64(n), y/float64(n)
	}
	return n, x, y
}

// A matrix is drawn as it is written: row 0 at the top, column 0 on the
// left, the largest value darkest.
func TestHeatmapOrientation(t *testing.T) {
	for _, c := range []struct {
		name       string
		at         [2]int
		left, high bool
	}{{"top left", [2]int{0, 0}, true, true}, {"bottom right", [2]int{1, 2}, false, false}} {
		z := tensor.New(2, 3)
		z.Set(1, c.at[0], c.at[1])
		img, err := plot.HeatmapWith(z, plot.HeatmapOptions{Title: c.name, YTicks: []string{"a", "b"}, XTicks: []string{"x", "y", "z"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds().Size(); got != image.Pt(plot.DefaultWidth, plot.DefaultHeight) {
			t.Fatalf("%s: size %v", c.name, got)
		}
		n, x, y := darkCentroid(img)
		if n < 2000 {
			t.Fatalf("%s: %d dark pixels; one cell of six should fill thousands", c.name, n)
		}
		mid := image.Pt((plot.DefaultWidth-80)/2, plot.DefaultHeight/2)
		if (x < float64(mid.X)) != c.left || (y < float64(mid.Y)) != c.high {
			t.Errorf("%s: the dark cell's pixels centre on (%.0f, %.0f); the middle is %v", c.name, x, y, mid)
		}
	}
}

// Values beyond Min and Max take the end colours; a diverging scale is
// white in the middle, not at the ends.
func TestHeatmapRange(t *testing.T) {
	z := tensor.FromSlice([]float64{-1, 0, 5}, 1, 3)
	img, err := plot.HeatmapWith(z, plot.HeatmapOptions{Min: -1, Max: 1, Diverging: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := countNear(img, color.RGBA{221, 221, 221, 255}, 6); n < 2000 {
		t.Errorf("%d pale pixels: the middle value 0 should be near white", n)
	}
	blank, err := plot.HeatmapWith(tensor.New(3, 3), plot.HeatmapOptions{})
	if err != nil || countNonWhite(blank) == 0 {
		t.Errorf("a constant matrix: %v", err)
	}
}

func TestHeatmapErrors(t *testing.T) {
	ok := tensor.New(2, 2)
	tests := []struct {
		name string
		z    *tensor.Tensor
		opt  plot.HeatmapOptions
		want string
	}{
		{"nil", nil, plot.HeatmapOptions{}, "want a matrix"},
		{"vector", tensor.New(4), plot.HeatmapOptions{}, "want a matrix"},
		{"NaN", tensor.FromSlice([]float64{0, math.NaN()}, 1, 2), plot.HeatmapOptions{}, "[0, 1] is NaN"},
		{"row labels", ok, plot.HeatmapOptions{YTicks: []string{"a"}}, "1 row labels for 2 rows"},
		{"column labels", ok, plot.HeatmapOptions{XTicks: []string{"a", "b", "c"}}, "3 column labels for 2 columns"},
		{"range", ok, plot.HeatmapOptions{Min: 1, Max: 1}, "want Max above Min"},
		{"narrow", ok, plot.HeatmapOptions{Width: 100}, "size"},
	}
	for _, tc := range tests {
		_, err := plot.HeatmapWith(tc.z, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestPanels(t *testing.T) {
	red, green := image.NewRGBA(image.Rect(0, 0, 4, 3)), image.NewRGBA(image.Rect(10, 10, 12, 15))
	for i := range red.Pix {
		red.Pix[i] = []uint8{255, 0, 0, 255}[i%4]
	}
	for i := range green.Pix {
		green.Pix[i] = []uint8{0, 255, 0, 255}[i%4]
	}
	out, err := plot.Panels(2, red, green, red)
	if err != nil {
		t.Fatal(err)
	}
	// cells of 4 x 5 pixels, two to a row, two rows
	if got := out.Bounds().Size(); got != image.Pt(8, 10) {
		t.Fatalf("size %v, want 8 x 10", got)
	}
	for _, c := range []struct {
		x, y int
		want [3]uint8
	}{{0, 0, [3]uint8{255, 0, 0}}, {3, 2, [3]uint8{255, 0, 0}}, {0, 4, grey(255)}, {4, 0, [3]uint8{0, 255, 0}}, {5, 4, [3]uint8{0, 255, 0}}, {6, 0, grey(255)}, {0, 5, [3]uint8{255, 0, 0}}, {4, 5, grey(255)}} {
		if got := rgbAt(out, c.x, c.y); got != c.want {
			t.Errorf("pixel (%d, %d) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
	if _, err := plot.Panels(0, red); err == nil {
		t.Error("0 columns accepted")
	}
	if _, err := plot.Panels(1); err == nil {
		t.Error("no figures accepted")
	}
}
