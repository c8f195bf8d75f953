package plot

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	gpalette "gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/vg"
	gdraw "gonum.org/v1/plot/vg/draw"

	"github.com/luoxia/aigc/lib/tensor"
)

// HeatmapOptions says how HeatmapWith draws a matrix. The zero value draws
// it untitled, at the default size, its rows and columns numbered, over
// the range of its values, white to dark blue.
type HeatmapOptions struct {
	// Title, XLabel and YLabel are the texts above the plot and along its
	// axes; empty texts are left out.
	Title, XLabel, YLabel string

	// XTicks and YTicks, if not nil, label every column and every row
	// (one string each; "" leaves one unlabelled), e.g. the tokens of an
	// attention map. nil numbers them 0, 1, ... at round intervals.
	// Column labels are written upwards, so long words fit.
	XTicks, YTicks []string

	// Min and Max are the values at the two ends of the colour scale;
	// values beyond them take the end colours. Both zero means the
	// smallest and largest value of the matrix.
	Min, Max float64

	// Diverging draws with a blue-white-red scale, for signed values
	// around the middle of Min and Max (a sine, a correlation); otherwise
	// the scale runs from white (Min) to dark blue (Max), for weights and
	// probabilities.
	Diverging bool

	// Width and Height are the size of the image in pixels; zero means
	// DefaultWidth or DefaultHeight.
	Width, Height int
}

// colorBarWidth is the room a heatmap keeps on its right for its colour
// bar and the bar's labels.
const colorBarWidth = vg.Length(56)

// HeatmapWith draws z [R, C] as a grid of coloured cells, row 0 at the top
// and column 0 on the left, as a matrix is written, with a colour bar on
// the right. It returns an error for a z that is not a non-empty matrix,
// a value that is NaN or infinite, tick labels that do not match the rows
// or columns, or Max not above Min.
func HeatmapWith(z *tensor.Tensor, opt HeatmapOptions) (*image.RGBA, error) {
	if z == nil || z.Dims() != 2 || z.Shape[0] == 0 || z.Shape[1] == 0 {
		var shape []int
		if z != nil {
			shape = z.Shape
		}
		return nil, fmt.Errorf("plot: Heatmap: values %v, want a matrix [R, C] with R, C ≥ 1", shape)
	}
	rows, cols := z.Shape[0], z.Shape[1]
	lo, hi := opt.Min, opt.Max
	if lo == 0 && hi == 0 {
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, v := range z.Data {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	for i, v := range z.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("plot: Heatmap: value [%d, %d] is %g", i/cols, i%cols, v)
		}
	}
	if !(hi > lo) {
		if opt.Min != 0 || opt.Max != 0 {
			return nil, fmt.Errorf("plot: Heatmap: colour scale from %g to %g; want Max above Min", lo, hi)
		}
		lo, hi = lo-0.5, hi+0.5 // a constant matrix: one colour in the middle
	}
	if opt.XTicks != nil && len(opt.XTicks) != cols {
		return nil, fmt.Errorf("plot: Heatmap: %d column labels for %d columns", len(opt.XTicks), cols)
	}
	if opt.YTicks != nil && len(opt.YTicks) != rows {
		return nil, fmt.Errorf("plot: Heatmap: %d row labels for %d rows", len(opt.YTicks), rows)
	}
	cmap := heatmapScale(opt.Diverging)
	cmap.SetMin(lo)
	cmap.SetMax(hi)

	p := newPlot(opt.Title, opt.XLabel, opt.YLabel)
	p.Legend.Top = false
	p.Add(cells{z: z, cmap: cmap})
	p.X.Padding, p.Y.Padding = 0, 0 // the axes touch the cells
	p.X.Min, p.X.Max = -0.5, float64(cols)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(rows)-0.5
	p.X.Tick.Marker = cellTicks(opt.XTicks, cols, false)
	p.Y.Tick.Marker = cellTicks(opt.YTicks, rows, true)
	if opt.XTicks != nil {
		p.X.Tick.Label.Rotation = math.Pi / 2
		p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = gdraw.XRight, gdraw.YCenter
	}
	return renderWithBar(p, cmap, opt.Width, opt.Height)
}

// heatmapScale returns the colour scale of a heatmap: Moreland's smooth
// blue-red for signed values, or white to dark blue.
func heatmapScale(diverging bool) gpalette.ColorMap {
	if diverging {
		return moreland.SmoothBlueRed()
	}
	// NewLuminance wants the colours from dark to light; Reverse turns
	// the scale round.
	m, err := moreland.NewLuminance([]color.Color{
		color.NRGBA{8, 48, 107, 255}, color.NRGBA{107, 174, 214, 255}, color.NRGBA{255, 255, 255, 255},
	})
	if err != nil {
		panic(fmt.Sprintf("plot: heatmap colours: %v", err)) // fixed colours of rising luminance
	}
	return gpalette.Reverse(m)
}

