//go:build graded

package attention

import (
	"math"
	"math/rand/v2"
	"testing"
)

var inf = math.Inf(1)

// shaped reports, as a test error, whether got is not rows × cols.
func shaped(t *testing.T, what string, got [][]float64, rows, cols int) bool {
	t.Helper()
	if len(got) != rows {
		t.Errorf("%s has %d rows, want %d", what, len(got), rows)
		return false
	}
	for i, r := range got {
		if len(r) != cols {
			t.Errorf("%s: row %d has %d entries, want %d", what, i, len(r), cols)
			return false
		}
	}
	return true
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestSoftmax(t *testing.T) {
	e := math.E
	cases := []struct {
		name string
		s    []float64
		want []float64
	}{
		{"one score", []float64{3.7}, []float64{1}},
		{"equal scores", []float64{2, 2, 2, 2}, []float64{0.25, 0.25, 0.25, 0.25}},
		{"scores 0 and 1", []float64{0, 1}, []float64{1 / (1 + e), e / (1 + e)}},
		{"scores 1000 and 1001", []float64{1000, 1001}, []float64{1 / (1 + e), e / (1 + e)}},
		{"scores -1000 and -1001", []float64{-1000, -1001}, []float64{e / (1 + e), 1 / (1 + e)}},
		{"huge scores", []float64{1e300, 0}, []float64{1, 0}},
		{"a masked score", []float64{0, -inf, 1}, []float64{1 / (1 + e), 0, e / (1 + e)}},
		{"every score masked", []float64{-inf, -inf, -inf}, []float64{0, 0, 0}},
	}
	for _, c := range cases {
		got := Softmax(c.s)
		if len(got) != len(c.want) {
			t.Errorf("%s: Softmax(%v) has %d entries, want %d", c.name, c.s, len(got), len(c.want))
			continue
		}
		for j := range got {
			if !near(got[j], c.want[j], 1e-15) || (c.want[j] == 0 && got[j] != 0) {
				why := ""
				if math.IsNaN(got[j]) {
					why = ": subtract the largest score before exponentiating, and return zeros when it is -Inf"
				}
				t.Errorf("%s: Softmax(%v) = %v, want %v%s", c.name, c.s, got, c.want, why)
				break
			}
		}
	}
}

// TestWeightsByHand: with d_k = 4, √d_k = 2. The query (1, 1, 1, 1) has a
// dot product of 4 with the key (1, 1, 1, 1) and of 0 with the key 0, so
// its scores are 4/2 = 2 and 0, and its weights e²/(e²+1) and 1/(e²+1).
// Without the scale they would be e⁴/(e⁴+1) and 1/(e⁴+1).
func TestWeightsByHand(t *testing.T) {
	q := [][]float64{{1, 1, 1, 1}, {0, 2, 0, 0}, {0, 0, 0, 0}}
	k := [][]float64{{1, 1, 1, 1}, {0, 0, 0, 0}, {1, -1, 3, 0}}
	e2, e1, em1 := math.Exp(2), math.Exp(1), math.Exp(-1)
	// scores: row 0: (4, 0, 3)/2; row 1: (2, 0, -2)/2; row 2: (0, 0, 0)
	e15 := math.Exp(1.5)
	want := [][]float64{
		{e2 / (e2 + 1 + e15), 1 / (e2 + 1 + e15), e15 / (e2 + 1 + e15)},
		{e1 / (e1 + 1 + em1), 1 / (e1 + 1 + em1), em1 / (e1 + 1 + em1)},
		{1.0 / 3, 1.0 / 3, 1.0 / 3},
	}
	got := Weights(q, k, nil)
	if !shaped(t, "Weights(3 queries, 3 keys)", got, 3, 3) {
		return
	}
	e4, e3 := math.Exp(4), math.Exp(3)
	unscaled := e4 / (e4 + 1 + e3)
	for i := range want {
		for j := range want[i] {
			if !near(got[i][j], want[i][j], 1e-14) {
				why := ""
				if near(got[0][0], unscaled, 1e-9) {
					why = " (those are the weights of the unscaled scores QKᵀ: divide them by √d_k)"
				}
				t.Fatalf("Weights: row %d = %v, want %v%s", i, got[i], want[i], why)
			}
		}
	}
}

// TestAttentionByHand: the output is the weighted average of the values.
func TestAttentionByHand(t *testing.T) {
	q := [][]float64{{1, 1, 1, 1}, {0, 0, 0, 0}}
	k := [][]float64{{1, 1, 1, 1}, {0, 0, 0, 0}}
	v := [][]float64{{10, 0, 1}, {0, 10, 1}}
	e2 := math.Exp(2)
	w0, w1 := e2/(e2+1), 1/(e2+1)
	want := [][]float64{{10 * w0, 10 * w1, 1}, {5, 5, 1}}
	got := Attention(q, k, v, nil)
	if !shaped(t, "Attention(2 queries, 2 keys, d_v = 3)", got, 2, 3) {
		return
	}
	for i := range want {
		for c := range want[i] {
			if !near(got[i][c], want[i][c], 1e-13) {
				t.Fatalf("Attention: output %d = %v, want %v = Σ_j A_%dj v_j", i, got[i], want[i], i)
			}
		}
	}
	// Tq need not equal Tk: one query over the same two keys.
	if got := Attention(q[:1], k, v, nil); shaped(t, "Attention(1 query, 2 keys)", got, 1, 3) && !near(got[0][0], 10*w0, 1e-13) {
		t.Errorf("Attention of one query over two keys = %v, want %v", got[0], want[0])
	}
}

// TestMask: masked keys get exactly zero weight, the others keep their
// ratios and still sum to 1, and a fully masked query reads nothing.
func TestMask(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	q, k, v := random(rng, 4, 3), random(rng, 5, 3), random(rng, 5, 2)
	m := [][]float64{
		{0, -inf, 0, -inf, 0},
		{0, 0, 0, 0, 0},
		{-inf, -inf, -inf, -inf, -inf},
		{-inf, -inf, -inf, -inf, 0},
	}
	a := Weights(q, k, m)
	free := Weights(q, k, nil)
	if !shaped(t, "Weights(4 queries, 5 keys)", a, 4, 5) || !shaped(t, "Weights without a mask", free, 4, 5) {
		return
	}
	for i := range m {
		sum := 0.0
		for j := range m[i] {
			sum += a[i][j]
			if math.IsInf(m[i][j], -1) && a[i][j] != 0 {
				t.Errorf("row %d: masked key %d has weight %g, want exactly 0", i, j, a[i][j])
			}
		}
		switch i {
		case 2:
			if sum != 0 || math.IsNaN(sum) {
				t.Errorf("row 2, every key masked: weights %v, want all zeros (not NaN)", a[i])
			}
		default:
			if !near(sum, 1, 1e-14) {
				t.Errorf("row %d: the weights %v sum to %.17g, want 1", i, a[i], sum)
			}
		}
	}
	// Row 0 keeps keys 0, 2, 4: their weights are the unmasked ones renormalised.
	z := free[0][0] + free[0][2] + free[0][4]
	for _, j := range []int{0, 2, 4} {
		if !near(a[0][j], free[0][j]/z, 1e-14) {
			t.Errorf("row 0, key %d: weight %g, want %g: masking renormalises the remaining weights", j, a[0][j], free[0][j]/z)
		}
	}
	if a[3][4] != 1 {
		t.Errorf("row 3 may attend to key 4 only: its weight is %g, want exactly 1", a[3][4])
	}
	out := Attention(q, k, v, m)
	if !shaped(t, "Attention with a mask", out, 4, 2) {
		return
	}
	if out[2][0] != 0 || out[2][1] != 0 {
		t.Errorf("a query with every key masked has output %v, want zeros", out[2])
	}
	if out[3][0] != v[4][0] || out[3][1] != v[4][1] {
		t.Errorf("a query that sees only key 4 has output %v, want v_4 = %v exactly", out[3], v[4])
	}
}

// TestRandom: wide heads of random numbers against the definition.
func TestRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, dk := range []int{1, 16, 64} {
		tq, tk, dv := 3, 6, 5
		q, k, v := random(rng, tq, dk), random(rng, tk, dk), random(rng, tk, dv)
		got := Attention(q, k, v, nil)
		if !shaped(t, "Attention", got, tq, dv) {
			return
		}
		for i := 0; i < tq; i++ {
			s := make([]float64, tk)
			top := math.Inf(-1)
			for j := range s {
				for c := 0; c < dk; c++ {
					s[j] += q[i][c] * k[j][c]
				}
				s[j] /= math.Sqrt(float64(dk))
				top = math.Max(top, s[j])
			}
			z := 0.0
			for j := range s {
				s[j] = math.Exp(s[j] - top)
				z += s[j]
			}
			for c := 0; c < dv; c++ {
				want := 0.0
				for j := range s {
					want += s[j] / z * v[j][c]
				}
				if !near(got[i][c], want, 1e-12) {
					t.Fatalf("d_k = %d: output %d = %v, want entry %d = %.15g", dk, i, got[i], c, want)
				}
			}
		}
	}
}

// random returns an r × c matrix of standard normal entries.
func random(rng *rand.Rand, r, c int) [][]float64 {
	m := make([][]float64, r)
	for i := range m {
		m[i] = make([]float64, c)
		for j := range m[i] {
			m[i][j] = rng.NormFloat64()
		}
	}
	return m
}
