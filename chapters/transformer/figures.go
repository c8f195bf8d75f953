package transformer

import (
	"fmt"
	"image"

	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// The chapter's figures, drawn with lib/plot: the softmax's saturation
// against d_k, the sinusoidal positions, attention maps of the trained
// models and their learning curves.

// ScaleFigure draws the points of SoftmaxSaturation against d_k on a log
// axis, in two panels: the largest weight of a = softmax(S) (left) and
// the norm of its Jacobian ‖J‖ (right), each without and with the
// division by √d_k.
func ScaleFigure(points []Saturation) (image.Image, error) {
	if len(points) == 0 {
		return nil, fmt.Errorf("transformer: ScaleFigure: no points")
	}
	dk := make([]float64, len(points))
	var rawMax, scaledMax, rawJ, scaledJ []float64
	for i, p := range points {
		dk[i] = float64(p.Dk)
		rawMax, scaledMax = append(rawMax, p.RawMax), append(scaledMax, p.ScaledMax)
		rawJ, scaledJ = append(rawJ, p.RawJ), append(scaledJ, p.ScaledJ)
	}
	opt := plot.CurveOptions{XLabel: "d_k", LogX: true, Width: 480, Height: 360}
	opt.Title, opt.YLabel, opt.LegendLeft = "largest weight of softmax(S)", "mean largest a_i", true
	left, err := plot.CurvesWith(opt, []plot.Series{{Name: "S = q·k", X: dk, Y: rawMax}, {Name: "S = q·k/√d_k", X: dk, Y: scaledMax}})
	if err != nil {
		return nil, err
	}
	opt.Title, opt.YLabel, opt.LegendBottom = "size of the softmax's Jacobian", "mean ‖diag(a) - aaᵀ‖", true
	right, err := plot.CurvesWith(opt, []plot.Series{{Name: "S = q·k", X: dk, Y: rawJ}, {Name: "S = q·k/√d_k", X: dk, Y: scaledJ}})
	if err != nil {
		return nil, err
	}
	return plot.Panels(2, left, right)
}

// PositionFigure draws the sinusoidal encodings PE(p) of positions
// 0..n-1 for d features as a heatmap: a row per position, a column per
// feature, blue -1 to red +1. Pair i's columns 2i, 2i+1 turn at the
// frequency ω_i = 10000^{-2i/d}: fast stripes on the left, slow on the
// right.
func PositionFigure(n, d int) (image.Image, error) {
	if n < 1 || d < 2 || d%2 != 0 {
		return nil, fmt.Errorf("transformer: PositionFigure: %d positions of %d features; want at least 1 position and an even d ≥ 2", n, d)
	}
	return plot.HeatmapWith(Sinusoidal(0, n, d), plot.HeatmapOptions{
		Title:  fmt.Sprintf("sinusoidal position encodings, d_model = %d", d),
		XLabel: "feature (2i: sin, 2i+1: cos)", YLabel: "position p",
		Min: -1, Max: 1, Diverging: true, Width: 640, Height: 480,
	})
}

// AttentionFigure draws one attention map a [Tq, Tk], queries as rows
// labelled by rows and keys as columns labelled by cols, white 0 to dark
// blue 1.
func AttentionFigure(a *tensor.Tensor, rows, cols []string, title string, width, height int) (image.Image, error) {
	if a == nil || a.Dims() != 2 {
		return nil, fmt.Errorf("transformer: AttentionFigure: weights %v; want [Tq, Tk]", shapeOf(a))
	}
	return plot.HeatmapWith(a, plot.HeatmapOptions{
		Title: title, XLabel: "key (read)", YLabel: "query (reading)",
		XTicks: cols, YTicks: rows, Min: 0, Max: 1, Width: width, Height: height,
	})
}

// HeadsFigure draws the maps of every head of a layer, a [H, Tq, Tk], a
// panel each, perRow panels to a row, titled "title, head h".
func HeadsFigure(a *tensor.Tensor, rows, cols []string, title string, perRow, width, height int) (image.Image, error) {
	if a == nil || a.Dims() != 3 {
		return nil, fmt.Errorf("transformer: HeadsFigure: weights %v; want [H, Tq, Tk]", shapeOf(a))
	}
	var panels []image.Image
	for h := 0; h < a.Shape[0]; h++ {
		head := tensor.Slice(a, 0, h, h+1).Reshape(a.Shape[1], a.Shape[2])
		img, err := AttentionFigure(head, rows, cols, fmt.Sprintf("%s, head %d", title, h), width, height)
		if err != nil {
			return nil, err
		}
		panels = append(panels, img)
	}
	return plot.Panels(perRow, panels...)
}

// LossFigure draws a run's training loss as its moving average over
// smooth steps (every step's loss is too noisy to read) and, if
// evalSteps is not empty, the validation loss measured after those
// steps. floor, if above 0, is drawn as a flat line: the label-smoothed
// loss's floor H(q), which no model goes below.
func LossFigure(title string, train []float64, smooth int, evalSteps []int, val []float64, floor float64) (image.Image, error) {
	if len(train) == 0 {
		return nil, fmt.Errorf("transformer: LossFigure: no training losses")
	}
	if len(evalSteps) != len(val) {
		return nil, fmt.Errorf("transformer: LossFigure: %d evaluation steps and %d validation losses", len(evalSteps), len(val))
	}
	steps := make([]float64, len(train))
	for i := range steps {
		steps[i] = float64(i + 1)
	}
	series := []plot.Series{{Name: fmt.Sprintf("training (mean of %d steps)", smooth), X: steps, Y: plot.MovingAverage(train, smooth)}}
	if len(val) > 0 {
		x := make([]float64, len(evalSteps))
		for i, s := range evalSteps {
			x[i] = float64(s)
		}
		series = append(series, plot.Series{Name: "validation", X: x, Y: val})
	}
	if floor > 0 {
		series = append(series, plot.Series{Name: fmt.Sprintf("floor H(q) = %.3f", floor), X: []float64{1, float64(len(train))}, Y: []float64{floor, floor}})
	}
	return plot.CurvesWith(plot.CurveOptions{Title: title, XLabel: "step", YLabel: "loss (nats per token)", Width: 640, Height: 420}, series)
}

// shapeOf is t's shape, or nil for a nil tensor.
func shapeOf(t *tensor.Tensor) []int {
	if t == nil {
		return nil
	}
	return t.Shape
}
