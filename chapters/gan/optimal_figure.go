package gan

import (
	"fmt"
	"image"
	"math"

	"github.com/luoxia/aigc/lib/plot"
)

// OptimalFigure draws the picture behind the optimal discriminator, after
// Goodfellow et al. (2014, figure 1), in one dimension: the data's
// density p_data = N(0, 1), a generator's p_g = N(m, 1) for each mean m
// of shifts, and D* = p_data / (p_data + p_g) on [-6, 6], one panel per
// shift. Far from the data D* is a step from 1 to 0, flat on both sides
// (the generator learns nothing where its samples sit); as p_g closes in,
// D* flattens towards ½, which it reaches when the two agree.
func OptimalFigure(shifts []float64) (image.Image, error) {
	if len(shifts) == 0 {
		return nil, fmt.Errorf("gan: OptimalFigure: no shifts")
	}
	var xs []float64
	for x := -6.0; x <= 6.0001; x += 0.05 {
		xs = append(xs, x)
	}
	normal := func(m float64) []float64 {
		p := make([]float64, len(xs))
		for i, x := range xs {
			p[i] = math.Exp(-(x-m)*(x-m)/2) / math.Sqrt(2*math.Pi)
		}
		return p
	}
	data := normal(0)
	var panels []image.Image
	for _, m := range shifts {
		g := normal(m)
		img, err := plot.CurvesWith(plot.CurveOptions{
			Title: fmt.Sprintf("p_g = N(%g, 1)", m), XLabel: "x", Width: 360, Height: 280, LegendLeft: true,
		}, []plot.Series{
			{Name: "p_data", X: xs, Y: data},
			{Name: "p_g", X: xs, Y: g},
			{Name: "D*", X: xs, Y: OptimalDiscriminator(data, g)},
		})
		if err != nil {
			return nil, fmt.Errorf("gan: OptimalFigure: %w", err)
		}
		panels = append(panels, img)
	}
	return plot.Panels(len(panels), panels...)
}
