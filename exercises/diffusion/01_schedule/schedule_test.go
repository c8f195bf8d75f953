//go:build graded

package schedule

import (
	"math"
	"testing"
)

// near reports whether got is within tol of want, relative to |want|
// when |want| > 1.
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// same reports whether a and b have the same length and entries within tol.
func same(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !near(a[i], b[i], tol) {
			return false
		}
	}
	return true
}

func TestAlphaBarByHand(t *testing.T) {
	cases := []struct {
		name  string
		betas []float64
		want  []float64
	}{
		// no step: only ᾱ_0
		{"T = 0", nil, []float64{1}},
		// ᾱ_1 = 1 - β_1
		{"T = 1", []float64{0.5}, []float64{1, 0.5}},
		// ᾱ_1 = 0.9, ᾱ_2 = 0.9·0.5
		{"T = 2", []float64{0.1, 0.5}, []float64{1, 0.9, 0.45}},
		// 0.8, 0.8·0.75, 0.6·0.5
		{"T = 3", []float64{0.2, 0.25, 0.5}, []float64{1, 0.8, 0.6, 0.3}},
	}
	for _, c := range cases {
		keep := append([]float64(nil), c.betas...)
		got := AlphaBar(c.betas)
		if !same(got, c.want, 1e-15) {
			why := ""
			switch {
			case len(got) == len(c.betas):
				why = ": return T + 1 numbers, ᾱ_0 = 1 first"
			case len(got) == len(c.want) && got[0] != 1:
				why = ": ᾱ_0 = 1, the product of no steps"
			}
			t.Errorf("%s: AlphaBar(%v) = %v, want %v%s", c.name, c.betas, got, c.want, why)
		}
		if !same(c.betas, keep, 0) {
			t.Errorf("AlphaBar changed the betas to %v: leave them as they are", c.betas)
		}
	}
}

func TestLinear(t *testing.T) {
	if got, want := Linear(5, 0.1, 0.5), []float64{0.1, 0.2, 0.3, 0.4, 0.5}; !same(got, want, 1e-15) {
		t.Errorf("Linear(5, 0.1, 0.5) = %v, want %v", got, want)
	}
	if got, want := Linear(2, 0.3, 0.01), []float64{0.3, 0.01}; !same(got, want, 1e-15) {
		t.Errorf("Linear(2, 0.3, 0.01) = %v, want %v: the ends are β_1 and β_T, even when β falls", got, want)
	}
	b := Linear(1000, 1e-4, 0.02)
	if len(b) != 1000 {
		t.Fatalf("Linear(1000, 1e-4, 0.02) has %d betas, want 1000", len(b))
	}
	if !near(b[0], 1e-4, 1e-18) || !near(b[999], 0.02, 1e-16) {
		t.Fatalf("Linear(1000, 1e-4, 0.02): β_1 = %g and β_1000 = %g, want 1e-4 and 0.02 (betas[t-1] is β_t)", b[0], b[999])
	}
	// Evenly spaced: 999 equal gaps of (0.02 - 1e-4)/999.
	gap := (0.02 - 1e-4) / 999
	for i := 1; i < len(b); i++ {
		if math.Abs(b[i]-b[i-1]-gap) > 1e-15 {
			t.Fatalf("Linear(1000, 1e-4, 0.02): β_%d - β_%d = %g, want every gap %g", i+1, i, b[i]-b[i-1], gap)
		}
	}
}