// cells draws a matrix z as gonum plotter: cell (i, j) is a square of
// the colour of z[i, j] centred on (j, R-1-i), so that row 0 is at the
// top. Each square overlaps its neighbours by a hair, which keeps
// antialiasing from drawing white seams between cells of one colour.
type cells struct {
	z    *tensor.Tensor
	cmap gpalette.ColorMap
}

// Plot fills the cells, clamping values beyond the scale to its ends.
func (m cells) Plot(c gdraw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	rows, cols := m.z.Shape[0], m.z.Shape[1]
	const seam = vg.Length(0.3)
	for i := 0; i < rows; i++ {
		y := float64(rows - 1 - i)
		y0, y1 := trY(y-0.5)-seam, trY(y+0.5)+seam
		for j := 0; j < cols; j++ {
			v := math.Min(math.Max(m.z.At(i, j), m.cmap.Min()), m.cmap.Max())
			col, err := m.cmap.At(v)
			if err != nil {
				panic(fmt.Sprintf("plot: Heatmap: colour of %g: %v", v, err)) // v is within the scale
			}
			x0, x1 := trX(float64(j)-0.5)-seam, trX(float64(j)+0.5)+seam
			c.FillPolygon(col, c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}))
		}
	}
}

// DataRange is the cells' extent, half a cell beyond the outer centres.
func (m cells) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(m.z.Shape[1]) - 0.5, -0.5, float64(m.z.Shape[0]) - 0.5
}

// cellTicks labels n cells: with labels, each cell by its own; without,
// every few cells by its index. Rows (flipped) count from the top.
func cellTicks(labels []string, n int, flipped bool) gplot.ConstantTicks {
	at := func(i int) float64 {
		if flipped {
			return float64(n - 1 - i)
		}
		return float64(i)
	}
	var ticks gplot.ConstantTicks
	if labels != nil {
		for i, l := range labels {
			ticks = append(ticks, gplot.Tick{Value: at(i), Label: l})
		}
		return ticks
	}
	step, _ := niceStep(math.Max(1, float64(n)/6))
	for i := 0; i < n; i += int(step) {
		ticks = append(ticks, gplot.Tick{Value: at(i), Label: strconv.Itoa(i)})
	}
	return ticks
}

// renderWithBar draws p, leaving colorBarWidth on the right for a
// vertical bar of cmap's colours beside the plot's data area, labelled
// with the scale's ends and middle.
func renderWithBar(p *gplot.Plot, cmap gpalette.ColorMap, width, height int) (img *image.RGBA, err error) {
	if width == 0 {
		width = DefaultWidth
	}
	if height == 0 {
		height = DefaultHeight
	}
	if width <= 2*int(colorBarWidth) || height <= 0 || width > maxPlotSide || height > maxPlotSide {
		return nil, fmt.Errorf("plot: Heatmap: size %d x %d pixels; want a width above %d and both at most %d", width, height, 2*int(colorBarWidth), maxPlotSide)
	}
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("plot: Heatmap: gonum/plot could not draw the plot: %v", r)
		}
	}()
	c := newCanvas(width, height)
	dc := gdraw.New(c)
	main := gdraw.Crop(dc, 0, -colorBarWidth, 0, 0)
	p.Draw(main)
	data := p.DataCanvas(main)
	x0 := main.Max.X + vg.Points(8)
	x1 := x0 + vg.Points(12)
	const bands = 128
	for k := 0; k < bands; k++ {
		y0 := data.Min.Y + (data.Max.Y-data.Min.Y)*vg.Length(k)/bands
		y1 := data.Min.Y + (data.Max.Y-data.Min.Y)*vg.Length(k+1)/bands
		v := cmap.Min() + (cmap.Max()-cmap.Min())*(float64(k)+0.5)/bands
		col, cerr := cmap.At(v)
		if cerr != nil {
			return nil, fmt.Errorf("plot: Heatmap: colour of %g: %v", v, cerr)
		}
		dc.FillPolygon(col, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1 + 0.5}, {X: x0, Y: y1 + 0.5}})
	}
	sty := p.Y.Tick.Label
	sty.XAlign, sty.YAlign = gdraw.XLeft, gdraw.YCenter
	for _, f := range []float64{0, 0.5, 1} {
		v := cmap.Min() + (cmap.Max()-cmap.Min())*f
		y := data.Min.Y + (data.Max.Y-data.Min.Y)*vg.Length(f)
		dc.FillText(sty, vg.Point{X: x1 + vg.Points(3), Y: y}, strconv.FormatFloat(v, 'g', 3, 64))
	}
	return toRGBA(c.Image()), nil
}
