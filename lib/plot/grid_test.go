package plot_test

import (
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// Each image k of a batch is filled with the value k/10 except pixel
// (1, 2), which holds 1: both must land at the right place of tile k.
func TestImageGridTilePosition(t *testing.T) {
	const n, h, w = 5, 2, 3
	x := tensor.New(n, h, w)
	for k := 0; k < n; k++ {
		for y := 0; y < h; y++ {
			for xx := 0; xx < w; xx++ {
				x.Set(float64(k)/10, k, y, xx)
			}
		}
		x.Set(1, k, 1, 2)
	}
	const cols, scale, pad = 2, 2, 1
	img, err := plot.ImageGridWith(x, plot.GridOptions{Cols: cols, Scale: scale, Pad: pad})
	if err != nil {
		t.Fatal(err)
	}
	tileW, tileH := w*scale, h*scale
	for k := 0; k < n; k++ {
		x0 := pad + (k%cols)*(tileW+pad)
		y0 := pad + (k/cols)*(tileH+pad)
		want := uint8(math.Round(float64(k) / 10 * 255))
		if got := rgbAt(img, x0, y0); got != grey(want) {
			t.Errorf("image %d: top-left pixel of its tile at (%d, %d) = %v, want %v", k, x0, y0, got, grey(want))
		}
		// Pixel (row 1, column 2) covers a scale x scale block.
		for dy := 0; dy < scale; dy++ {
			for dx := 0; dx < scale; dx++ {
				px, py := x0+2*scale+dx, y0+1*scale+dy
				if got := rgbAt(img, px, py); got != grey(255) {
					t.Errorf("image %d: bright pixel at (%d, %d) = %v, want white", k, px, py, got)
				}
			}
		}
	}
}

func TestImageGridSize(t *testing.T) {
	tests := []struct {
		name        string
		shape       []int
		opt         plot.GridOptions
		wantW, want int
	}{
		// 16 MNIST digits, 4 columns, default scale 3 (84-pixel tiles), pad 2.
		{"mnist flat", []int{16, 784}, plot.GridOptions{Cols: 4}, 4*84 + 5*2, 4*84 + 5*2},
		{"scale 1 pad 1", []int{16, 1, 28, 28}, plot.GridOptions{Cols: 4, Scale: 1, Pad: 1}, 4*28 + 5, 4*28 + 5},
		{"no pad", []int{6, 28, 28}, plot.GridOptions{Cols: 3, Scale: 1, Pad: -1}, 3 * 28, 2 * 28},
		{"last row partial", []int{7, 10, 10}, plot.GridOptions{Cols: 3, Scale: 1, Pad: 1}, 3*10 + 4, 3*10 + 4},
		{"auto cols", []int{10, 8, 8}, plot.GridOptions{Scale: 1, Pad: 1}, 4*8 + 5, 3*8 + 4},
		{"cols above N", []int{3, 8, 8}, plot.GridOptions{Cols: 10, Scale: 1, Pad: 1}, 3*8 + 4, 8 + 2},
		{"non-square tiles", []int{2, 3, 4, 2}, plot.GridOptions{Cols: 2, Scale: 1, Pad: 1}, 2*2 + 3, 4 + 2},
		{"auto scale uses longer side", []int{1, 1, 40, 10}, plot.GridOptions{Pad: -1}, 20, 80},
		{"big images not scaled", []int{1, 3, 100, 100}, plot.GridOptions{Pad: -1}, 100, 100},
	}
	for _, tc := range tests {
		img, err := plot.ImageGridWith(tensor.New(tc.shape...), tc.opt)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		b := img.Bounds()
		if b.Min.X != 0 || b.Min.Y != 0 || b.Dx() != tc.wantW || b.Dy() != tc.want {
			t.Errorf("%s: shape %v: grid is %v, want %d x %d", tc.name, tc.shape, b, tc.wantW, tc.want)
		}
	}
}

// With black images, every grey pixel is separator or empty tile, and
// every separator pixel must be grey.
func TestImageGridSeparators(t *testing.T) {
	const tile, pad = 4, 2
	img, err := plot.ImageGridWith(tensor.New(5, tile, tile), plot.GridOptions{Cols: 3, Scale: 1, Pad: pad})
	if err != nil {
		t.Fatal(err)
	}
	sep := grey(plot.SeparatorGrey)
	b := img.Bounds()
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			// Position within a period of pad+tile pixels: the first pad are separator.
			onLine := x%(pad+tile) < pad || y%(pad+tile) < pad
			emptyTile := y >= pad+tile && x >= 2*(pad+tile) // row 1, column 2: image 5 does not exist
			want := grey(0)
			if onLine || emptyTile {
				want = sep
			}
			if got := rgbAt(img, x, y); got != want {
				t.Fatalf("pixel (%d, %d) = %v, want %v (separator %v, empty tile %v)", x, y, got, want, onLine, emptyTile)
			}
		}
	}
}

