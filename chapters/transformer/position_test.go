package transformer

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// The encodings follow their formula: PE(p, 2i) = sin(p·ω_i) and
// PE(p, 2i+1) = cos(p·ω_i) with ω_i = 10000^{-2i/d}, checked at the
// first pair (ω = 1) and the last, and a range starting at p equals the
// rows from p of a range starting at 0.
func TestSinusoidalValues(t *testing.T) {
	const d = 8
	pe := Sinusoidal(0, 50, d)
	omegaLast := math.Pow(10000, -6.0/8)
	for p := 0; p < 50; p++ {
		got := pe.Data[p*d : (p+1)*d]
		want := []float64{math.Sin(float64(p)), math.Cos(float64(p)), got[2], got[3], got[4], got[5],
			math.Sin(float64(p) * omegaLast), math.Cos(float64(p) * omegaLast)}
		wantClose(t, "PE row", got, want, 1e-15)
	}
	wantClose(t, "Sinusoidal(20, 30) against rows 20.. of Sinusoidal(0, 50)", Sinusoidal(20, 30, d).Data, pe.Data[20*d:], 0)
}

// PE(p+k) = R_k · PE(p) for one matrix R_k whatever p: feature pair i is
// rotated by the angle k·ω_i, since
//
//	sin((p+k)ω) = sin(pω)cos(kω) + cos(pω)sin(kω)
//	cos((p+k)ω) = cos(pω)cos(kω) - sin(pω)sin(kω)
//
// R_k is fitted from the first d positions (solving PE(k..k+d-1) =
// R_k·PE(0..d-1)), then checked at every other position, and its blocks
// must be the rotations above.
func TestSinusoidalOffsetIsARotation(t *testing.T) {
	const d, n = 6, 200
	pe := Sinusoidal(0, n+10, d)
	for _, k := range []int{1, 3, 10} {
		r := fitLinearMap(pe, k, d)
		for p := 0; p < n; p++ {
			got := make([]float64, d)
			for a := 0; a < d; a++ {
				for b := 0; b < d; b++ {
					got[a] += r[a*d+b] * pe.Data[p*d+b]
				}
			}
			wantClose(t, "R_k·PE(p) against PE(p+k)", got, pe.Data[(p+k)*d:(p+k+1)*d], 1e-8)
		}
		for i := 0; i < d/2; i++ {
			c, s := math.Cos(float64(k)*math.Pow(10000, -float64(2*i)/d)), math.Sin(float64(k)*math.Pow(10000, -float64(2*i)/d))
			block := []float64{r[(2*i)*d+2*i], r[(2*i)*d+2*i+1], r[(2*i+1)*d+2*i], r[(2*i+1)*d+2*i+1]}
			wantClose(t, "a 2x2 block of R_k", block, []float64{c, s, -s, c}, 1e-8)
		}
	}
}

// fitLinearMap solves R·PE(p) = PE(p+k) for p = 0..d-1, d equations of d
// unknowns per row of R, by Gaussian elimination with partial pivoting,
// and returns R row-major.
func fitLinearMap(pe *tensor.Tensor, k, d int) []float64 {
	// A x = b with A[p][:] = PE(p), one right-hand side per row a of R.
	r := make([]float64, d*d)
	for a := 0; a < d; a++ {
		m := make([][]float64, d)
		for p := 0; p < d; p++ {
			m[p] = append(append([]float64{}, pe.Data[p*d:(p+1)*d]...), pe.Data[(p+k)*d+a])
		}
		for c := 0; c < d; c++ {
			best := c
			for i := c + 1; i < d; i++ {
				if math.Abs(m[i][c]) > math.Abs(m[best][c]) {
					best = i
				}
			}
			m[c], m[best] = m[best], m[c]
			for i := 0; i < d; i++ {
				if i != c {
					f := m[i][c] / m[c][c]
					for j := c; j <= d; j++ {
						m[i][j] -= f * m[c][j]
					}
				}
			}
		}
		for c := 0; c < d; c++ {
			r[a*d+c] = m[c][d] / m[c][c]
		}
	}
	return r
}
