package metrics_test

import (
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// By hand: (0, 0) is in to itself, and (3, 4) is 5 from (0, 0) but √20
// from (1, 0), so the mean is (0 + √20)/2.
func TestMeanNearestDistanceByHand(t *testing.T) {
	from := tensor.FromSlice([]float64{0, 0, 3, 4}, 2, 2)
	to := tensor.FromSlice([]float64{1, 0, 0, 0}, 2, 2)
	got, err := metrics.MeanNearestDistance(from, to)
	if err != nil {
		t.Fatal(err)
	}
	if want := (0 + math.Sqrt(20)) / 2; math.Abs(got-want) > 1e-12 {
		t.Errorf("MeanNearestDistance = %g, want %g", got, want)
	}
	if got, _ := metrics.MeanNearestDistance(to, from); math.Abs(got-0.5) > 1e-12 {
		t.Errorf("the other way = %g, want (1 + 0)/2", got)
	}
}

// It agrees with a brute-force loop on random points, across the blocks
// of rows the distances are computed in.
func TestMeanNearestDistanceBruteForce(t *testing.T) {
	rng := tensor.NewRNG(4)
	from, to := tensor.RandN(rng, 600, 3), tensor.RandN(rng, 90, 3)
	want := 0.0
	for i := 0; i < 600; i++ {
		best := math.Inf(1)
		for j := 0; j < 90; j++ {
			d := 0.0
			for k := 0; k < 3; k++ {
				d += (from.At(i, k) - to.At(j, k)) * (from.At(i, k) - to.At(j, k))
			}
			best = math.Min(best, math.Sqrt(d))
		}
		want += best / 600
	}
	got, err := metrics.MeanNearestDistance(from, to)
	if err != nil || math.Abs(got-want) > 1e-9 {
		t.Errorf("MeanNearestDistance = %g, %v; brute force %g", got, err, want)
	}
}

func TestMeanNearestDistanceErrors(t *testing.T) {
	good := tensor.New(3, 2)
	for _, c := range []struct {
		from, to *tensor.Tensor
		want     string
	}{
		{good, tensor.New(3, 3), "dimension 2 but to 3"},
		{tensor.New(0, 2), good, "want at least one"},
		{tensor.FromSlice([]float64{0, math.NaN()}, 1, 2), good, "from[0, 1] = NaN is not finite"},
	} {
		if _, err := metrics.MeanNearestDistance(c.from, c.to); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v against %v: error %v, want one saying %q", c.from.Shape, c.to.Shape, err, c.want)
		}
	}
}
