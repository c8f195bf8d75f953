package foundations

import (
	"fmt"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// Showcase picks digits to show: the first n-m test digits, then the first
// m misclassified digits after them, so the picture shows both what the
// model does and where it fails.
func Showcase(pred, labels []int, n, m int) []int {
	var idx []int
	for i := 0; i < len(labels) && len(idx) < n-m; i++ {
		idx = append(idx, i)
	}
	for i := len(idx); i < len(labels) && len(idx) < n; i++ {
		if pred[i] != labels[i] {
			idx = append(idx, i)
		}
	}
	return idx
}

// DigitGrid returns the test digits with the given indices as an
// [len(idx), 3, H, W] colour batch for plot.ImageGrid: digits the model
// classifies right in white on black, those it gets wrong in red.
func DigitGrid(test *data.Dataset, pred []int, idx []int) *tensor.Tensor {
	hw := test.Rows * test.Cols
	out := tensor.New(len(idx), 3, test.Rows, test.Cols)
	for i, k := range idx {
		px := test.Images.Data[k*hw : (k+1)*hw]
		r, g, b := out.Data[(3*i)*hw:][:hw], out.Data[(3*i+1)*hw:][:hw], out.Data[(3*i+2)*hw:][:hw]
		wrong := pred[k] != test.Labels[k]
		for j, p := range px {
			r[j], g[j], b[j] = p, p, p
			if wrong {
				r[j], g[j], b[j] = 0.3+0.7*p, 0.15*p, 0.15*p
			}
		}
	}
	return out
}

// WritePictures writes the tour's two figures: a grid of 80 test digits
// and 20 misclassified ones (in red; see Showcase) to gridPath and the training loss per
// step to curvePath. Both files are written atomically.
func WritePictures(res *Result, test *data.Dataset, gridPath, curvePath string) error {
	grid, err := plot.ImageGridWith(DigitGrid(test, res.Predictions, Showcase(res.Predictions, test.Labels, 100, 20)), plot.GridOptions{Cols: 10})
	if err != nil {
		return fmt.Errorf("foundations: digit grid: %w", err)
	}
	if err := plot.WritePNG(gridPath, grid); err != nil {
		return err
	}
	curve, err := plot.CurvesWith(plot.CurveOptions{
		Title:  fmt.Sprintf("MLP on MNIST: test accuracy %.2f%%", 100*res.TestAccuracy),
		XLabel: "step", YLabel: "cross-entropy (log scale)", Smooth: 50, LogY: true,
	}, []plot.Series{{Name: "training loss", Y: res.Losses}})
	if err != nil {
		return fmt.Errorf("foundations: loss curve: %w", err)
	}
	return plot.WritePNG(curvePath, curve)
}
