package gan

import (
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// RingPanelSize is the width and height in pixels of one panel of
// RingSamplesFigure.
const RingPanelSize = 300

// ringView is the half-width of the square every panel shows, [-3, 3]²:
// the ring of radius 2 with room around it.
const ringView = 3.0

// RingSamplesFigure draws the snapshots of a ring GAN's training side by
// side, cols panels to a row (0: all in one row): in each, real data in
// grey, the generator's samples in blue and the eight centres as red
// crosses, on the same fixed square [-3, 3]² so that panels compare. Each
// panel's title gives the step and the mode coverage of its samples.
// Samples outside the square are left out and counted in the title.
func RingSamplesFigure(res *RingResult, cols int) (*image.RGBA, error) {
	if len(res.Snapshots) == 0 {
		return nil, fmt.Errorf("gan: RingSamplesFigure: no snapshots")
	}
	realPts, _ := data.Ring(1000, RingModes, RingRadius, RingStd, 12345)
	centres := metrics.RingCentres(RingModes, RingRadius)
	var panels []*image.RGBA
	for _, s := range res.Snapshots {
		c := metrics.ModeCoverage(s.Samples, centres, RingStd)
		title := fmt.Sprintf("step %d: %d/%d modes, %.0f%% HQ", s.Step, c.Modes, c.Total, 100*c.HighQuality)
		img, err := ringPanel(title, realPts, s.Samples, centres)
		if err != nil {
			return nil, fmt.Errorf("gan: RingSamplesFigure: step %d: %w", s.Step, err)
		}
		panels = append(panels, img)
	}
	return ringTile(panels, cols), nil
}

// RingLossFigure draws the discriminator's and the generator's loss per
// step, raw and smoothed over 50 steps. For the non-saturating loss the
// two meet at log 4 ≈ 1.39 and log 2 ≈ 0.69 when D can no longer tell real
// from generated (D = 1/2 everywhere).
func RingLossFigure(res *RingResult, title string) (*image.RGBA, error) {
	img, err := plot.CurvesWith(plot.CurveOptions{Title: title, XLabel: "step", YLabel: "loss", Smooth: 50},
		[]plot.Series{{Name: "discriminator L_D", Y: res.DLoss}, {Name: "generator", Y: res.GLoss}})
	if err != nil {
		return nil, fmt.Errorf("gan: RingLossFigure: %w", err)
	}
	return img, nil
}

// ringPanel draws one snapshot: real points, samples and centres on [-3, 3]².
func ringPanel(title string, realPts, samples, centres *tensor.Tensor) (*image.RGBA, error) {
	p := gplot.New()
	inView, outside := xysInView(samples)
	if outside > 0 {
		title += fmt.Sprintf(" (%d outside)", outside)
	}
	p.Title.Text = title
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -ringView, ringView, -ringView, ringView
	realXY, _ := xysInView(realPts)
	p.Add(ringScatter(realXY, color.NRGBA{R: 150, G: 150, B: 150, A: 255}, 1.5, draw.CircleGlyph{}))
	if len(inView) > 0 {
		p.Add(ringScatter(inView, color.NRGBA{R: 30, G: 90, B: 200, A: 110}, 1.5, draw.CircleGlyph{}))
	}
	centreXY, _ := xysInView(centres)
	p.Add(ringScatter(centreXY, color.NRGBA{R: 220, G: 30, B: 30, A: 255}, 4, draw.CrossGlyph{}))
	return plot.Render(p, RingPanelSize, RingPanelSize)
}

// ringScatter is a scatter of xys with glyphs of one colour, radius (in
// points) and shape.
func ringScatter(xys plotter.XYs, c color.Color, radius float64, shape draw.GlyphDrawer) *plotter.Scatter {
	return &plotter.Scatter{XYs: xys, GlyphStyle: draw.GlyphStyle{Color: c, Radius: vg.Points(radius), Shape: shape}}
}

// xysInView copies the rows of pts [n, 2] that lie in the view square
// and counts the others (NaN included).
func xysInView(pts *tensor.Tensor) (plotter.XYs, int) {
	var xys plotter.XYs
	outside := 0
	for i := 0; i < pts.Dim(0); i++ {
		x, y := pts.Data[2*i], pts.Data[2*i+1]
		if math.Abs(x) <= ringView && math.Abs(y) <= ringView {
			xys = append(xys, plotter.XY{X: x, Y: y})
		} else {
			outside++
		}
	}
	return xys, outside
}

// ringTile lays equally sized images out in rows of cols (0: one row).
func ringTile(imgs []*image.RGBA, cols int) *image.RGBA {
	if cols <= 0 || cols > len(imgs) {
		cols = len(imgs)
	}
	rows := (len(imgs) + cols - 1) / cols
	w, h := imgs[0].Bounds().Dx(), imgs[0].Bounds().Dy()
	out := image.NewRGBA(image.Rect(0, 0, cols*w, rows*h))
	stddraw.Draw(out, out.Bounds(), image.White, image.Point{}, stddraw.Src)
	for i, img := range imgs {
		r := image.Rect((i%cols)*w, (i/cols)*h, (i%cols+1)*w, (i/cols+1)*h)
		stddraw.Draw(out, r, img, img.Bounds().Min, stddraw.Src)
	}
	return out
}