// TestHoSchedule: the product over Ho et al.'s 1000 steps, checked by its
// properties and against the logarithm's series, not by the same product.
func TestHoSchedule(t *testing.T) {
	const T = 1000
	betas := make([]float64, T) // the test's own linear schedule
	for i := range betas {
		betas[i] = 1e-4 + float64(i)*(0.02-1e-4)/(T-1)
	}
	ab := AlphaBar(betas)
	if len(ab) != T+1 {
		t.Fatalf("AlphaBar of %d betas has %d entries, want %d", T, len(ab), T+1)
	}
	if ab[0] != 1 || !near(ab[1], 1-1e-4, 1e-16) {
		t.Fatalf("ᾱ_0 = %g, ᾱ_1 = %.17g, want 1 and 1 - β_1 = 0.9999", ab[0], ab[1])
	}
	for i := 1; i <= T; i++ {
		if !(ab[i] > 0 && ab[i] < ab[i-1]) {
			t.Fatalf("ᾱ_%d = %g after ᾱ_%d = %g: every step keeps less, and never nothing", i, ab[i], i-1, ab[i-1])
		}
	}
	got := ab[T]
	// The figure quoted for this schedule, to three digits.
	if !(got > 4.035e-5 && got < 4.045e-5) {
		t.Fatalf("ᾱ_1000 = %.6g, want about 4.04e-5", got)
	}
	// log ᾱ_T = Σ_t log(1 - β_t) = -Σ_k (Σ_t β_t^k)/k, and with β_t ≤ 0.02
	// twelve terms of the series leave an error far below 1e-12.
	series := 0.0
	for k := 1; k <= 12; k++ {
		sum := 0.0
		for _, b := range betas {
			sum += math.Pow(b, float64(k))
		}
		series -= sum / float64(k)
	}
	if !near(math.Log(got), series, 1e-12) {
		t.Errorf("log ᾱ_1000 = %.15g, but -Σ_k Σ_t β_t^k / k = %.15g", math.Log(got), series)
	}
	// Since -log(1 - β) lies between β and β + β² for β ≤ ½, ᾱ_T lies
	// between exp(-Σβ - Σβ²) and exp(-Σβ), with Σβ = T(β_1 + β_T)/2.
	s1 := T * (1e-4 + 0.02) / 2
	s2 := 0.0
	for _, b := range betas {
		s2 += b * b
	}
	if !(got <= math.Exp(-s1) && got >= math.Exp(-s1-s2)) {
		t.Errorf("ᾱ_1000 = %.6g lies outside [exp(-Σβ - Σβ²), exp(-Σβ)] = [%.6g, %.6g]", got, math.Exp(-s1-s2), math.Exp(-s1))
	}
}

// TestCosineByHand: with s = 0, f(t) = cos²(tπ/(2T)) and f(0) = 1.
func TestCosineByHand(t *testing.T) {
	cases := []struct {
		T    int
		want []float64
	}{
		// f(1) = cos²(π/4) = ½; f(2) = cos²(π/2) = 0, so β_2 = 1, clipped.
		{2, []float64{0.5, 0.999}},
		// f = 1, ¾, ¼, 0: β_1 = 1 - ¾, β_2 = 1 - (¼)/(¾), β_3 clipped.
		{3, []float64{0.25, 2.0 / 3, 0.999}},
	}
	for _, c := range cases {
		got := Cosine(c.T, 0)
		if !same(got, c.want, 1e-14) {
			why := ""
			if len(got) == c.T && got[c.T-1] >= 0.999999 {
				why = ": clip each β_t at 0.999"
			}
			t.Errorf("Cosine(%d, 0) = %v, want %v%s", c.T, got, c.want, why)
		}
	}
}

// TestCosine: Nichol & Dhariwal's schedule, T = 1000 and s = 0.008.
func TestCosine(t *testing.T) {
	const T, s = 1000, 0.008
	b := Cosine(T, s)
	if len(b) != T {
		t.Fatalf("Cosine(%d, %g) has %d betas, want %d", T, s, len(b), T)
	}
	if b[T-1] != 0.999 {
		t.Errorf("β_T = %.17g, want exactly 0.999: f(T) is nearly 0, so the unclipped β_T is 1", b[T-1])
	}
	for i, v := range b {
		if !(v > 0 && v <= 0.999) {
			t.Fatalf("β_%d = %g, want it in (0, 0.999]", i+1, v)
		}
		if i > 0 && !(v > b[i-1]) {
			t.Fatalf("β_%d = %g is not above β_%d = %g: the cosine's betas grow", i+1, v, i, b[i-1])
		}
	}
	// The product of the betas is f(t)/f(0) up to the last, clipped step.
	f := func(t int) float64 {
		c := math.Cos((float64(t)/T + s) / (1 + s) * math.Pi / 2)
		return c * c
	}
	ab := 1.0
	for i := 1; i < T; i++ {
		ab *= 1 - b[i-1]
		if want := f(i) / f(0); math.Abs(ab-want) > 1e-10*want {
			t.Fatalf("the product of the first %d betas is %.15g, want ᾱ_%d = f(%d)/f(0) = %.15g", i, ab, i, i, want)
		}
	}
	// f(496) = cos²(π/4) = ½, and f(0) < 1, so ᾱ_496 = ½/f(0) is just
	// above ½, and ᾱ_497 the first below.
	half := 0
	for ab, i := 1.0, 1; i <= T; i++ {
		ab *= 1 - b[i-1]
		if ab < 0.5 {
			half = i
			break
		}
	}
	if half != 497 {
		t.Errorf("ᾱ_t first falls below ½ at t = %d, want 497", half)
	}
}
