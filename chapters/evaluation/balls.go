package evaluation

import (
	"fmt"
	"image"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// BallsFigure draws how precision and recall are counted, on two sets of
// points in the plane: real, 40 points from N(0, I), and generated, 40
// from N((1.5, 0), 0.5² I), a generator that covers part of the data and
// strays beyond it. The left panel draws the real points' k = 3 balls and
// marks the generated points inside them (precision counts those); the
// right panel the generated points' balls and the real points inside
// (recall). Each title gives metrics.PrecisionRecall's value.
func BallsFigure() (image.Image, error) {
	rng := tensor.NewRNG(1)
	real := tensor.RandN(rng, 40, 2)
	fake := tensor.RandN(rng, 40, 2)
	for i := 0; i < 40; i++ {
		fake.Data[2*i] = 1.5 + 0.5*fake.Data[2*i]
		fake.Data[2*i+1] *= 0.5
	}
	const k = metrics.DefaultNeighbours
	precision, recall, err := metrics.PrecisionRecall(real, fake, k)
	if err != nil {
		return nil, fmt.Errorf("evaluation: BallsFigure: %w", err)
	}
	left, err := ballsPanel(fmt.Sprintf("precision %.2f: generated points in real balls", precision), real, fake, k, "real", "generated")
	if err != nil {
		return nil, err
	}
	right, err := ballsPanel(fmt.Sprintf("recall %.2f: real points in generated balls", recall), fake, real, k, "generated", "real")
	if err != nil {
		return nil, err
	}
	return plot.Panels(2, left, right)
}

// ballsPanel draws the k-NN balls of centres and the points of others,
// filled where they fall inside a ball.
func ballsPanel(title string, centres, others *tensor.Tensor, k int, centresName, othersName string) (image.Image, error) {
	p := gplot.New()
	p.Title.Text = title
	radii, err := metrics.KNNRadii(centres, k)
	if err != nil {
		return nil, err
	}
	inside, err := metrics.InManifold(others, centres, k)
	if err != nil {
		return nil, err
	}
	ball := color.NRGBA{R: 31, G: 119, B: 180, A: 90}
	for i, r := range radii {
		var circle plotter.XYs
		for a := 0; a <= 48; a++ {
			t := 2 * math.Pi * float64(a) / 48
			circle = append(circle, plotter.XY{X: centres.Data[2*i] + r*math.Cos(t), Y: centres.Data[2*i+1] + r*math.Sin(t)})
		}
		l, err := plotter.NewLine(circle)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width = ball, vg.Points(0.8)
		p.Add(l)
	}
	var cxy, in, out plotter.XYs
	for i := 0; i < centres.Dim(0); i++ {
		cxy = append(cxy, plotter.XY{X: centres.Data[2*i], Y: centres.Data[2*i+1]})
	}
	for j, ok := range inside {
		xy := plotter.XY{X: others.Data[2*j], Y: others.Data[2*j+1]}
		if ok {
			in = append(in, xy)
		} else {
			out = append(out, xy)
		}
	}
	for _, s := range []struct {
		xy    plotter.XYs
		c     color.Color
		shape draw.GlyphDrawer
		name  string
	}{
		{cxy, color.NRGBA{R: 31, G: 119, B: 180, A: 255}, draw.CircleGlyph{}, centresName},
		{in, color.NRGBA{R: 214, G: 39, B: 40, A: 255}, draw.PyramidGlyph{}, othersName + ", inside"},
		{out, color.NRGBA{R: 214, G: 39, B: 40, A: 255}, draw.CrossGlyph{}, othersName + ", outside"},
	} {
		if len(s.xy) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(s.xy)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: s.c, Radius: vg.Points(2.5), Shape: s.shape}
		p.Add(sc)
		p.Legend.Add(s.name, sc)
	}
	p.Legend.Top, p.Legend.Left = true, true
	const view = 3.5 // set after the plotters, which would widen it to fit every ball
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -view, view, -view, view
	return plot.Render(p, 420, 420)
}
