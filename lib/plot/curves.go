package plot

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Series is one curve: the points (X[i], Y[i]).
type Series struct {
	// Name labels the curve in the legend; a series with an empty name is
	// drawn but left out of the legend.
	Name string

	// X holds the x coordinates; nil means 0, 1, ..., len(Y)-1, the step
	// numbers of a loss recorded once per step. Otherwise it must be as
	// long as Y.
	X, Y []float64
}

// CurveOptions says what CurvesWith draws around the curves.
// The zero value draws raw curves, untitled, at the default size.
type CurveOptions struct {
	// Title, XLabel and YLabel are the texts above the plot and along its
	// axes; empty texts are left out.
	Title, XLabel, YLabel string

	// Smooth is a moving-average window (see MovingAverage). When it is
	// above 1 every series is drawn twice: raw, faint, and averaged, bold.
	Smooth int

	// LogY puts the y axis on a log scale; every y value must then be
	// positive.
	LogY bool

	// LegendLeft and LegendBottom move the legend from the top-right
	// corner to where the curves leave room.
	LegendLeft, LegendBottom bool

	// LogX puts the x axis on a log scale, for a quantity swept over
	// powers (a width, a dimension); every x value must then be positive.
	LogX bool

	// Width and Height are the size of the image in pixels; zero means
	// DefaultWidth or DefaultHeight.
	Width, Height int
}

// Curves draws line plots of one or more series, each in its own colour,
// with a legend of their names:
//
//	img, err := plot.Curves("GAN training", "step", "loss", []plot.Series{
//		{Name: "discriminator", Y: dLoss},
//		{Name: "generator", Y: gLoss},
//	})
//
// It is CurvesWith without smoothing or log scale.
func Curves(title, xLabel, yLabel string, series []Series) (*image.RGBA, error) {
	return CurvesWith(CurveOptions{Title: title, XLabel: xLabel, YLabel: yLabel}, series)
}

// CurvesWith draws line plots of the series as opt says. It returns an
// error, naming the series, for a series without points, X and Y of
// different lengths, a value that is NaN or infinite, or a y value that is
// not positive on a log axis.
func CurvesWith(opt CurveOptions, series []Series) (*image.RGBA, error) {
	if len(series) == 0 {
		return nil, errors.New("plot: Curves: no series to draw")
	}
	if opt.Smooth < 0 {
		return nil, fmt.Errorf("plot: Curves: negative smoothing window %d", opt.Smooth)
	}
	for i, s := range series {
		if err := checkSeries(i, s, opt.LogY, opt.LogX); err != nil {
			return nil, err
		}
	}
	p := newPlot(opt.Title, opt.XLabel, opt.YLabel)
	for i, s := range series {
		x := s.X
		if x == nil {
			x = steps(len(s.Y))
		}
		main := lineOf(x, s.Y, colorOf(i, 255), 1.5)
		if opt.Smooth > 1 {
			p.Add(lineOf(x, s.Y, colorOf(i, 70), 1))
			main = lineOf(x, MovingAverage(s.Y, opt.Smooth), colorOf(i, 255), 2)
		}
		p.Add(main)
		if s.Name != "" {
			p.Legend.Add(s.Name, main)
		}
	}
	if opt.LogY {
		p.Y.Scale = gplot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
		if p.Y.Min == p.Y.Max { // a flat curve: show a decade around it
			p.Y.Min, p.Y.Max = p.Y.Min/math.Sqrt(10), p.Y.Max*math.Sqrt(10)
		}
	}
	p.Legend.Left, p.Legend.Top = opt.LegendLeft, !opt.LegendBottom
	if opt.LegendLeft {
		p.Legend.XOffs = vg.Points(4)
	}
	if opt.LegendBottom {
		p.Legend.YOffs = vg.Points(4)
	}
	if opt.LogX {
		p.X.Scale = gplot.LogScale{}
		p.X.Tick.Marker = logTicks{}
	}
	return Render(p, opt.Width, opt.Height)
}

// checkSeries returns an error describing what makes series i undrawable.
func checkSeries(i int, s Series, logY, logX bool) error {
	name := fmt.Sprintf("series %d (%q)", i, s.Name)
	if len(s.Y) == 0 {
		return fmt.Errorf("plot: Curves: %s has no points", name)
	}
	if s.X != nil && len(s.X) != len(s.Y) {
		return fmt.Errorf("plot: Curves: %s has %d x values and %d y values", name, len(s.X), len(s.Y))
	}
	for j, y := range s.Y {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return fmt.Errorf("plot: Curves: %s: y[%d] is %g", name, j, y)
		}
		if logY && y <= 0 {
			return fmt.Errorf("plot: Curves: %s: y[%d] = %g cannot be drawn on a log axis", name, j, y)
		}
	}
	if logX && s.X == nil {
		return fmt.Errorf("plot: Curves: %s has no x values; the steps from 0 cannot be drawn on a log axis", name)
	}
	for j, x := range s.X {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("plot: Curves: %s: x[%d] is %g", name, j, x)
		}
		if logX && x <= 0 {
			return fmt.Errorf("plot: Curves: %s: x[%d] = %g cannot be drawn on a log axis", name, j, x)
		}
	}
	return nil
}

// steps returns 0, 1, ..., n-1.
func steps(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	return x
}

// lineOf returns a gonum line through (x[i], y[i]) of the given colour and
// width in points. The values have been checked, so it cannot fail.
func lineOf(x, y []float64, c color.Color, width float64) *plotter.Line {
	xys := make(plotter.XYs, len(y))
	for i := range y {
		xys[i].X, xys[i].Y = x[i], y[i]
	}
	l := &plotter.Line{XYs: xys}
	l.LineStyle.Color = c
	l.LineStyle.Width = vg.Points(width)
	return l
}
