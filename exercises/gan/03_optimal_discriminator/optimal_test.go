//go:build graded

package optimald

import (
	"math"
	"testing"
)

func TestOptimalD(t *testing.T) {
	cases := []struct {
		name      string
		pData, pG []float64
		want      []float64
	}{
		// p_g = p_data: D can only guess.
		{"equal", []float64{0.5, 0.5}, []float64{0.5, 0.5}, []float64{0.5, 0.5}},
		// Worked by hand: 2/3 and 2/5.
		{"by hand", []float64{0.5, 0.5}, []float64{0.25, 0.75}, []float64{2.0 / 3, 0.4}},
		// Where only one has mass D* is certain; where neither has, 1/2.
		{"zeros", []float64{0.5, 0.5, 0, 0}, []float64{0, 0.5, 0.5, 0}, []float64{1, 0.5, 0, 0.5}},
		{"disjoint supports", []float64{1, 0}, []float64{0, 1}, []float64{1, 0}},
		// Unnormalised densities: only their ratio counts.
		{"densities", []float64{2, 6}, []float64{6, 2}, []float64{0.25, 0.75}},
		{"no cells", []float64{}, []float64{}, []float64{}},
	}
	for _, c := range cases {
		got := OptimalD(c.pData, c.pG)
		if got == nil || len(got) != len(c.want) {
			t.Errorf("%s: OptimalD(%v, %v) = %v, want %v", c.name, c.pData, c.pG, got, c.want)
			continue
		}
		for i := range got {
			if math.IsNaN(got[i]) || math.Abs(got[i]-c.want[i]) > 1e-12 {
				t.Errorf("%s: OptimalD(%v, %v) = %v, want %v", c.name, c.pData, c.pG, got, c.want)
				break
			}
		}
	}
}

func TestJSD(t *testing.T) {
	l2 := math.Log(2)
	cases := []struct {
		name string
		p, q []float64
		want float64
	}{
		{"equal", []float64{0.2, 0.3, 0.5}, []float64{0.2, 0.3, 0.5}, 0},
		// m = (1/2, 1/2): each KL is 1·log(1/(1/2)) = log 2, the maximum.
		{"disjoint", []float64{1, 0}, []float64{0, 1}, l2},
		{"disjoint, three cells", []float64{0.5, 0.5, 0}, []float64{0, 0, 1}, l2},
		// m = (1/4, 1/2, 1/4). KL(p‖m) = 1/2·log 2 + 1/2·log 1, KL(q‖m) the same.
		{"half overlap", []float64{0.5, 0.5, 0}, []float64{0, 0.5, 0.5}, l2 / 2},
		// m = (3/8, 5/8). KL(p‖m) = 1/2·log(4/3) + 1/2·log(4/5) = 1/2·log(16/15);
		// KL(q‖m) = 1/4·log(2/3) + 3/4·log(6/5).
		{"by hand", []float64{0.5, 0.5}, []float64{0.25, 0.75},
			math.Log(16.0/15)/4 + math.Log(2.0/3)/8 + 3*math.Log(1.2)/8},
		{"by hand, swapped (JSD is symmetric)", []float64{0.25, 0.75}, []float64{0.5, 0.5},
			math.Log(16.0/15)/4 + math.Log(2.0/3)/8 + 3*math.Log(1.2)/8},
	}
	for _, c := range cases {
		if got := JSD(c.p, c.q); math.IsNaN(got) || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: JSD(%v ‖ %v) = %.15g, want %.15g", c.name, c.p, c.q, got, c.want)
		}
	}
}

