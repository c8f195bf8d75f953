//go:build graded

package interp

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// near reports whether the vectors have the same length and agree within
// tol, relative to the larger entry when it exceeds 1.
func near(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		if math.IsNaN(got[i]) || math.Abs(got[i]-want[i]) > tol*math.Max(1, math.Abs(want[i])) {
			return false
		}
	}
	return true
}

func norm(z []float64) float64 {
	s := 0.0
	for _, v := range z {
		s += v * v
	}
	return math.Sqrt(s)
}

// angle returns the angle between a and b, in radians.
func angle(a, b []float64) float64 {
	dot := 0.0
	for i := range a {
		dot += a[i] * b[i]
	}
	return math.Acos(math.Max(-1, math.Min(1, dot/(norm(a)*norm(b)))))
}

// times returns s·z, multiplied at run time (a constant expression such as
// 3 * 0.1 would be exact, and round differently).
func times(s float64, z []float64) []float64 {
	out := make([]float64, len(z))
	for i, v := range z {
		out[i] = s * v
	}
	return out
}

// panics runs f and reports whether it panicked.
func panics(f func()) (did bool) {
	defer func() {
		if recover() != nil {
			did = true
		}
	}()
	f()
	return false
}

func TestLerp(t *testing.T) {
	z0, z1 := []float64{0, 4, -2}, []float64{2, 0, 2}
	cases := []struct {
		t    float64
		want []float64
	}{
		{0.5, []float64{1, 2, 0}},
		{0.25, []float64{0.5, 3, -1}},
		{0.75, []float64{1.5, 1, 1}},
		// Past the ends the line goes on: t = 2 is z1 + (z1 - z0).
		{2, []float64{4, -4, 6}},
		{-1, []float64{-2, 8, -6}},
	}
	for _, c := range cases {
		if got := Lerp(z0, z1, c.t); !near(got, c.want, 1e-15) {
			t.Errorf("Lerp(%v, %v, t %g) = %v, want %v = (1 - t)·z0 + t·z1", z0, z1, c.t, got, c.want)
		}
	}
	if fmt.Sprint(z0, z1) != "[0 4 -2] [2 0 2]" {
		t.Errorf("Lerp changed its inputs to %v and %v: return a new slice", z0, z1)
	}
	if got := Lerp(nil, nil, 0.5); len(got) != 0 {
		t.Errorf("Lerp of two empty codes = %v, want an empty code", got)
	}
}

// TestEndpointsExact: the ends of a walk are the two codes themselves,
// bit for bit, even when they differ hugely in size.
func TestEndpointsExact(t *testing.T) {
	pairs := [][2][]float64{
		{{1e20, 0.1, -3}, {1, 0.7, 5}},
		{{0.1, 0.2, 0.3}, {-0.7, 1e-300, 123456.789}},
		{{1, -1e16}, {1e-3, 7}},
	}
	for _, p := range pairs {
		z0, z1 := p[0], p[1]
		if got := Lerp(z0, z1, 0); fmt.Sprint(got) != fmt.Sprint(z0) {
			t.Errorf("Lerp(%v, %v, 0) = %v, want z0 exactly", z0, z1, got)
		}
		if got := Lerp(z0, z1, 1); fmt.Sprint(got) != fmt.Sprint(z1) {
			t.Errorf("Lerp(%v, %v, 1) = %v, want z1 exactly: (1 - t)·z0 + t·z1 gives it; z0 + t·(z1 - z0) can round it away", z0, z1, got)
		}
		path := Path(z0, z1, 7)
		if len(path) != 7 || fmt.Sprint(path[0]) != fmt.Sprint(z0) || fmt.Sprint(path[6]) != fmt.Sprint(z1) {
			t.Errorf("Path(%v, %v, 7) = %v, want 7 points from exactly z0 to exactly z1", z0, z1, path)
		}
		for _, tt := range []float64{0, 1} {
			want := z0
			if tt == 1 {
				want = z1
			}
			if got := Slerp(z0, z1, tt); !near(got, want, 1e-13) {
				t.Errorf("Slerp(%v, %v, %g) = %v, want %v", z0, z1, tt, got, want)
			}
		}
	}
}

func TestPath(t *testing.T) {
	z0, z1 := []float64{1, -2, 0.5}, []float64{-0.2, 3, 0.5}
	for _, n := range []int{2, 3, 5, 10, 101} {
		path := Path(z0, z1, n)
		if len(path) != n {
			t.Errorf("Path(z0, z1, %d) has %d points, want %d", n, len(path), n)
			continue
		}
		// Evenly spaced: every step is (z1 - z0)/(n - 1).
		for i := 1; i < n; i++ {
			for j := range z0 {
				step := path[i][j] - path[i-1][j]
				want := (z1[j] - z0[j]) / float64(n-1)
				if math.IsNaN(step) || math.Abs(step-want) > 1e-12 {
					t.Errorf("Path(%v, %v, %d): step %d in dimension %d is %.15g, want (z1 - z0)/(n - 1) = %.15g", z0, z1, n, i, j, step, want)
					i = n
					break
				}
			}
		}
	}
	// The points are new slices: editing one leaves z0, z1 and the others alone.
	path := Path(z0, z1, 3)
	if len(path) == 3 {
		path[0][0], path[2][1] = 99, 99
		if z0[0] != 1 || z1[1] != 3 || path[1][0] == 99 {
			t.Errorf("writing into Path's points changed z0 to %v or z1 to %v: copy the ends", z0, z1)
		}
	}
	if !panics(func() { Path(z0, z1, 1) }) || !panics(func() { Path(z0, z1, 0) }) {
		t.Errorf("Path with fewer than 2 points did not panic: a path has two ends, and i/(n - 1) is 0/0 for n = 1")
	}
}

