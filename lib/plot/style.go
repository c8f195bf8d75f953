package plot

import (
	"image/color"

	xfont "golang.org/x/image/font"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// palette is the colour of the i-th series or point set, cycling after
// ten: the "tab10" colours of matplotlib and TensorBoard, chosen to stay
// distinguishable from one another, so readers know them already.
var palette = []color.RGBA{
	{31, 119, 180, 255},  // blue
	{255, 127, 14, 255},  // orange
	{44, 160, 44, 255},   // green
	{214, 39, 40, 255},   // red
	{148, 103, 189, 255}, // purple
	{140, 86, 75, 255},   // brown
	{227, 119, 194, 255}, // pink
	{127, 127, 127, 255}, // grey
	{188, 189, 34, 255},  // olive
	{23, 190, 207, 255},  // cyan
}

// colorOf returns the palette colour of series i with the given opacity
// (0 transparent, 255 opaque).
func colorOf(i int, alpha uint8) color.NRGBA {
	c := palette[i%len(palette)]
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: alpha}
}

// sans is the typeface of every figure: Liberation Sans, which gonum/plot
// embeds, reads better on screen at small sizes than the default serif.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// newPlot returns a gonum plot in the house style: sans-serif text, a bold
// title, light grid lines and the legend in the top-right corner.
func newPlot(title, xLabel, yLabel string) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 14)
	p.Title.TextStyle.Font.Weight = xfont.WeightBold
	p.Title.Padding = vg.Points(6)
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 12)
		a.Tick.Label.Font = font.From(sans, 10)
		a.Tick.Marker = linearTicks{n: 6}
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Legend.TextStyle.Font = font.From(sans, 11)
	p.Legend.Top = true
	p.Legend.Padding = vg.Points(2)
	p.Legend.XOffs = -vg.Points(4)
	p.Legend.YOffs = -vg.Points(4)

	g := plotter.NewGrid()
	light := color.Gray{Y: 225}
	g.Vertical.Color, g.Horizontal.Color = light, light
	g.Vertical.Width, g.Horizontal.Width = vg.Points(0.5), vg.Points(0.5)
	p.Add(g)
	return p
}
