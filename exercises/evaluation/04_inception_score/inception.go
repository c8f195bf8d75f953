// Package inception is an exercise: the Inception Score of a table of
// class probabilities.
//
// Salimans et al. (2016) score generated images x by the class
// probabilities p(y|x) a classifier gives them (Inception v3 on ImageNet;
// the evaluation chapter uses a digit classifier). A good generator makes
// images the classifier is sure about (each p(y|x) peaked) and of every
// class (the marginal p(y) = mean over x of p(y|x) spread out). The score
// rewards both at once:
//
//	IS = exp( mean over x of KL(p(y|x) ‖ p(y)) ),
//	KL(p ‖ q) = Σ_y p_y log(p_y / q_y)   (natural logarithm)
//
// with 0·log 0 = 0: a class a row gives probability 0 adds nothing. IS
// runs from 1 (every row equal to the marginal: nothing is learned from
// an image, or all images look alike) to K, the number of classes (every
// row one-hot and the classes balanced).
//
// The paper averages the score over 10 splits of 5,000 images and reports
// the mean and standard deviation; this exercise scores one split.
//
// See the chapter section "The Inception Score" in
// chapters/evaluation/README.md.
package inception

import "github.com/luoxia/aigc/lib/tensor"

// Score returns the Inception Score of p, a tensor of shape [N, K] whose
// row i is p(y|x_i), a probability distribution over K classes. For N = 0
// the score is undefined and Score returns NaN.
func Score(p *tensor.Tensor) float64 {
	// TODO: the marginal p(y) first (a mean over rows), then the mean KL,
	// then exp.
	return 0
}
