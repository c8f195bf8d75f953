package foundations

import (
	"fmt"
	"image"
	"math"

	"github.com/luoxia/aigc/lib/plot"
)

// StepSizeErrors measures how far finite differences of
// f(x) = exp(sin x) at x = 1 fall from the true derivative cos x·exp(sin x),
// as relative errors, for each step h: the one-sided difference
// (f(x+h) − f(x))/h and the central one (f(x+h) − f(x−h))/2h. Taylor's
// theorem makes the first's error shrink like h and the second's like h²;
// float64's rounding of f, about 10⁻¹⁶ relative, divided by h, makes both
// grow again once h is small. The central difference's best h is near
// 10⁻⁵, where the two errors meet.
func StepSizeErrors(hs []float64) (forward, central []float64) {
	f := func(x float64) float64 { return math.Exp(math.Sin(x)) }
	const x = 1.0
	exact := math.Cos(x) * math.Exp(math.Sin(x))
	for _, h := range hs {
		forward = append(forward, math.Abs((f(x+h)-f(x))/h-exact)/math.Abs(exact))
		central = append(central, math.Abs((f(x+h)-f(x-h))/(2*h)-exact)/math.Abs(exact))
	}
	return forward, central
}

// StepSizeFigure draws StepSizeErrors for h from 10⁻¹ to 10⁻¹³ on log
// axes, with the h = 10⁻⁶ that GradCheck uses between the two regimes.
func StepSizeFigure() (image.Image, error) {
	var hs []float64
	for e := -1.0; e >= -13.0001; e -= 0.25 {
		hs = append(hs, math.Pow(10, e))
	}
	forward, central := StepSizeErrors(hs)
	floor := func(v []float64) []float64 { // an exact 0 cannot go on a log axis
		for i := range v {
			v[i] = math.Max(v[i], 1e-17)
		}
		return v
	}
	img, err := plot.CurvesWith(plot.CurveOptions{
		Title: "finite differences of exp(sin x) at x = 1", XLabel: "step h", YLabel: "relative error",
		LogX: true, LogY: true, LegendBottom: true,
	}, []plot.Series{
		{Name: "one-sided (f(x+h) - f(x)) / h", X: hs, Y: floor(forward)},
		{Name: "central (f(x+h) - f(x-h)) / 2h", X: hs, Y: floor(central)},
	})
	if err != nil {
		return nil, fmt.Errorf("foundations: StepSizeFigure: %w", err)
	}
	return img, nil
}
