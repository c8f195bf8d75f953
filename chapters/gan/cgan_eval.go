package gan

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// DigitReader reads digits: the evaluation chapter's Classifier is one.
type DigitReader interface {
	// Predict returns the digit it reads in each image [N, 784].
	Predict(images *tensor.Tensor) []int
}

// ANCHOR: digit_accuracy

// DigitAccuracy asks the conditional generator g for perDigit samples of
// each of its classes, noise from rng, and returns the share of each
// class that clf (the evaluation classifier) reads as the digit asked for, and
// the mean of those shares: how well "ask for a 7, get a 7" holds.
func DigitAccuracy(g *ConditionalGenerator, clf DigitReader, perDigit int, rng *tensor.RNG) (perClass []float64, mean float64, err error) {
	if perDigit < 1 {
		return nil, 0, fmt.Errorf("gan: DigitAccuracy: %d samples per digit, want at least 1", perDigit)
	}
	labels := make([]int, g.Classes*perDigit)
	for i := range labels {
		labels[i] = i / perDigit
	}
	pred := clf.Predict(g.SampleDigits(labels, rng))
	perClass = make([]float64, g.Classes)
	for i, p := range pred {
		if p == labels[i] {
			perClass[labels[i]]++
		}
	}
	for k := range perClass {
		perClass[k] /= float64(perDigit)
		mean += perClass[k]
	}
	return perClass, mean / float64(g.Classes), nil
}

// ANCHOR_END: digit_accuracy
