package gan

import (
	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/lib/tensor"
)

// CycleScores measure a CycleGAN on held-out digits.
type CycleScores struct {
	// KeptXY and KeptYX are the shares of translations, written → bold and
	// bold → written, that the evaluation classifier reads as the digit
	// they were translated from: the translation kept the content.
	KeptXY, KeptYX float64
	// CycleError is the mean absolute pixel error of the round trips
	// F(G(x)) ≈ x and G(F(y)) ≈ y, pixels in [0, 1].
	CycleError float64
	// InkX, InkY, InkGX and InkFY are mean pixel values: of written and of
	// bold digits, and of the translations into each. A translation into
	// the bold domain should carry about as much ink as bold digits do.
	InkX, InkY, InkGX, InkFY float64
}

// ANCHOR: cycle_scores

// Score translates held-out digits (images [n, 784] in [0, 1], with their
// labels) both ways and measures the translations with the evaluation
// classifier.
func (r *CycleResult) Score(images *tensor.Tensor, labels []int, clf *evaluation.Classifier) CycleScores {
	x := images
	y := Bold(images)
	gx, fy := r.G.Translate(x), r.F.Translate(y)
	back := tensor.Mean(tensor.Abs(tensor.Sub(r.F.Translate(gx), x)))
	forth := tensor.Mean(tensor.Abs(tensor.Sub(r.G.Translate(fy), y)))
	return CycleScores{
		KeptXY:     evaluation.Accuracy(clf.Predict(gx), labels),
		KeptYX:     evaluation.Accuracy(clf.Predict(fy), labels),
		CycleError: (back + forth) / 2,
		InkX:       tensor.Mean(x), InkY: tensor.Mean(y),
		InkGX: tensor.Mean(gx), InkFY: tensor.Mean(fy),
	}
}

// ANCHOR_END: cycle_scores
