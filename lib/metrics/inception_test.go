package metrics_test

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// oneHotRows returns a [len(classes), k] tensor whose row i puts all its
// probability on classes[i].
func oneHotRows(k int, classes ...int) *tensor.Tensor {
	t := tensor.New(len(classes), k)
	for i, c := range classes {
		t.Data[i*k+c] = 1
	}
	return t
}

// checkIS fails t unless InceptionScore(probs, splits) is (mean, std)
// within a relative 1e-12.
func checkIS(t *testing.T, what string, probs *tensor.Tensor, splits int, mean, std float64) {
	t.Helper()
	m, s, err := metrics.InceptionScore(probs, splits)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if !closeRel(m, mean, 1e-12) || math.Abs(s-std) > 1e-12*math.Max(1, std) {
		t.Errorf("%s: IS = %.15g ± %.15g, want %.15g ± %.15g", what, m, s, mean, std)
	}
}

func TestInceptionScoreExtremes(t *testing.T) {
	// Uniform predictions: p(y|x) = p(y) for every x, KL = 0, IS = 1.
	checkIS(t, "uniform", tensor.Full(0.2, 7, 5), 1, 1, 0)
	// Confident and balanced: KL(onehot_c ‖ uniform over K) = ln K, IS = K.
	checkIS(t, "one-hot, balanced over 4 classes", oneHotRows(4, 0, 1, 2, 3, 3, 2, 1, 0), 1, 4, 0)
	// Confident but all one class: p(y) is that one-hot too, IS = 1.
	checkIS(t, "one-hot, one class", oneHotRows(4, 2, 2, 2, 2, 2), 1, 1, 0)
}

func TestInceptionScoreByHand(t *testing.T) {
	// Rows (1, 0) and (½, ½): p(y) = (¾, ¼).
	// KL((1, 0) ‖ p(y)) = ln(1/¾) = ln(4/3).
	// KL((½, ½) ‖ p(y)) = ½ ln(½/¾) + ½ ln(½/¼) = ½ ln(2/3) + ½ ln 2 = ½ ln(4/3).
	// Mean KL = ¾ ln(4/3), so IS = (4/3)^{3/4}.
	probs := tensor.FromSlice([]float64{1, 0, 0.5, 0.5}, 2, 2)
	checkIS(t, "two rows", probs, 1, math.Pow(4.0/3, 0.75), 0)
	// Splitting into two single rows leaves each chunk its own marginal: 1 ± 0.
	checkIS(t, "two rows, two splits", probs, 2, 1, 0)
}

func TestInceptionScoreSplits(t *testing.T) {
	// Classes 0, 0, 1, 1: one chunk sees two balanced classes (IS = 2);
	// two chunks each see a single class (IS = 1 each).
	p := oneHotRows(3, 0, 0, 1, 1)
	checkIS(t, "one split", p, 1, 2, 0)
	checkIS(t, "two splits", p, 2, 1, 0)
	// Five rows in two chunks: rows [0, 5·1/2) = [0, 2) and [2, 5), as the
	// reference's i·N/splits boundaries put them. Chunk one holds classes
	// 0, 1 (IS = 2), chunk two 2, 2, 2 (IS = 1): mean 1.5, population
	// standard deviation 0.5. (Boundaries [0, 3), [3, 5) would give 2 ± 1.)
	checkIS(t, "uneven chunks", oneHotRows(3, 0, 1, 2, 2, 2), 2, 1.5, 0.5)
	// Three chunks with scores 3, 1, 2: mean 2, std √(2/3).
	checkIS(t, "three chunks", oneHotRows(3, 0, 1, 2, 1, 1, 1, 0, 2, 0, 2), 3, 2, math.Sqrt(2.0/3))
}

func TestInceptionScoreErrors(t *testing.T) {
	good := tensor.Full(0.5, 4, 2)
	_, _, err := metrics.InceptionScore(good, 0)
	wantErr(t, "splits = 0", err, "splits = 0")
	_, _, err = metrics.InceptionScore(good, 5)
	wantErr(t, "splits > N", err, "splits = 5", "4 rows")
	_, _, err = metrics.InceptionScore(tensor.Full(0.5, 4), 1)
	wantErr(t, "1-D probabilities", err, "[4]")
	bad := tensor.FromSlice([]float64{0.5, 0.5, 1, 0, 0.6, 0.5}, 3, 2)
	_, _, err = metrics.InceptionScore(bad, 1)
	wantErr(t, "row summing to 1.1", err, "row 2", "1.1")
	neg := tensor.FromSlice([]float64{0.5, 0.5, 1.5, -0.5}, 2, 2)
	_, _, err = metrics.InceptionScore(neg, 1)
	wantErr(t, "negative entry", err, "row 1", "-0.5")
	// Within the 1e-6 tolerance is fine.
	if _, _, err := metrics.InceptionScore(tensor.FromSlice([]float64{0.5, 0.5 + 1e-7}, 1, 2), 1); err != nil {
		t.Errorf("row summing to 1 + 1e-7: %v", err)
	}
}
