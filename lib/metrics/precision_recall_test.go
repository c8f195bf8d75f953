package metrics_test

import (
	"math"
	"sort"
	"testing"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// checkPR fails t unless PrecisionRecall(real, fake, k) is exactly
// (precision, recall): both are counts over a set size.
func checkPR(t *testing.T, what string, real, fake *tensor.Tensor, k int, precision, recall float64) {
	t.Helper()
	p, r, err := metrics.PrecisionRecall(real, fake, k)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if p != precision || r != recall {
		t.Errorf("%s: precision, recall = %v, %v; want %v, %v", what, p, r, precision, recall)
	}
}

func TestPrecisionRecallByHand(t *testing.T) {
	// 1-D, k = 1; integer coordinates, so the distances are exact, and two
	// points get in only through a tie, testing that the balls are closed (≤).
	// Real 0, 1, 2, 20, 24, 60, 61: nearest-neighbour radii 1, 1, 1, 4, 4, 1, 1.
	// Fake 3, 6, 17, 22, 40: radii 3, 3, 5, 5, 18.
	// Precision: 3 is 1 from real 2, radius 1 (the tie; every other real
	//   ball misses it): in. 6 is 4 from 2 (radius 1), 14 from 20 (radius 4):
	//   out. 17 and 22 are 3 and 2 from 20 (radius 4): in. 40 is 16 from 24
	//   (radius 4), 20 from 60 (radius 1): out. 3 of 5.
	// Recall: 0 is 3 from fake 3, radius 3 (the tie; 6 from fake 6, radius
	//   3): in. 1 and 2 are 2 and 1 from fake 3: in. 20 is 3 from 17, 24 is 2
	//   from 22 (radius 5): in. 60 and 61 are 20 and 21 from 40 (radius 18),
	//   farther from the rest: out. 5 of 7.
	real := tensor.FromSlice([]float64{0, 1, 2, 20, 24, 60, 61}, 7, 1)
	fake := tensor.FromSlice([]float64{3, 6, 17, 22, 40}, 5, 1)
	checkPR(t, "1-D", real, fake, 1, 3.0/5, 5.0/7)
	// With k = 2 the balls grow: real radii 2, 1, 2, 18, 22, 36, 37 and
	// fake 14, 11, 11, 16, 23. Now 6 is 14 from 20 (radius 18) and 40 is 16
	// from 24 (radius 22); 60 and 61 are 20 and 21 from 40 (radius 23):
	// everything is covered both ways, the lone outlier 40 having bridged
	// the gap to the mode at 60.
	checkPR(t, "1-D, k = 2", real, fake, 2, 1, 1)
}

func TestPrecisionRecallSelf(t *testing.T) {
	g := tensor.NewRNG(8)
	x := tensor.RandN(g, 200, 5)
	checkPR(t, "a set against itself", x, x, metrics.DefaultNeighbours, 1, 1)
}

func TestPrecisionRecallDisjoint(t *testing.T) {
	g := tensor.NewRNG(9)
	real := tensor.RandN(g, 100, 4)
	fake := tensor.AddScalar(tensor.RandN(g, 120, 4), 1000)
	checkPR(t, "far-apart clusters", real, fake, metrics.DefaultNeighbours, 0, 0)
}

func TestPrecisionRecallModeDropped(t *testing.T) {
	// Real data has two modes, 100 apart; the generator reproduces mode A
	// exactly and never produces mode B. Every fake sample sits on a real
	// one (precision 1); mode A's real samples sit on fake ones, mode B's
	// are far from all of them (recall 1/2).
	g := tensor.NewRNG(10)
	modeA := tensor.RandN(g, 60, 3)
	modeB := tensor.AddScalar(tensor.RandN(g, 60, 3), 100)
	real := tensor.Concat(0, modeA, modeB)
	fake := tensor.Concat(0, modeA) // a copy
	checkPR(t, "mode dropped", real, fake, metrics.DefaultNeighbours, 1, 0.5)
}

// bruteForcePR is the definition written out with explicit distances
// and sorting: the reference for PrecisionRecall on random data.
func bruteForcePR(real, fake *tensor.Tensor, k int) (precision, recall float64) {
	d := real.Shape[1]
	dist := func(a *tensor.Tensor, i int, b *tensor.Tensor, j int) float64 {
		var s float64
		for c := 0; c < d; c++ {
			diff := a.Data[i*d+c] - b.Data[j*d+c]
			s += diff * diff
		}
		return math.Sqrt(s)
	}
	radii := func(x *tensor.Tensor) []float64 {
		n := x.Shape[0]
		out := make([]float64, n)
		for i := range out {
			var ds []float64
			for j := 0; j < n; j++ {
				if j != i {
					ds = append(ds, dist(x, i, x, j))
				}
			}
			sort.Float64s(ds)
			out[i] = ds[k-1]
		}
		return out
	}
	coverage := func(points, centres *tensor.Tensor, r []float64) float64 {
		in := 0
		for i := 0; i < points.Shape[0]; i++ {
			for j := 0; j < centres.Shape[0]; j++ {
				if dist(points, i, centres, j) <= r[j] {
					in++
					break
				}
			}
		}
		return float64(in) / float64(points.Shape[0])
	}
	return coverage(fake, real, radii(real)), coverage(real, fake, radii(fake))
}

func TestPrecisionRecallMatchesBruteForce(t *testing.T) {
	// Partly overlapping Gaussians, so that both answers are strictly
	// between 0 and 1; enough points (400) for two row blocks.
	g := tensor.NewRNG(11)
	real := tensor.RandN(g, 400, 6)
	fake := tensor.AddScalar(tensor.Scale(tensor.RandN(g, 300, 6), 0.6), 1.2)
	for _, k := range []int{1, 3, 10} {
		p, r, err := metrics.PrecisionRecall(real, fake, k)
		if err != nil {
			t.Fatal(err)
		}
		wp, wr := bruteForcePR(real, fake, k)
		if p != wp || r != wr {
			t.Errorf("k = %d: precision, recall = %v, %v; brute force %v, %v", k, p, r, wp, wr)
		}
		if p == 0 || p == 1 || r == 0 || r == 1 {
			t.Errorf("k = %d: precision, recall = %v, %v: the test wants values strictly inside (0, 1)", k, p, r)
		}
	}
}

func TestPrecisionRecallErrors(t *testing.T) {
	x, y := tensor.New(5, 2), tensor.New(8, 2)
	_, _, err := metrics.PrecisionRecall(x, y, 0)
	wantErr(t, "k = 0", err, "k = 0")
	_, _, err = metrics.PrecisionRecall(x, y, 5)
	wantErr(t, "k = N real", err, "k = 5", "5 real")
	_, _, err = metrics.PrecisionRecall(y, x, 5)
	wantErr(t, "k = N fake", err, "k = 5", "5 fake")
	_, _, err = metrics.PrecisionRecall(x, tensor.New(8, 3), 1)
	wantErr(t, "dimensions 2 and 3", err, "2", "3")
	_, _, err = metrics.PrecisionRecall(tensor.New(10), y, 1)
	wantErr(t, "1-D real", err, "real", "[10]")
}

func BenchmarkPrecisionRecall(b *testing.B) {
	g := tensor.NewRNG(12)
	real := tensor.RandN(g, 2000, 64)
	fake := tensor.AddScalar(tensor.RandN(g, 2000, 64), 0.1)
	for b.Loop() {
		if _, _, err := metrics.PrecisionRecall(real, fake, metrics.DefaultNeighbours); err != nil {
			b.Fatal(err)
		}
	}
}

// TestKNNRadiiByHand: on four points of a line at 0, 1, 3 and 6, the
// distance to the second nearest other point is 3, 2, 3 and 5.
func TestKNNRadiiByHand(t *testing.T) {
	pts := tensor.FromSlice([]float64{0, 0, 1, 0, 3, 0, 6, 0}, 4, 2)
	got, err := metrics.KNNRadii(pts, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{3, 2, 3, 5}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Fatalf("radii %v, want %v", got, want)
		}
	}
	if _, err := metrics.KNNRadii(pts, 4); err == nil {
		t.Error("k = 4 with 4 points gave no error")
	}
}

// TestInManifoldAgreesWithPrecisionRecall: the shares of points inside
// each other's manifolds are PrecisionRecall's two numbers.
func TestInManifoldAgreesWithPrecisionRecall(t *testing.T) {
	rng := tensor.NewRNG(3)
	real, fake := tensor.RandN(rng, 60, 3), tensor.AddScalar(tensor.RandN(rng, 50, 3), 0.7)
	p, r, err := metrics.PrecisionRecall(real, fake, 3)
	if err != nil {
		t.Fatal(err)
	}
	share := func(points, set *tensor.Tensor) float64 {
		in, err := metrics.InManifold(points, set, 3)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, b := range in {
			if b {
				n++
			}
		}
		return float64(n) / float64(len(in))
	}
	if got := share(fake, real); got != p {
		t.Errorf("share of fake points in the real manifold %g, precision %g", got, p)
	}
	if got := share(real, fake); got != r {
		t.Errorf("share of real points in the fake manifold %g, recall %g", got, r)
	}
	if p == 0 || p == 1 || r == 0 || r == 1 {
		t.Errorf("precision %g and recall %g: want sets that overlap in part", p, r)
	}
}
