package vae

import (
	"fmt"
	"image"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/plot"
)

// The two terms of -ELBO are a rate and a distortion (Alemi et al. 2018,
// "Fixing a Broken ELBO"):
//
//	rate       R = E_x KL(q(z|x) ‖ p(z))    how many nats the code carries about x
//	distortion D = E_x E_q[-log p(x|z)]     how badly x is rebuilt from its code
//
// A β-VAE minimises D + β·R. β = 1 is the ELBO; a larger β buys a cheaper
// code with worse reconstructions, a smaller one the reverse, and a sweep
// over β traces the trade-off, each trained model one point of the curve.

// RateDistortion is one trained model of a β sweep: its β and, on the test
// digits, its rate and distortion in nats per digit.
type RateDistortion struct {
	Beta       float64
	Rate       float64 // mean KL(q(z|x) ‖ p(z)) per test digit
	Distortion float64 // mean -log p(x|z) per test digit, one z ~ q(z|x) each
}

// ANCHOR: beta-sweep

// BetaSweep trains one VAE per β in betas, each with cfg but for its β
// (the same seed, so the same initial weights and batches), and returns
// each model's rate and distortion on test after the last epoch. progress,
// if not nil, sees every run's reports, the runs in the order of betas.
func BetaSweep(cfg Config, betas []float64, train, test *data.Dataset, progress func(Progress)) ([]RateDistortion, error) {
	if len(betas) == 0 {
		return nil, fmt.Errorf("vae: BetaSweep: no β to train at")
	}
	var points []RateDistortion
	for _, beta := range betas {
		c := cfg
		c.Beta = beta
		res, err := Train(c, train, test, progress)
		if err != nil {
			return nil, fmt.Errorf("vae: BetaSweep at β = %g: %w", beta, err)
		}
		last := len(res.TestLoss) - 1
		points = append(points, RateDistortion{Beta: beta, Rate: res.TestKL[last], Distortion: res.TestRecon[last]})
	}
	return points, nil
}

// ANCHOR_END: beta-sweep

// RateDistortionFigure draws a sweep's points as a curve of distortion
// against rate, in the order given (sort the betas first for a clean
// line), each point marked and labelled with its β, and the line
// D + R = const through the point with the smallest D + R: the bound's
// contour, which the curve touches where the bound is best.
func RateDistortionFigure(points []RateDistortion) (image.Image, error) {
	if len(points) == 0 {
		return nil, fmt.Errorf("vae: RateDistortionFigure: no points")
	}
	xys := make(plotter.XYs, len(points))
	labels := make([]string, len(points))
	best := 0
	for i, p := range points {
		xys[i] = plotter.XY{X: p.Rate, Y: p.Distortion}
		labels[i] = fmt.Sprintf("β = %g", p.Beta)
		if p.Rate+p.Distortion < points[best].Rate+points[best].Distortion {
			best = i
		}
	}
	p := gplot.New()
	p.Title.Text = "β-VAE: rate against distortion"
	p.X.Label.Text, p.Y.Label.Text = "rate KL (nats/digit)", "distortion -log p(x|z) (nats/digit)"
	line, dots, err := plotter.NewLinePoints(xys)
	if err != nil {
		return nil, fmt.Errorf("vae: RateDistortionFigure: %w", err)
	}
	line.Color, dots.Color = color.NRGBA{R: 31, G: 119, B: 180, A: 255}, color.NRGBA{R: 31, G: 119, B: 180, A: 255}
	dots.Radius = vg.Points(3)
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, fmt.Errorf("vae: RateDistortionFigure: %w", err)
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign, l.Offset = draw.XLeft, vg.Point{X: vg.Points(5), Y: vg.Points(3)}
	}
	sum := points[best].Rate + points[best].Distortion
	lo, hi := xys[0].X, xys[0].X
	for _, xy := range xys {
		lo, hi = math.Min(lo, xy.X), math.Max(hi, xy.X)
	}
	contour, err := plotter.NewLine(plotter.XYs{{X: lo, Y: sum - lo}, {X: hi, Y: sum - hi}})
	if err != nil {
		return nil, fmt.Errorf("vae: RateDistortionFigure: %w", err)
	}
	contour.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	contour.Color = color.NRGBA{R: 150, G: 150, B: 150, A: 255}
	p.Add(plotter.NewGrid(), contour, line, dots, l)
	p.Legend.Add(fmt.Sprintf("D + R = %.2f", sum), contour)
	p.Legend.Top = true
	return plot.Render(p, plot.DefaultWidth, plot.DefaultHeight)
}
