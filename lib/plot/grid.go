package plot

import (
	"errors"
	"fmt"
	"image"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

const (
	// MinTile is the smallest size, in pixels, that automatic scaling gives
	// the longer side of a tile: 28x28 MNIST digits are drawn 3x (84x84),
	// 32x32 CIFAR images 2x (64x64).
	MinTile = 64

	// DefaultPad is the width in pixels of the separator lines drawn
	// between tiles and around the border of a grid.
	DefaultPad = 2

	// SeparatorGrey is the grey level (0 black, 255 white) of the separator
	// lines and of the empty tiles that complete the last row. Mid grey
	// stands out against both the black background of MNIST digits and
	// the white background of a light image.
	SeparatorGrey = 128

	// maxGridPixels bounds a grid's size so that a wrong argument (a
	// scale of 1000, say) returns an error instead of exhausting memory.
	maxGridPixels = 1 << 26
)

// GridOptions says how ImageGridWith lays out and colours a grid.
// The zero value asks for defaults everywhere.
type GridOptions struct {
	// Cols is the number of tiles per row. Zero chooses a near-square grid
	// of ceil(sqrt(N)) columns; more columns than images are reduced to N.
	Cols int

	// Scale enlarges every image pixel to a Scale x Scale block. Zero
	// chooses the smallest factor that makes a tile at least MinTile pixels
	// on its longer side.
	Scale int

	// Pad is the width in pixels of the separators between tiles and around
	// the border. Zero means DefaultPad; a negative Pad draws none.
	Pad int

	// Lo and Hi are the pixel values drawn as black and as white; values
	// outside are clamped. Both zero means [0, 1]. Use -1, 1 for models that
	// end in tanh.
	Lo, Hi float64
}

// ImageGrid lays out a batch of images, with values in [0, 1], in rows of
// cols tiles (0 chooses a near-square grid). It accepts shapes [N, H*W]
// (square images), [N, H, W], [N, 1, H, W] and [N, 3, H, W]; see
// ImageGridWith for the layout.
func ImageGrid(images *tensor.Tensor, cols int) (*image.RGBA, error) {
	return ImageGridWith(images, GridOptions{Cols: cols})
}

// ImageGridRange is ImageGrid for images whose values run from lo (black)
// to hi (white), such as the [-1, 1] output of a tanh generator.
func ImageGridRange(images *tensor.Tensor, cols int, lo, hi float64) (*image.RGBA, error) {
	return ImageGridWith(images, GridOptions{Cols: cols, Lo: lo, Hi: hi})
}

// ImageGridWith lays out a batch of images as a grid, row by row: image k
// goes to row k/cols, column k%cols. With tiles of h x w pixels after
// scaling and a separator of pad pixels, the grid is
//
//	cols*w + (cols+1)*pad  pixels wide and  rows*h + (rows+1)*pad  high,
//
// where rows = ceil(N/cols). It returns an error for a shape it cannot read
// as images and for invalid options.
func ImageGridWith(images *tensor.Tensor, opt GridOptions) (*image.RGBA, error) {
	b, err := readBatch(images)
	if err != nil {
		return nil, err
	}
	g, err := layout(b, opt)
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, g.width(), g.height()))
	fillGrey(img, SeparatorGrey)
	for k := 0; k < b.n; k++ {
		g.drawTile(img, b, k)
	}
	return img, nil
}

// batch is a tensor read as N images of c channels (1 or 3), h x w pixels.
type batch struct {
	n, c, h, w int
	data       []float64
}

// readBatch checks a tensor's shape and reads it as a batch of images.
func readBatch(t *tensor.Tensor) (batch, error) {
	if t == nil {
		return batch{}, errors.New("plot: ImageGrid: images is nil")
	}
	s := t.Shape
	var b batch
	switch len(s) {
	case 2: // [N, H*W]: flattened square images
		side := int(math.Sqrt(float64(s[1])) + 0.5)
		if side*side != s[1] {
			return batch{}, fmt.Errorf("plot: ImageGrid: shape %v: %d values per image is not a square image; reshape to [N, H, W]", s, s[1])
		}
		b = batch{n: s[0], c: 1, h: side, w: side}
	case 3: // [N, H, W]
		b = batch{n: s[0], c: 1, h: s[1], w: s[2]}
	case 4: // [N, C, H, W]
		if s[1] != 1 && s[1] != 3 {
			return batch{}, fmt.Errorf("plot: ImageGrid: shape %v: want 1 (grey) or 3 (RGB) channels in axis 1, have %d", s, s[1])
		}
		b = batch{n: s[0], c: s[1], h: s[2], w: s[3]}
	default:
		return batch{}, fmt.Errorf("plot: ImageGrid: shape %v: want [N, H*W], [N, H, W] or [N, C, H, W]", s)
	}
	if b.n <= 0 || b.h <= 0 || b.w <= 0 {
		return batch{}, fmt.Errorf("plot: ImageGrid: shape %v holds no image", s)
	}
	if want := b.n * b.c * b.h * b.w; len(t.Data) != want {
		return batch{}, fmt.Errorf("plot: ImageGrid: shape %v needs %d values, tensor has %d", s, want, len(t.Data))
	}
	b.data = t.Data
	return b, nil
}