func TestValue(t *testing.T) {
	l2 := math.Log(2)
	cases := []struct {
		name         string
		pData, pG, d []float64
		want         float64
	}{
		// Two cells of 1/2·log(1/2) + 1/2·log(1/2): -2·log 2 = -log 4.
		{"equal, D = 1/2", []float64{0.5, 0.5}, []float64{0.5, 0.5}, []float64{0.5, 0.5}, -2 * l2},
		// Not optimal, so lower: 2·(1/2·log(3/4) + 1/2·log(1/4)) = log(3/16) < log(4/16).
		{"equal, D = 3/4", []float64{0.5, 0.5}, []float64{0.5, 0.5}, []float64{0.75, 0.75}, math.Log(3.0 / 16)},
		// 1·log 1 + (0·log 0 = 0) in cell 1; (0·log 0 = 0) + 1·log(1 - 0) in cell 2.
		{"disjoint, D certain and right", []float64{1, 0}, []float64{0, 1}, []float64{1, 0}, 0},
		// The generator's samples in cell 2 weigh log(1 - 1) = -Inf.
		{"D calls everything real", []float64{0.5, 0.5}, []float64{0, 1}, []float64{1, 1}, math.Inf(-1)},
		// 1/2·log(1/2) + 1/4·log(1/2) + 1/2·log(1/5) + 3/4·log(4/5).
		{"by hand", []float64{0.5, 0.5}, []float64{0.25, 0.75}, []float64{0.5, 0.2},
			0.5*math.Log(0.5) + 0.25*math.Log(0.5) + 0.5*math.Log(0.2) + 0.75*math.Log(0.8)},
	}
	for _, c := range cases {
		got := Value(c.pData, c.pG, c.d)
		if math.IsInf(c.want, -1) {
			if !math.IsInf(got, -1) {
				t.Errorf("%s: Value = %g, want -Inf", c.name, got)
			}
			continue
		}
		if math.IsNaN(got) || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: Value(%v, %v, %v) = %.15g, want %.15g", c.name, c.pData, c.pG, c.d, got, c.want)
		}
	}
}

// TestTheorem1: V(D*, G) worked out by hand, and Goodfellow et al.'s
// -log 4 + 2·JSD(p_data ‖ p_g) from the same hand-worked JSDs, agree.
func TestTheorem1(t *testing.T) {
	l2 := math.Log(2)
	cases := []struct {
		name      string
		pData, pG []float64
		want      float64 // V(D*, G)
	}{
		// D* = 1/2 everywhere, JSD = 0: the generator's optimum, -log 4.
		{"p_g = p_data", []float64{0.1, 0.2, 0.3, 0.4}, []float64{0.1, 0.2, 0.3, 0.4}, -2 * l2},
		// A cell neither uses: D* = 1/2 there, weighted by 0.
		{"p_g = p_data with an empty cell", []float64{1, 0}, []float64{1, 0}, -2 * l2},
		// D* = (1, 0): V = 0 = -log 4 + 2·log 2, the worst a generator can do.
		{"disjoint supports", []float64{1, 0}, []float64{0, 1}, 0},
		// D* = (1, 1/2, 0): V = 1/2·log 1 + (1/2·log(1/2) + 1/2·log(1/2)) + 1/2·log 1 = -log 2,
		// and -log 4 + 2·(log 2)/2 = -log 2.
		{"half overlap", []float64{0.5, 0.5, 0}, []float64{0, 0.5, 0.5}, -l2},
		// D* = (2/3, 2/5): V = 1/2·log(2/3) + 1/4·log(1/3) + 1/2·log(2/5) + 3/4·log(3/5)
		// ≈ -1.31865, and -log 4 + 2·JSD with the JSD of TestJSD gives the same.
		{"by hand", []float64{0.5, 0.5}, []float64{0.25, 0.75},
			0.5*math.Log(2.0/3) + 0.25*math.Log(1.0/3) + 0.5*math.Log(0.4) + 0.75*math.Log(0.6)},
	}
	for _, c := range cases {
		d := OptimalD(c.pData, c.pG)
		if len(d) != len(c.pData) {
			t.Errorf("%s: OptimalD returned %d values for %d cells", c.name, len(d), len(c.pData))
			continue
		}
		if v := Value(c.pData, c.pG, d); math.IsNaN(v) || math.Abs(v-c.want) > 1e-12 {
			t.Errorf("%s: V(D*, G) = %.15g, want %.15g", c.name, v, c.want)
		}
		if v := -2*l2 + 2*JSD(c.pData, c.pG); math.IsNaN(v) || math.Abs(v-c.want) > 1e-12 {
			t.Errorf("%s: -log 4 + 2·JSD = %.15g, want %.15g", c.name, v, c.want)
		}
	}
}
