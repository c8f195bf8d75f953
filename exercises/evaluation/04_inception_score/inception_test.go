//go:build graded

package inception

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

func table(rows ...[]float64) *tensor.Tensor {
	if len(rows) == 0 {
		return tensor.New(0, 3)
	}
	var data []float64
	for _, r := range rows {
		data = append(data, r...)
	}
	return tensor.FromSlice(data, len(rows), len(rows[0]))
}

func check(t *testing.T, name string, p *tensor.Tensor, want float64) {
	t.Helper()
	got := Score(p)
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s: Score = %g, want NaN", name, got)
		}
		return
	}
	if math.IsNaN(got) || math.Abs(got-want) > 1e-9 {
		t.Errorf("%s: Score = %g, want %g", name, got, want)
	}
}

// TestUniformIsOne: when every row is the uniform distribution, every row
// equals the marginal, every KL is 0 and IS = e^0 = 1. The same two
// classes, each image now sure of its own, score the other end of the
// range, K = 2: the score depends on the rows, not only on their shape.
func TestUniformIsOne(t *testing.T) {
	q := 0.25
	check(t, "4 uniform rows over 4 classes", table(
		[]float64{q, q, q, q}, []float64{q, q, q, q}, []float64{q, q, q, q}, []float64{q, q, q, q}), 1)
	check(t, "1 uniform row over 2 classes", table([]float64{0.5, 0.5}), 1)
	check(t, "2 one-hot rows over 2 classes", table([]float64{1, 0}, []float64{0, 1}), 2)
}

// TestConfidentRows: one-hot rows. Each KL is log(1/p(y)) for the row's
// class y, so IS = exp(entropy of the marginal).
func TestConfidentRows(t *testing.T) {
	// Balanced over K = 3: p(y) = 1/3, every KL is log 3, IS = 3.
	check(t, "confident and balanced, K = 3", table(
		[]float64{1, 0, 0}, []float64{0, 1, 0}, []float64{0, 0, 1},
		[]float64{0, 0, 1}, []float64{0, 1, 0}, []float64{1, 0, 0}), 3)
	// Balanced over K = 4, one image per class: IS = 4.
	check(t, "confident and balanced, K = 4", table(
		[]float64{0, 0, 0, 1}, []float64{0, 0, 1, 0}, []float64{0, 1, 0, 0}, []float64{1, 0, 0, 0}), 4)
	// Mode collapse: confident, but always class 0. p(y) = (1, 0, 0), KL 0, IS 1.
	check(t, "collapsed to one class", table(
		[]float64{1, 0, 0}, []float64{1, 0, 0}, []float64{1, 0, 0}), 1)
	// Unbalanced: three images of class 0, one of class 1. p(y) = (3/4, 1/4),
	// mean KL = (3·log(4/3) + log 4)/4, IS = (4/3)^{3/4}·4^{1/4} ≈ 1.7548.
	check(t, "confident, unbalanced 3:1", table(
		[]float64{1, 0}, []float64{1, 0}, []float64{0, 1}, []float64{1, 0}), math.Pow(4.0/3, 0.75)*math.Pow(4, 0.25))
}

// TestHandWorked2x2: rows (1, 0) and (1/2, 1/2). p(y) = (3/4, 1/4).
// KL1 = 1·log(1/(3/4)) = log(4/3) (the 0·log 0 term adds nothing);
// KL2 = 1/2·log((1/2)/(3/4)) + 1/2·log((1/2)/(1/4)) = 1/2·log(2/3) + 1/2·log 2 = 1/2·log(4/3).
// Mean = 3/4·log(4/3), so IS = (4/3)^{3/4} ≈ 1.2408.
func TestHandWorked2x2(t *testing.T) {
	check(t, "rows (1, 0) and (1/2, 1/2)", table([]float64{1, 0}, []float64{0.5, 0.5}), math.Pow(4.0/3, 0.75))
	check(t, "the same rows in the other order", table([]float64{0.5, 0.5}, []float64{1, 0}), math.Pow(4.0/3, 0.75))
}

// TestEdgeCases: a single image (its row is the marginal) scores 1, and
// no images at all have no score.
func TestEdgeCases(t *testing.T) {
	check(t, "one confident image", table([]float64{0, 1, 0}), 1)
	check(t, "one unsure image", table([]float64{0.2, 0.3, 0.5}), 1)
	check(t, "no images", table(), math.NaN())
}