func TestSlerp(t *testing.T) {
	h := math.Sqrt(0.5)
	cases := []struct {
		name   string
		z0, z1 []float64
		t      float64
		want   []float64
	}{
		// A quarter circle: Ω = π/2, sin Ω = 1, weights sin(π/4) each.
		{"orthogonal unit codes, halfway", []float64{1, 0}, []float64{0, 1}, 0.5, []float64{h, h}},
		// At t = 1/3 the angle from z0 is π/6.
		{"orthogonal unit codes, a third", []float64{1, 0}, []float64{0, 1}, 1.0 / 3, []float64{math.Sqrt(3) / 2, 0.5}},
		// Different norms: the weights do not depend on them, sin(π/4)·(2, 0) + sin(π/4)·(0, 1).
		{"different norms", []float64{2, 0}, []float64{0, 1}, 0.5, []float64{2 * h, h}},
		// Ω = 2π/3: weights sin(π/3)/sin(2π/3) = 1 each, giving (1, 0) + (-½, √3/2).
		{"120 degrees", []float64{1, 0}, []float64{-0.5, math.Sqrt(3) / 2}, 0.5, []float64{0.5, math.Sqrt(3) / 2}},
		// Parallel codes: Ω = 0, and slerp's limit is lerp.
		{"parallel codes", []float64{0.1, 0.2, 0.3}, []float64{0.3, 0.6, 0.9}, 0.5, []float64{0.2, 0.4, 0.6}},
		// z1 = 3·z0, multiplied out in float64: the computed cos Ω is
		// 1.0000000000000002, and math.Acos of it is NaN.
		{"parallel codes, cos Ω rounded above 1", []float64{0.1, 0.7}, times(3, []float64{0.1, 0.7}), 0.5, []float64{0.2, 1.4}},
		{"parallel codes, cos Ω rounded above 1 again", []float64{0.2, 0.3}, times(3, []float64{0.2, 0.3}), 0.25, []float64{0.3, 0.45}},
		{"the same code", []float64{3, -4}, []float64{3, -4}, 0.3, []float64{3, -4}},
		// Opposite codes: no single arc; lerp passes through the origin.
		{"opposite codes", []float64{1, 2}, []float64{-1, -2}, 0.5, []float64{0, 0}},
		{"a zero code", []float64{0, 0}, []float64{2, 4}, 0.25, []float64{0.5, 1}},
	}
	for _, c := range cases {
		got := Slerp(c.z0, c.z1, c.t)
		if !near(got, c.want, 1e-12) {
			why := ""
			if len(got) == len(c.want) && len(got) > 0 && math.IsNaN(got[0]) {
				why = ": NaN, from math.Acos of a cos Ω rounded past ±1, or from 0/0 where sin Ω = 0; clamp, and fall back to Lerp"
			}
			t.Errorf("%s: Slerp(%v, %v, t %.4g) = %v, want %v%s", c.name, c.z0, c.z1, c.t, got, c.want, why)
		}
	}

	// Along a 100° arc between unit codes in 3-D, the norm stays 1 and the
	// angle from z0 grows by equal steps (true for codes of equal norm).
	z0 := []float64{1, 0, 0}
	z1 := []float64{math.Cos(100 * math.Pi / 180), 0, math.Sin(100 * math.Pi / 180)}
	omega := angle(z0, z1)
	for i := 0; i <= 8; i++ {
		tt := float64(i) / 8
		p := Slerp(z0, z1, tt)
		if len(p) != 3 {
			t.Errorf("Slerp of 3-D codes returned %d values", len(p))
			break
		}
		if math.Abs(norm(p)-1) > 1e-12 {
			t.Errorf("Slerp(unit z0, unit z1, t %g) has norm %.15g, want 1: the arc stays on the sphere", tt, norm(p))
		}
		if i > 0 && math.Abs(angle(z0, p)-tt*omega) > 1e-9 {
			t.Errorf("Slerp(z0, z1, t %g) is %.6f rad from z0, want t·Ω = %.6f", tt, angle(z0, p), tt*omega)
		}
	}
}

// TestHighDimensionalMidpoint: two codes drawn from N(0, I) in 512
// dimensions have norms near √512 and are nearly orthogonal. The middle
// of the line between them is near √(512/2) from the origin, off the
// shell where the prior's codes lie; the middle of the arc stays on it.
func TestHighDimensionalMidpoint(t *testing.T) {
	const j = 512
	rng := rand.New(rand.NewPCG(9, 10))
	shell := math.Sqrt(j)
	for trial := 0; trial < 5; trial++ {
		z0, z1 := make([]float64, j), make([]float64, j)
		for i := range z0 {
			z0[i], z1[i] = rng.NormFloat64(), rng.NormFloat64()
		}
		lin, sph := Lerp(z0, z1, 0.5), Slerp(z0, z1, 0.5)
		if len(lin) != j || len(sph) != j {
			t.Fatalf("Lerp and Slerp of %d-dimensional codes returned %d and %d values", j, len(lin), len(sph))
		}
		if r := norm(lin) / shell; math.Abs(r-math.Sqrt(0.5)) > 0.08 {
			t.Errorf("trial %d: |lerp midpoint|/√J = %.3f, want about √½ = 0.707: the line cuts inside the shell", trial, r)
		}
		if r := norm(sph) / shell; math.Abs(r-1) > 0.1 {
			t.Errorf("trial %d: |slerp midpoint|/√J = %.3f, want about 1: the arc keeps to the shell", trial, r)
		}
	}
}
