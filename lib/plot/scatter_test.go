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

// ring returns n points on a circle of radius r around (cx, cy), as [n, 2].
func ring(n int, r, cx, cy float64) *tensor.Tensor {
	xy := tensor.New(n, 2)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		xy.Set(cx+r*math.Cos(a), i, 0)
		xy.Set(cy+r*math.Sin(a), i, 1)
	}
	return xy
}

func TestScatterDrawsEachSet(t *testing.T) {
	img, err := plot.Scatter("data and samples", []plot.Points{
		{Name: "data", XY: ring(200, 2, 0, 0)},
		{Name: "generated", XY: ring(100, 0.5, 1, 0)},
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := plot.PNG(img)
	if err != nil {
		t.Fatal(err)
	}
	dec := decodePNG(t, b)
	if got := dec.Bounds(); got.Dx() != plot.DefaultScatterSize || got.Dy() != plot.DefaultScatterSize {
		t.Fatalf("size %v, want %d square", got, plot.DefaultScatterSize)
	}
	// Points are translucent: where they do not overlap they are the set's
	// colour blended with white, lighter than the pure colour.
	if n := countNonWhite(dec); n < 2000 {
		t.Errorf("only %d non-white pixels", n)
	}
	lightBlue, lightOrange := blend(blue, 160), blend(orange, 160)
	if n := countNear(dec, lightBlue, 12); n < 100 {
		t.Errorf("%d pixels of the first set's colour", n)
	}
	if n := countNear(dec, lightOrange, 12); n < 100 {
		t.Errorf("%d pixels of the second set's colour", n)
	}
}

// blend returns c drawn with opacity alpha/255 over white.
func blend(c color.RGBA, alpha int) color.RGBA {
	mix := func(v uint8) uint8 { return uint8((int(v)*alpha + 255*(255-alpha) + 127) / 255) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 255}
}

// A circle must come out round on a wide canvas: the bounding box of the
// blue pixels is a square.
func TestScatterEqualAxes(t *testing.T) {
	for _, size := range [][2]int{{800, 300}, {300, 600}} {
		img, err := plot.ScatterWith(plot.ScatterOptions{Width: size[0], Height: size[1]},
			[]plot.Points{{XY: ring(400, 1, 3, -2)}})
		if err != nil {
			t.Fatal(err)
		}
		minX, minY, maxX, maxY := size[0], size[1], -1, -1
		for y := 0; y < size[1]; y++ {
			for x := 0; x < size[0]; x++ {
				c := img.RGBAAt(x, y)
				if int(c.B) > int(c.R)+40 { // bluish: a point, not text, axes or grid
					minX, maxX = min(minX, x), max(maxX, x)
					minY, maxY = min(minY, y), max(maxY, y)
				}
			}
		}
		w, h := maxX-minX, maxY-minY
		if w < 50 || h < 50 || w-h > 3 || h-w > 3 {
			t.Errorf("%v: the circle is drawn %d x %d pixels, want a square", size, w, h)
		}
	}
}

// bluishBox returns the width and height of the box around the bluish
// pixels of img (the first set's points), or 0, 0 if there are none.
func bluishBox(img *image.RGBA) (w, h int) {
	b := img.Bounds()
	minX, minY, maxX, maxY := b.Max.X, b.Max.Y, -1, -1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := img.RGBAAt(x, y); int(c.B) > int(c.R)+40 {
				minX, maxX = min(minX, x), max(maxX, x)
				minY, maxY = min(minY, y), max(maxY, y)
			}
		}
	}
	if maxX < 0 {
		return 0, 0
	}
	return maxX - minX, maxY - minY
}

// A fixed View sets the scale whatever the data: the unit circle drawn in
// [−2, 2]² is twice as wide as in [−4, 4]², and points outside the view are
// left out.
func TestScatterView(t *testing.T) {
	draw := func(view float64, xy *tensor.Tensor) *image.RGBA {
		t.Helper()
		img, err := plot.ScatterWith(plot.ScatterOptions{View: view, Width: 400, Height: 400},
			[]plot.Points{{XY: xy}, {XY: ring(10, 0.5, 0, 0)}})
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	w2, _ := bluishBox(draw(2, ring(400, 1, 0, 0)))
	w4, _ := bluishBox(draw(4, ring(400, 1, 0, 0)))
	if r := float64(w2) / float64(w4); r < 1.9 || r > 2.1 {
		t.Errorf("the unit circle is %d pixels wide in view 2 and %d in view 4; want a ratio of 2", w2, w4)
	}
	if w, h := bluishBox(draw(2, ring(400, 1, 5, 5))); w != 0 || h != 0 {
		t.Errorf("points outside the view were drawn (%d x %d pixels)", w, h)
	}
}

func TestScatterWithOptions(t *testing.T) {
	img, err := plot.ScatterWith(plot.ScatterOptions{
		Title: "free axes", XLabel: "x1", YLabel: "x2",
		FreeAxes: true, Radius: 1, Width: 400, Height: 300,
	}, []plot.Points{{XY: ring(50, 1, 0, 0)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds(); got.Dx() != 400 || got.Dy() != 300 {
		t.Fatalf("size %v, want 400 x 300", got)
	}
}

// Degenerate sets, a single point or points on a line, still draw.
func TestScatterDegenerate(t *testing.T) {
	for _, xy := range []*tensor.Tensor{
		tensor.FromSlice([]float64{1, 1}, 1, 2),
		tensor.FromSlice([]float64{0, 0, 0, 1, 0, 2}, 3, 2),
		tensor.FromSlice([]float64{0, 5, 1, 5, 2, 5}, 3, 2),
	} {
		if _, err := plot.Scatter("", []plot.Points{{XY: xy}}); err != nil {
			t.Errorf("%v: %v", xy, err)
		}
	}
}

func TestScatterErrors(t *testing.T) {
	good := plot.Points{Name: "data", XY: ring(10, 1, 0, 0)}
	tests := []struct {
		name string
		opt  plot.ScatterOptions
		sets []plot.Points
		want string
	}{
		{"no sets", plot.ScatterOptions{}, nil, "no point sets"},
		{"nil XY", plot.ScatterOptions{}, []plot.Points{good, {Name: "fake"}}, `set 1 ("fake"): XY is nil`},
		{"three columns", plot.ScatterOptions{}, []plot.Points{{Name: "d", XY: tensor.New(4, 3)}}, "[4 3]"},
		{"flat", plot.ScatterOptions{}, []plot.Points{{Name: "d", XY: tensor.New(8)}}, "want [n, 2]"},
		{"empty", plot.ScatterOptions{}, []plot.Points{{Name: "d", XY: tensor.New(0, 2)}}, "n > 0"},
		{"short data", plot.ScatterOptions{}, []plot.Points{{Name: "d", XY: &tensor.Tensor{Shape: []int{3, 2}, Data: make([]float64, 5)}}}, "5 values"},
		{"NaN", plot.ScatterOptions{}, []plot.Points{{Name: "d", XY: tensor.FromSlice([]float64{0, 0, math.NaN(), 1}, 2, 2)}}, "point 1 is (NaN, 1)"},
		{"radius", plot.ScatterOptions{Radius: -1}, []plot.Points{good}, "radius"},
		{"size", plot.ScatterOptions{Width: -5}, []plot.Points{good}, "size"},
		{"view", plot.ScatterOptions{View: -1}, []plot.Points{good}, "invalid view"},
	}
	for _, tc := range tests {
		_, err := plot.ScatterWith(tc.opt, tc.sets)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}
