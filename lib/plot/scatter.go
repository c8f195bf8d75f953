package plot

import (
	"errors"
	"fmt"
	"image"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/luoxia/aigc/lib/tensor"
)

// DefaultScatterSize is the width and height in pixels of a scatter plot
// whose options leave them zero: square, like most 2-D data sets.
const DefaultScatterSize = 560

// Points is one set of 2-D points, drawn in one colour.
type Points struct {
	// Name labels the set in the legend ("data", "samples"); a set with
	// an empty name is drawn but left out of the legend.
	Name string

	// XY holds one point per row: shape [n, 2], x in column 0, y in column 1.
	XY *tensor.Tensor
}

// ScatterOptions says how ScatterWith draws the point sets.
// The zero value draws them untitled, with equal axis scaling, at the
// default size.
type ScatterOptions struct {
	// Title, XLabel and YLabel are the texts above the plot and along its
	// axes; empty texts are left out.
	Title, XLabel, YLabel string

	// FreeAxes lets each axis fit its own data range. By default one unit
	// has the same length on both axes, so shapes are not distorted.
	FreeAxes bool

	// Radius is the radius of a point in points (1/72 inch); zero means 2.
	Radius float64

	// Width and Height are the size of the image in pixels; zero means
	// DefaultScatterSize.
	Width, Height int

	// View, if positive, fixes the axes to show the square [−View, View]²
	// (widened on one axis to keep the scaling equal) and leaves out the
	// points outside it, so that a row of plots shares its axes. Zero fits
	// the axes to the data.
	View float64
}

// Scatter draws 2-D point sets on the same axes, each in its own colour,
// with equal scaling on both axes; the usual way to compare a model's
// samples with the data it learnt from:
//
//	img, err := plot.Scatter("GAN on eight Gaussians", []plot.Points{
//		{Name: "data", XY: real},       // [n, 2]
//		{Name: "generated", XY: fake},  // [m, 2]
//	})
func Scatter(title string, sets []Points) (*image.RGBA, error) {
	return ScatterWith(ScatterOptions{Title: title}, sets)
}

// ScatterWith draws 2-D point sets as opt says. Points are translucent, so
// dense regions look darker. It returns an error, naming the set, for an XY
// that is not an [n, 2] tensor with n > 0, or that holds a NaN or infinity.
func ScatterWith(opt ScatterOptions, sets []Points) (*image.RGBA, error) {
	if len(sets) == 0 {
		return nil, errors.New("plot: Scatter: no point sets to draw")
	}
	if opt.Radius < 0 || math.IsNaN(opt.Radius) {
		return nil, fmt.Errorf("plot: Scatter: invalid point radius %g", opt.Radius)
	}
	if opt.View < 0 || math.IsNaN(opt.View) || math.IsInf(opt.View, 0) {
		return nil, fmt.Errorf("plot: Scatter: invalid view %g; want a half-width > 0, or 0 to fit the data", opt.View)
	}
	radius := opt.Radius
	if radius == 0 {
		radius = 2
	}
	width, height := opt.Width, opt.Height
	if width == 0 {
		width = DefaultScatterSize
	}
	if height == 0 {
		height = DefaultScatterSize
	}

	p := newPlot(opt.Title, opt.XLabel, opt.YLabel)
	for i, set := range sets {
		xys, err := pointsOf(i, set)
		if err != nil {
			return nil, err
		}
		if opt.View > 0 {
			if xys = inView(xys, opt.View); len(xys) == 0 {
				continue
			}
		}
		s := newScatterPlotter(i, xys, radius)
		p.Add(s)
		if set.Name != "" {
			p.Legend.Add(set.Name, s)
		}
	}
	if opt.View > 0 {
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -opt.View, opt.View, -opt.View, opt.View
	}
	if !opt.FreeAxes && width > 0 && height > 0 && width <= maxPlotSide && height <= maxPlotSide {
		equalAxes(p, width, height)
	}
	return Render(p, width, height)
}

// pointsOf checks set i and copies its rows into gonum's XYs.
func pointsOf(i int, set Points) (plotter.XYs, error) {
	name := fmt.Sprintf("set %d (%q)", i, set.Name)
	t := set.XY
	if t == nil {
		return nil, fmt.Errorf("plot: Scatter: %s: XY is nil", name)
	}
	if len(t.Shape) != 2 || t.Shape[1] != 2 || t.Shape[0] == 0 || len(t.Data) != 2*t.Shape[0] {
		return nil, fmt.Errorf("plot: Scatter: %s: XY has shape %v (%d values), want [n, 2] with n > 0", name, t.Shape, len(t.Data))
	}
	xys := make(plotter.XYs, t.Shape[0])
	for r := range xys {
		x, y := t.Data[2*r], t.Data[2*r+1]
		if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
			return nil, fmt.Errorf("plot: Scatter: %s: point %d is (%g, %g)", name, r, x, y)
		}
		xys[r].X, xys[r].Y = x, y
	}
	return xys, nil
}

// inView returns the points of xys inside the square [−view, view]².
func inView(xys plotter.XYs, view float64) plotter.XYs {
	var in plotter.XYs
	for _, p := range xys {
		if math.Abs(p.X) <= view && math.Abs(p.Y) <= view {
			in = append(in, p)
		}
	}
	return in
}

// newScatterPlotter draws the points of set i as translucent discs of the
// given radius in points, in the set's palette colour.
func newScatterPlotter(i int, xys plotter.XYs, radius float64) *plotter.Scatter {
	s := &plotter.Scatter{XYs: xys}
	s.GlyphStyle = draw.GlyphStyle{
		Color:  colorOf(i, 160),
		Radius: vg.Points(radius),
		Shape:  draw.CircleGlyph{},
	}
	return s
}

// equalAxes widens the x or the y range of p so that, drawn at width x
// height pixels, one data unit has the same length on both axes and all the
// data stays in view. The data area depends on the tick labels, which depend
// on the ranges, so it measures and adjusts twice.
func equalAxes(p *gplot.Plot, width, height int) {
	xmin, xmax, ymin, ymax := p.X.Min, p.X.Max, p.Y.Min, p.Y.Max
	cx, cy := (xmin+xmax)/2, (ymin+ymax)/2
	xspan, yspan := xmax-xmin, ymax-ymin
	// A set that is a single point or a line has no extent on an axis:
	// give it the other axis's, or 1 if both are zero.
	if xspan == 0 {
		xspan = yspan
	}
	if yspan == 0 {
		yspan = xspan
	}
	if xspan == 0 {
		xspan, yspan = 1, 1
	}
	c := draw.New(newCanvas(width, height))
	for pass := 0; pass < 2; pass++ {
		da := p.DataCanvas(c)
		w, h := float64(da.Max.X-da.Min.X), float64(da.Max.Y-da.Min.Y)
		if w <= 0 || h <= 0 {
			return // no room to draw data; leave the ranges alone
		}
		unit := math.Max(xspan/w, yspan/h) // data units per vg length, on both axes
		p.X.Min, p.X.Max = cx-unit*w/2, cx+unit*w/2
		p.Y.Min, p.Y.Max = cy-unit*h/2, cy+unit*h/2
	}
}
