//go:build graded

package position

import (
	"math"
	"testing"
)

func TestSinusoidal(t *testing.T) {
	if got := Omega(0, 8); got != 1 {
		t.Errorf("Omega(0, 8) = %g, want 1: pair 0 turns one radian per position", got)
	}
	if got := Omega(1, 4); math.Abs(got-0.01) > 1e-15 {
		t.Errorf("Omega(1, 4) = %.17g, want 10000^{-1/2} = 0.01", got)
	}
	if got := Omega(3, 8); math.Abs(got-1e-3) > 1e-16 {
		t.Errorf("Omega(3, 8) = %.17g, want 10000^{-6/8} = 0.001", got)
	}
	cases := []struct {
		p, d int
		want []float64
	}{
		{0, 6, []float64{0, 1, 0, 1, 0, 1}},
		{1, 2, []float64{math.Sin(1), math.Cos(1)}},
		{1, 4, []float64{math.Sin(1), math.Cos(1), math.Sin(0.01), math.Cos(0.01)}},
		{50, 8, []float64{math.Sin(50), math.Cos(50), math.Sin(5), math.Cos(5), math.Sin(0.5), math.Cos(0.5), math.Sin(0.05), math.Cos(0.05)}},
	}
	for _, c := range cases {
		got := Sinusoidal(c.p, c.d)
		if len(got) != c.d {
			t.Errorf("Sinusoidal(%d, %d) has %d features, want %d", c.p, c.d, len(got), c.d)
			continue
		}
		for j := range got {
			if math.Abs(got[j]-c.want[j]) > 1e-14 {
				t.Errorf("Sinusoidal(%d, %d) = %v, want %v", c.p, c.d, got, c.want)
				break
			}
		}
	}
}

// TestShiftIsRotation: PE(p + k) = R_k PE(p) at many positions, offsets
// (negative ones too) and widths.
func TestShiftIsRotation(t *testing.T) {
	for _, d := range []int{2, 8, 64} {
		for _, k := range []int{0, 1, 2, 3, 17, 250, -1, -9} {
			r := Rotation(k, d)
			if !square(t, r, d, k) {
				return
			}
			for p := 0; p < 600; p += 7 {
				if p+k < 0 {
					continue
				}
				got := apply(r, Sinusoidal(p, d))
				want := Sinusoidal(p+k, d)
				for j := range want {
					if math.Abs(got[j]-want[j]) > 1e-9 {
						why := ""
						if back := apply(r, Sinusoidal(p+k, d)); k != 0 && near(back, Sinusoidal(p, d), 1e-9) {
							why = ": that is R_{-k}; check the signs of the sines against sin(a + b) and cos(a + b)"
						}
						t.Fatalf("d = %d, k = %d, p = %d: R_k PE(p) = %v..., want PE(p + k) = %v...%s", d, k, p, head(got), head(want), why)
					}
				}
			}
		}
	}
}

// TestRotationShape: R_k is block diagonal and orthogonal, R_0 = I, and
// R_j R_k = R_{j+k}: moving j then k is moving j + k.
func TestRotationShape(t *testing.T) {
	const d = 10
	for _, k := range []int{0, 1, 5, -3, 1000} {
		r := Rotation(k, d)
		if !square(t, r, d, k) {
			return
		}
		for a := 0; a < d; a++ {
			for b := 0; b < d; b++ {
				if a/2 != b/2 && r[a][b] != 0 {
					t.Fatalf("Rotation(%d, %d)[%d][%d] = %g: want 0 outside the 2×2 blocks of each feature pair", k, d, a, b, r[a][b])
				}
				rrT := 0.0
				for c := 0; c < d; c++ {
					rrT += r[a][c] * r[b][c]
				}
				want := 0.0
				if a == b {
					want = 1
				}
				if math.Abs(rrT-want) > 1e-12 {
					t.Fatalf("Rotation(%d, %d): (R Rᵀ)[%d][%d] = %g, want %g: a rotation keeps lengths", k, d, a, b, rrT, want)
				}
			}
		}
	}
	for _, jk := range [][2]int{{2, 3}, {7, -7}, {100, 23}} {
		j, k := jk[0], jk[1]
		a, b, ab := Rotation(j, d), Rotation(k, d), Rotation(j+k, d)
		for x := 0; x < d; x++ {
			for y := 0; y < d; y++ {
				s := 0.0
				for c := 0; c < d; c++ {
					s += a[x][c] * b[c][y]
				}
				if math.Abs(s-ab[x][y]) > 1e-12 {
					t.Fatalf("R_%d R_%d differs from R_%d at [%d][%d]: %g against %g", j, k, j+k, x, y, s, ab[x][y])
				}
			}
		}
	}
}

// TestDot: PE(p)·PE(p + k) is Dot(k, d) at every p.
func TestDot(t *testing.T) {
	for _, d := range []int{2, 16, 128} {
		if got := Dot(0, d); math.Abs(got-float64(d)/2) > 1e-12 {
			t.Errorf("Dot(0, %d) = %g, want d/2 = %d: each pair is a unit vector", d, got, d/2)
		}
		for _, k := range []int{1, 4, 33, 500} {
			got := Dot(k, d)
			if back := Dot(-k, d); math.Abs(back-got) > 1e-12 {
				t.Errorf("Dot(%d, %d) = %g but Dot(%d, %d) = %g: the dot product is symmetric", k, d, got, -k, d, back)
			}
			for p := 0; p < 400; p += 13 {
				a, b := Sinusoidal(p, d), Sinusoidal(p+k, d)
				want := 0.0
				for j := range a {
					want += a[j] * b[j]
				}
				if math.Abs(got-want) > 1e-9 {
					t.Fatalf("Dot(%d, %d) = %.12g, but PE(%d)·PE(%d) = %.12g", k, d, got, p, p+k, want)
				}
			}
		}
	}
}

func square(t *testing.T, r [][]float64, d, k int) bool {
	t.Helper()
	if len(r) != d {
		t.Errorf("Rotation(%d, %d) has %d rows, want %d", k, d, len(r), d)
		return false
	}
	for i := range r {
		if len(r[i]) != d {
			t.Errorf("Rotation(%d, %d): row %d has %d entries, want %d", k, d, i, len(r[i]), d)
			return false
		}
	}
	return true
}

func apply(r [][]float64, v []float64) []float64 {
	out := make([]float64, len(r))
	for a := range r {
		for b, x := range v {
			out[a] += r[a][b] * x
		}
	}
	return out
}

func near(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}

func head(v []float64) []float64 {
	if len(v) > 4 {
		return v[:4]
	}
	return v
}
