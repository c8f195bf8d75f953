package plot

import (
	"errors"
	"fmt"
	"image"
	"image/draw"

	gplot "gonum.org/v1/plot"
	gdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

const (
	// DefaultWidth and DefaultHeight are the size in pixels of curves and
	// scatter plots when the options leave it zero: wide enough for a
	// notebook column, small enough to sit beside the text.
	DefaultWidth  = 640
	DefaultHeight = 420

	// DPI is the resolution at which plots are drawn: gonum/plot measures
	// fonts and lines in points (1/72 inch), so a 12-point label is
	// 12*DPI/72 = 16 pixels high.
	DPI = 96

	// maxPlotSide bounds the width and height of a rendered plot.
	maxPlotSide = 8192
)

// Render draws a gonum plot onto a new image of width x height pixels;
// zero means DefaultWidth or DefaultHeight. Use it for figures this package
// does not draw itself: build the plot with gonum.org/v1/plot and plotter,
// then show or save the image like any other figure.
//
// gonum/plot panics on some data it cannot draw (a log axis reaching zero,
// for instance); Render returns that as an error.
func Render(p *gplot.Plot, width, height int) (img *image.RGBA, err error) {
	if p == nil {
		return nil, errors.New("plot: Render: plot is nil")
	}
	if width == 0 {
		width = DefaultWidth
	}
	if height == 0 {
		height = DefaultHeight
	}
	if width < 0 || height < 0 || width > maxPlotSide || height > maxPlotSide {
		return nil, fmt.Errorf("plot: Render: size %d x %d pixels is outside 1..%d", width, height, maxPlotSide)
	}
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("plot: Render: gonum/plot could not draw the plot: %v", r)
		}
	}()
	c := newCanvas(width, height)
	p.Draw(gdraw.New(c))
	return toRGBA(c.Image()), nil
}

// newCanvas returns a white gonum image canvas of exactly width x height
// pixels at DPI.
func newCanvas(width, height int) *vgimg.Canvas {
	return vgimg.NewWith(vgimg.UseImage(image.NewRGBA(image.Rect(0, 0, width, height))), vgimg.UseDPI(DPI))
}

// toRGBA returns img as an *image.RGBA, converting only if it is not one.
func toRGBA(img image.Image) *image.RGBA {
	if rgba, ok := img.(*image.RGBA); ok {
		return rgba
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba
}
