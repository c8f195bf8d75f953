package evaluation

import (
	"fmt"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// ImageScores are the numbers the book reports for a set of generated
// digits, all measured through the evaluation classifier.
type ImageScores struct {
	N         int     // images scored
	FID       float64 // MNIST-FID: Fréchet distance of feature Gaussians, against the reference digits
	IS, ISStd float64 // MNIST-IS: mean and standard deviation over the splits
	Precision float64 // share of images inside the reference digits' feature manifold
	Recall    float64 // share of reference digits inside the images' feature manifold
	Classes   []int   // how many images the classifier assigns to each digit 0..9
	// ClassKL is KL(classes ‖ uniform) in nats, the share of images per
	// digit against a tenth each: 0 when every digit is equally common,
	// ln 10 ≈ 2.30 when all images are one digit. As the classifier reads
	// them, MNIST's test digits score 0.0018 and the first 10,000 training
	// digits 0.0023. It shows a model favouring some digits over others.
	ClassKL float64
}

// ScoreOptions are the conventions behind ImageScores.
type ScoreOptions struct {
	// Splits is the number of chunks the Inception Score is averaged over
	// (10 in Salimans et al. 2016).
	Splits int
	// K is the neighbour whose distance sets each point's radius in
	// precision and recall (3 in Kynkäänniemi et al. 2019).
	K int
	// MaxPR caps the images (and reference digits) used for precision
	// and recall, whose cost grows with the square of their number
	// (0: 5,000).
	MaxPR int
}

// DefaultScoreOptions follows the papers' conventions.
func DefaultScoreOptions() ScoreOptions { return ScoreOptions{Splits: 10, K: 3, MaxPR: 5000} }

// ANCHOR: score

// Score measures images [N, 784] (grey levels in [0, 1]) against reference
// digits [M, 784], usually MNIST's 10,000 test digits.
func (c *Classifier) Score(images, reference *tensor.Tensor, opt ScoreOptions) (ImageScores, error) {
	if err := checkImages("images", images); err != nil {
		return ImageScores{}, err
	}
	if err := checkImages("reference", reference); err != nil {
		return ImageScores{}, err
	}
	fImg, pImg := c.Embed(images)
	fRef, _ := c.Embed(reference)
	s := ImageScores{N: images.Shape[0], Classes: make([]int, 10)}
	var err error
	if s.FID, err = metrics.FID(fRef, fImg); err != nil {
		return s, fmt.Errorf("MNIST-FID: %w", err)
	}
	splits := opt.Splits
	if splits > s.N {
		splits = s.N
	}
	if s.IS, s.ISStd, err = metrics.InceptionScore(pImg, splits); err != nil {
		return s, fmt.Errorf("MNIST-IS: %w", err)
	}
	maxPR := opt.MaxPR
	if maxPR <= 0 {
		maxPR = 5000
	}
	if s.Precision, s.Recall, err = metrics.PrecisionRecall(head(fRef, maxPR), head(fImg, maxPR), opt.K); err != nil {
		return s, fmt.Errorf("precision and recall: %w", err)
	}
	for _, k := range tensor.ArgMax(pImg) {
		s.Classes[k]++
	}
	share, uniform := make([]float64, 10), make([]float64, 10)
	for k, n := range s.Classes {
		share[k], uniform[k] = float64(n)/float64(s.N), 0.1
	}
	if s.ClassKL, err = metrics.KLDiscrete(share, uniform); err != nil {
		return s, fmt.Errorf("class KL: %w", err)
	}
	return s, nil
}

// ANCHOR_END: score

// FID is the MNIST-FID of images [N, 784] against reference [M, 784].
func (c *Classifier) FID(images, reference *tensor.Tensor) (float64, error) {
	if err := checkImages("images", images); err != nil {
		return 0, err
	}
	if err := checkImages("reference", reference); err != nil {
		return 0, err
	}
	fImg, _ := c.Embed(images)
	fRef, _ := c.Embed(reference)
	return metrics.FID(fRef, fImg)
}

// checkImages refuses anything but a batch of at least two 28×28 digits.
func checkImages(what string, t *tensor.Tensor) error {
	if len(t.Shape) != 2 || t.Shape[1] != data.MNISTPixels {
		return fmt.Errorf("%s: shape %v, want [N, %d] (28×28 grey images)", what, t.Shape, data.MNISTPixels)
	}
	if t.Shape[0] < 2 {
		return fmt.Errorf("%s: %d images; a covariance needs at least 2", what, t.Shape[0])
	}
	return nil
}

// head is the first n rows of t (t itself when it has no more).
func head(t *tensor.Tensor, n int) *tensor.Tensor {
	if t.Shape[0] <= n {
		return t
	}
	return tensor.Slice(t, 0, 0, n)
}