// grid is a resolved layout: the options with defaults filled in.
type grid struct {
	rows, cols, scale, pad int
	tileW, tileH           int
	lo, hi                 float64
}

// layout validates opt and fills in its defaults for batch b.
func layout(b batch, opt GridOptions) (grid, error) {
	if opt.Cols < 0 {
		return grid{}, fmt.Errorf("plot: ImageGrid: negative number of columns %d", opt.Cols)
	}
	if opt.Scale < 0 {
		return grid{}, fmt.Errorf("plot: ImageGrid: negative scale %d", opt.Scale)
	}
	g := grid{cols: opt.Cols, scale: opt.Scale, pad: opt.Pad, lo: opt.Lo, hi: opt.Hi}
	if g.cols == 0 {
		g.cols = int(math.Ceil(math.Sqrt(float64(b.n))))
	}
	if g.cols > b.n {
		g.cols = b.n
	}
	g.rows = (b.n + g.cols - 1) / g.cols
	if g.scale == 0 {
		side := b.w
		if b.h > side {
			side = b.h
		}
		g.scale = (MinTile + side - 1) / side
	}
	switch {
	case g.pad == 0:
		g.pad = DefaultPad
	case g.pad < 0:
		g.pad = 0
	}
	if g.lo == 0 && g.hi == 0 {
		g.hi = 1
	}
	if !(g.hi > g.lo) || math.IsInf(g.hi-g.lo, 0) {
		return grid{}, fmt.Errorf("plot: ImageGrid: value range [%g, %g] is empty or infinite", opt.Lo, opt.Hi)
	}
	// Check the size in float64 first: in int, a huge scale could overflow.
	fw := float64(g.cols)*float64(b.w)*float64(g.scale) + float64(g.cols+1)*float64(g.pad)
	fh := float64(g.rows)*float64(b.h)*float64(g.scale) + float64(g.rows+1)*float64(g.pad)
	if px := fw * fh; px > maxGridPixels {
		return grid{}, fmt.Errorf("plot: ImageGrid: a %d x %d grid of %dx%d tiles at scale %d is too large (%.0f pixels)",
			g.rows, g.cols, b.h, b.w, g.scale, px)
	}
	g.tileW, g.tileH = b.w*g.scale, b.h*g.scale
	return g, nil
}

func (g grid) width() int  { return g.cols*g.tileW + (g.cols+1)*g.pad }
func (g grid) height() int { return g.rows*g.tileH + (g.rows+1)*g.pad }

// drawTile paints image k of b into its tile, each source pixel becoming a
// scale x scale block (nearest-neighbour upscaling).
func (g grid) drawTile(img *image.RGBA, b batch, k int) {
	x0 := g.pad + (k%g.cols)*(g.tileW+g.pad)
	y0 := g.pad + (k/g.cols)*(g.tileH+g.pad)
	plane := b.h * b.w
	first := k * b.c * plane // offset of image k, channel 0, pixel (0, 0)
	for y := 0; y < b.h; y++ {
		for x := 0; x < b.w; x++ {
			var rgb [3]uint8
			for ch := 0; ch < 3; ch++ {
				src := ch
				if b.c == 1 {
					src = 0 // grey: the same value in R, G and B
				}
				rgb[ch] = g.level(b.data[first+src*plane+y*b.w+x])
			}
			fillBlock(img, x0+x*g.scale, y0+y*g.scale, g.scale, rgb)
		}
	}
}

// level maps a value to a brightness: (v-lo)/(hi-lo) clamped to [0, 1],
// times 255. NaN is drawn black.
func (g grid) level(v float64) uint8 {
	t := (v - g.lo) / (g.hi - g.lo)
	switch {
	case !(t > 0): // also NaN
		return 0
	case t >= 1:
		return 255
	}
	return uint8(t*255 + 0.5)
}

// fillBlock paints the size x size square with top-left corner (x0, y0).
func fillBlock(img *image.RGBA, x0, y0, size int, rgb [3]uint8) {
	for y := y0; y < y0+size; y++ {
		i := img.PixOffset(x0, y)
		for x := 0; x < size; x++ {
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = rgb[0], rgb[1], rgb[2], 255
			i += 4
		}
	}
}

// fillGrey paints the whole image one opaque grey.
func fillGrey(img *image.RGBA, y uint8) {
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = y, y, y, 255
	}
}