func TestImageGridRange(t *testing.T) {
	values := []float64{-1, 0, 1, 2, 3, -5, math.NaN(), 0.5}
	want := []uint8{0, 128, 255, 255, 255, 0, 0, 191}
	x := tensor.FromSlice(append([]float64(nil), values...), len(values), 1, 1)
	img, err := plot.ImageGridRange(x, len(values), -1, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Scale 0 makes 1x1 images 64x64 tiles; sample each tile's centre.
	tile := plot.MinTile
	for k, v := range values {
		px := plot.DefaultPad + k*(tile+plot.DefaultPad) + tile/2
		py := plot.DefaultPad + tile/2
		if got := rgbAt(img, px, py); got != grey(want[k]) {
			t.Errorf("value %g on [-1, 1]: pixel %v, want %v", v, got, grey(want[k]))
		}
	}
}

func TestImageGridDefaultRangeClamps(t *testing.T) {
	x := tensor.FromSlice([]float64{-0.5, 0.25, 1.5, 2}, 4, 1, 1)
	img, err := plot.ImageGridWith(x, plot.GridOptions{Cols: 4, Scale: 1, Pad: -1})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []uint8{0, 64, 255, 255} {
		if got := rgbAt(img, k, 0); got != grey(want) {
			t.Errorf("pixel %d = %v, want %v", k, got, grey(want))
		}
	}
}

func TestImageGridRGB(t *testing.T) {
	// One 1x2 image: pixel 0 is (1, 0.5, 0), pixel 1 is (0, 0, 1).
	// Channels first: R plane, then G, then B.
	x := tensor.FromSlice([]float64{
		1, 0, // R
		0.5, 0, // G
		0, 1, // B
	}, 1, 3, 1, 2)
	img, err := plot.ImageGridWith(x, plot.GridOptions{Scale: 1, Pad: -1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rgbAt(img, 0, 0), [3]uint8{255, 128, 0}; got != want {
		t.Errorf("pixel 0 = %v, want %v", got, want)
	}
	if got, want := rgbAt(img, 1, 0), [3]uint8{0, 0, 255}; got != want {
		t.Errorf("pixel 1 = %v, want %v", got, want)
	}
}

// The three grey layouts of the same pixels draw the same grid.
func TestImageGridGreyShapesAgree(t *testing.T) {
	data := make([]float64, 3*16)
	for i := range data {
		data[i] = float64(i%7) / 6
	}
	var first []uint8
	for _, shape := range [][]int{{3, 16}, {3, 4, 4}, {3, 1, 4, 4}} {
		img, err := plot.ImageGrid(tensor.FromSlice(data, shape...), 2)
		if err != nil {
			t.Fatalf("shape %v: %v", shape, err)
		}
		if first == nil {
			first = img.Pix
			continue
		}
		if string(first) != string(img.Pix) {
			t.Errorf("shape %v draws a different grid from [3, 16]", shape)
		}
	}
}

func TestImageGridErrors(t *testing.T) {
	tests := []struct {
		name   string
		images *tensor.Tensor
		opt    plot.GridOptions
		want   string // a fragment of the error message
	}{
		{"nil", nil, plot.GridOptions{}, "nil"},
		{"rank 1", tensor.New(784), plot.GridOptions{}, "[784]"},
		{"rank 5", tensor.New(1, 1, 1, 2, 2), plot.GridOptions{}, "want [N, H*W]"},
		{"not square", tensor.New(2, 10), plot.GridOptions{}, "not a square"},
		{"two channels", tensor.New(2, 2, 4, 4), plot.GridOptions{}, "channels"},
		{"no images", tensor.New(0, 4, 4), plot.GridOptions{}, "no image"},
		{"empty images", tensor.New(3, 0), plot.GridOptions{}, "no image"},
		{"short data", &tensor.Tensor{Shape: []int{2, 4, 4}, Data: make([]float64, 31)}, plot.GridOptions{}, "needs 32 values"},
		{"negative cols", tensor.New(2, 4, 4), plot.GridOptions{Cols: -1}, "columns"},
		{"negative scale", tensor.New(2, 4, 4), plot.GridOptions{Scale: -2}, "scale"},
		{"empty range", tensor.New(2, 4, 4), plot.GridOptions{Lo: 1, Hi: 1}, "range"},
		{"reversed range", tensor.New(2, 4, 4), plot.GridOptions{Lo: 1, Hi: -1}, "range"},
		{"NaN range", tensor.New(2, 4, 4), plot.GridOptions{Lo: math.NaN(), Hi: 1}, "range"},
		{"too large", tensor.New(2, 4, 4), plot.GridOptions{Scale: 1 << 40}, "too large"},
		{"huge pad", tensor.New(2, 4, 4), plot.GridOptions{Pad: 1 << 40}, "too large"},
	}
	for _, tc := range tests {
		img, err := plot.ImageGridWith(tc.images, tc.opt)
		if err == nil {
			t.Errorf("%s: no error (image %v)", tc.name, img.Bounds())
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "plot: ") {
			t.Errorf("%s: error %q does not mention %q", tc.name, err, tc.want)
		}
	}
}
