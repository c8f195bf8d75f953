package data

import (
	"math"
	"reflect"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// checkDeterministic asserts shape [n, 2], that gen(seed) repeats exactly and
// that another seed gives other points.
func checkDeterministic(t *testing.T, name string, n int, gen func(seed uint64) (*tensor.Tensor, []int)) {
	t.Helper()
	a, la := gen(1)
	b, lb := gen(1)
	c, _ := gen(2)
	if !reflect.DeepEqual(a.Shape, []int{n, 2}) {
		t.Fatalf("%s: shape %v, want [%d 2]", name, a.Shape, n)
	}
	if la != nil && len(la) != n {
		t.Fatalf("%s: %d labels for %d points", name, len(la), n)
	}
	if !reflect.DeepEqual(a.Data, b.Data) || !reflect.DeepEqual(la, lb) {
		t.Errorf("%s: the same seed gave different points", name)
	}
	if reflect.DeepEqual(a.Data, c.Data) {
		t.Errorf("%s: seeds 1 and 2 gave the same points", name)
	}
}

// checkMixture asserts that each point lies near its mode's centre, that the
// offsets have standard deviation std per coordinate, and that every mode
// holds about its share n/k of the points (within 5 binomial deviations).
func checkMixture(t *testing.T, name string, x *tensor.Tensor, mode []int, centres [][2]float64, std float64) {
	t.Helper()
	n, k := len(mode), len(centres)
	counts := make([]int, k)
	var sumSq float64
	for i, m := range mode {
		dx, dy := x.Data[2*i]-centres[m][0], x.Data[2*i+1]-centres[m][1]
		if math.Hypot(dx, dy) > 6*std {
			t.Fatalf("%s: point %d (%.3f, %.3f) is %.1f std from its mode %d's centre %v",
				name, i, x.Data[2*i], x.Data[2*i+1], math.Hypot(dx, dy)/std, m, centres[m])
		}
		counts[m]++
		sumSq += dx*dx + dy*dy
	}
	if got := math.Sqrt(sumSq / float64(2*n)); math.Abs(got-std) > 0.05*std {
		t.Errorf("%s: spread around the centres %.4f, want %.4f", name, got, std)
	}
	p := 1 / float64(k)
	sd := math.Sqrt(float64(n) * p * (1 - p))
	for m, c := range counts {
		if math.Abs(float64(c)-float64(n)*p) > 5*sd {
			t.Errorf("%s: mode %d holds %d points, want about %.0f", name, m, c, float64(n)*p)
		}
	}
}

func TestRing(t *testing.T) {
	const n, modes, radius, std = 8000, 8, 2.0, 0.02
	checkDeterministic(t, "Ring", n, func(seed uint64) (*tensor.Tensor, []int) { return Ring(n, modes, radius, std, seed) })
	x, mode := Ring(n, modes, radius, std, 42)
	centres := make([][2]float64, modes)
	for k := range centres {
		a := 2 * math.Pi * float64(k) / modes
		centres[k] = [2]float64{radius * math.Cos(a), radius * math.Sin(a)}
	}
	checkMixture(t, "Ring", x, mode, centres, std)
	var r float64
	for i := 0; i < n; i++ {
		r += math.Hypot(x.Data[2*i], x.Data[2*i+1])
	}
	if r /= n; math.Abs(r-radius) > 0.01 {
		t.Errorf("mean radius %.4f, want %.1f", r, radius)
	}
	if x0, _ := Ring(0, modes, radius, std, 1); !reflect.DeepEqual(x0.Shape, []int{0, 2}) {
		t.Errorf("Ring(0 points) shape %v", x0.Shape)
	}
	mustPanic(t, func() { Ring(10, 0, 1, 0.1, 1) }, "0 modes")
	mustPanic(t, func() { Ring(-1, 8, 1, 0.1, 1) }, "-1 points")
	mustPanic(t, func() { Ring(10, 8, 1, -0.1, 1) }, "standard deviation -0.1")
}

func TestGrid(t *testing.T) {
	const n, side, spacing, std = 10000, 5, 2.0, 0.05
	checkDeterministic(t, "Grid", n, func(seed uint64) (*tensor.Tensor, []int) { return Grid(n, side, spacing, std, seed) })
	x, mode := Grid(n, side, spacing, std, 42)
	centres := make([][2]float64, side*side)
	for k := range centres {
		// The centres are -4, -2, 0, 2, 4 on each axis.
		centres[k] = [2]float64{-4 + 2*float64(k%side), -4 + 2*float64(k/side)}
	}
	checkMixture(t, "Grid", x, mode, centres, std)
	mustPanic(t, func() { Grid(10, 0, 1, 0.1, 1) }, "side 0")
}

func TestTwoMoons(t *testing.T) {
	const n = 4000
	checkDeterministic(t, "TwoMoons", n, func(seed uint64) (*tensor.Tensor, []int) { return TwoMoons(n, 0.1, seed) })
	// Without noise every point lies exactly on its half circle.
	x, moon := TwoMoons(n, 0, 5)
	ones := 0
	for i, m := range moon {
		px, py := x.Data[2*i], x.Data[2*i+1]
		cx, cy, side := 0.0, 0.0, py >= 0 // moon 0: upper half of the unit circle at the origin
		if m == 1 {
			ones++
			cx, cy, side = 1, 0.5, py <= 0.5 // moon 1: lower half of the unit circle at (1, 1/2)
		}
		if r := math.Hypot(px-cx, py-cy); math.Abs(r-1) > 1e-12 || !side {
			t.Fatalf("point %d (%.3f, %.3f) of moon %d is not on its half circle (r=%v)", i, px, py, m, r)
		}
	}
	if math.Abs(float64(ones)-n/2) > 5*math.Sqrt(n/4.0) {
		t.Errorf("%d of %d points on moon 1, want about half", ones, n)
	}
	// With noise, the points spread off the circles by about the noise.
	x, moon = TwoMoons(n, 0.1, 5)
	var sq float64
	for i, m := range moon {
		cx, cy := 0.0, 0.0
		if m == 1 {
			cx, cy = 1, 0.5
		}
		d := math.Hypot(x.Data[2*i]-cx, x.Data[2*i+1]-cy) - 1
		sq += d * d
	}
	if rms := math.Sqrt(sq / n); rms < 0.08 || rms > 0.12 {
		t.Errorf("noisy moons: rms distance to the circles %.3f, want about 0.1", rms)
	}
}

func TestSwissRoll(t *testing.T) {
	const n = 4000
	checkDeterministic(t, "SwissRoll", n, func(seed uint64) (*tensor.Tensor, []int) { return SwissRoll(n, 0.5, seed), nil })
	// Without noise, a point at distance r from the origin has angle r (mod 2π):
	// the spiral (t cos t, t sin t) for t in [3π/2, 9π/2].
	x := SwissRoll(n, 0, 9)
	var mean float64
	for i := 0; i < n; i++ {
		px, py := x.Data[2*i], x.Data[2*i+1]
		r := math.Hypot(px, py)
		if r < 1.5*math.Pi-1e-9 || r > 4.5*math.Pi+1e-9 {
			t.Fatalf("point %d at radius %v, outside [3π/2, 9π/2]", i, r)
		}
		if d := math.Remainder(math.Atan2(py, px)-r, 2*math.Pi); math.Abs(d) > 1e-9 {
			t.Fatalf("point %d (%.3f, %.3f) is off the spiral by angle %v", i, px, py, d)
		}
		mean += r
	}
	// t is uniform, so the mean radius is the middle of the range, 3π.
	if mean /= n; math.Abs(mean-3*math.Pi) > 0.15 {
		t.Errorf("mean radius %.3f, want about 3π = %.3f", mean, 3*math.Pi)
	}
}
