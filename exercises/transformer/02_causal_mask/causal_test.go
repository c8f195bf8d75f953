//go:build graded

package causal

import (
	"math"
	"math/rand/v2"
	"testing"
)

// maskShaped reports, as a test error, whether m is not rows × cols.
func maskShaped(t *testing.T, what string, m [][]float64, rows, cols int) bool {
	t.Helper()
	if len(m) != rows {
		t.Errorf("%s has %d rows, want %d", what, len(m), rows)
		return false
	}
	for i, r := range m {
		if len(r) != cols {
			t.Errorf("%s: row %d has %d entries, want %d", what, i, len(r), cols)
			return false
		}
	}
	return true
}

func TestCausalMask(t *testing.T) {
	const o, x = 0.0, -1.0 // x marks -Inf
	cases := []struct {
		tq, tk int
		want   [][]float64
	}{
		{1, 1, [][]float64{{o}}},
		{3, 3, [][]float64{
			{o, x, x},
			{o, o, x},
			{o, o, o},
		}},
		// one new query against four positions: it is the last, and sees all
		{1, 4, [][]float64{{o, o, o, o}}},
		// two queries at positions 2 and 3 of 0..4
		{2, 5, [][]float64{
			{o, o, o, o, x},
			{o, o, o, o, o},
		}},
		{3, 4, [][]float64{
			{o, o, x, x},
			{o, o, o, x},
			{o, o, o, o},
		}},
	}
	for _, c := range cases {
		got := CausalMask(c.tq, c.tk)
		if !maskShaped(t, "CausalMask", got, c.tq, c.tk) {
			continue
		}
	check:
		for i := range c.want {
			for j, w := range c.want[i] {
				ok := got[i][j] == 0
				if w == x {
					ok = math.IsInf(got[i][j], -1)
				}
				if !ok {
					why := ""
					if c.tq < c.tk {
						why = ": the queries are the last tq of tk positions, so query i sits at position i + tk - tq"
					}
					t.Errorf("CausalMask(%d, %d) = %v, want %v (0 where key j is not after the query, -Inf elsewhere)%s", c.tq, c.tk, got, show(c.want), why)
					break check
				}
			}
		}
	}
}

func show(m [][]float64) [][]float64 {
	out := make([][]float64, len(m))
	for i := range m {
		out[i] = make([]float64, len(m[i]))
		for j, v := range m[i] {
			if v < 0 {
				out[i][j] = math.Inf(-1)
			}
		}
	}
	return out
}

type layer struct{ wq, wk, wv [][]float64 }

func newLayer(rng *rand.Rand, d, dk, dv int) layer {
	return layer{random(rng, d, dk), random(rng, d, dk), random(rng, d, dv)}
}

// TestFutureCannotLeak changes one token at a time: every output before it
// must stay the same bit for bit, and it and every output after it must
// change.
func TestFutureCannotLeak(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n, d, dk, dv = 6, 4, 3, 5
	l := newLayer(rng, d, dk, dv)
	x := random(rng, n, d)
	base := CausalSelfAttention(x, l.wq, l.wk, l.wv)
	if !maskShaped(t, "CausalSelfAttention of 6 tokens", base, n, dv) {
		return
	}
	v0 := MatMul(x[:1], l.wv)[0]
	for c := range v0 {
		if base[0][c] != v0[c] {
			t.Errorf("the first output is %v, want v_0 = x_0 W_V = %v exactly: the first token sees only itself", base[0], v0)
			break
		}
	}
	for tok := 0; tok < n; tok++ {
		y := make([][]float64, n)
		copy(y, x)
		y[tok] = make([]float64, d)
		for c := range y[tok] {
			y[tok][c] = x[tok][c] + 3*rng.NormFloat64()
		}
		got := CausalSelfAttention(y, l.wq, l.wk, l.wv)
		if !maskShaped(t, "CausalSelfAttention", got, n, dv) {
			return
		}
		for i := 0; i < n; i++ {
			same := true
			for c := range got[i] {
				same = same && got[i][c] == base[i][c]
			}
			switch {
			case i < tok && !same:
				t.Errorf("changing token %d changed output %d from %v to %v: position %d must not see a later token", tok, i, base[i], got[i], i)
			case i >= tok && same:
				t.Errorf("changing token %d left output %d unchanged: position %d must see token %d", tok, i, i, tok)
			}
		}
	}
}

// TestLastQueries: the last tq queries against all tk keys, under
// CausalMask(tq, tk), give the last tq outputs of the full pass. This is
// what a decoder that keeps its keys computes for its newest tokens.
func TestLastQueries(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n, d, dk, dv = 7, 5, 4, 3
	l := newLayer(rng, d, dk, dv)
	x := random(rng, n, d)
	full := CausalSelfAttention(x, l.wq, l.wk, l.wv)
	if !maskShaped(t, "CausalSelfAttention of 7 tokens", full, n, dv) {
		return
	}
	q, k, v := MatMul(x, l.wq), MatMul(x, l.wk), MatMul(x, l.wv)
	for tq := 1; tq <= n; tq++ {
		m := CausalMask(tq, n)
		if !maskShaped(t, "CausalMask", m, tq, n) {
			return
		}
		got := Attend(q[n-tq:], k, v, m)
		for i := range got {
			for c := range got[i] {
				if math.Abs(got[i][c]-full[n-tq+i][c]) > 1e-12 || math.IsNaN(got[i][c]) {
					t.Fatalf("the last %d queries under CausalMask(%d, %d): output %d = %v, want the full pass's output %d = %v",
						tq, tq, n, i, got[i], n-tq+i, full[n-tq+i])
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
