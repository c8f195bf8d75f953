//go:build graded

package discloss

import (
	"math"
	"testing"
)

// near reports whether got is within tol of want; NaN matches only NaN.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

func TestSoftplus(t *testing.T) {
	cases := []struct {
		x, want, tol float64
	}{
		{0, math.Log(2), 1e-14},                    // log(1 + 1)
		{math.Log(3), math.Log(4), 1e-14},          // log(1 + 3)
		{-math.Log(3), math.Log(4.0 / 3), 1e-14},   // log(1 + 1/3)
		{1000, 1000, 0},                            // 1000 to float64's precision, though e^{1000} overflows
		{-1000, 0, 1e-300},                         // about e^{-1000}, which is 0 in float64
		{50, 50, 1e-12},                            // 50 to float64's precision
		{-40, math.Exp(-40), 1e-9 * math.Exp(-40)}, // about e^{-40}, though math.Log(1 + e^{-40}) gives 0
	}
	for _, c := range cases {
		if got := Softplus(c.x); !near(got, c.want, c.tol) {
			t.Errorf("Softplus(%g) = %.17g, want %.17g", c.x, got, c.want)
		}
	}
}

func TestDiscriminatorLoss(t *testing.T) {
	l2, l3 := math.Log(2), math.Log(3)
	cases := []struct {
		name       string
		real, fake []float64
		want       float64
	}{
		// σ(0) = 1/2: each term is -log(1/2) = log 2.
		{"undecided", []float64{0}, []float64{0}, 2 * l2},
		// σ(log 3) = 3/4: -log(3/4) = log(4/3). σ(-log 3) = 1/4: -log(1 - 1/4) = log(4/3).
		{"three to one right", []float64{l3}, []float64{-l3}, 2 * math.Log(4.0/3)},
		// The same odds the wrong way round: -log(1/4) twice.
		{"three to one wrong", []float64{-l3}, []float64{l3}, 2 * math.Log(4)},
		// Real: (log 2 + log(4/3))/2 = log(8/3)/2. Fake: log 2.
		{"two real, one fake", []float64{0, l3}, []float64{0}, math.Log(8.0/3)/2 + l2},
		// Real: log(4/3) for each. Fake: log 2, log(4/3) and log 4, whose
		// mean is log(32/3)/3. Averaging all five terms together would give
		// (2·log(4/3) + log(32/3))/5 instead.
		{"two real, three fake", []float64{l3, l3}, []float64{0, -l3, l3}, math.Log(4.0/3) + math.Log(32.0/3)/3},
		{"no real samples", nil, []float64{0}, math.NaN()},
		{"no fake samples", []float64{0}, []float64{}, math.NaN()},
	}
	for _, c := range cases {
		if got := DiscriminatorLoss(c.real, c.fake); !near(got, c.want, 1e-12) {
			t.Errorf("%s: DiscriminatorLoss(%v, %v) = %.15g, want %.15g", c.name, c.real, c.fake, got, c.want)
		}
	}
}

// TestExtremeLogitsStayFinite: a discriminator that is sure of itself,
// rightly or wrongly. Through σ, each of these is log 0 = -Inf or NaN.
func TestExtremeLogitsStayFinite(t *testing.T) {
	cases := []struct {
		name       string
		real, fake []float64
		want       float64
	}{
		// softplus(-1000) + softplus(-1000) ≈ 2e^{-1000} = 0.
		{"sure and right", []float64{1000}, []float64{-1000}, 0},
		// softplus(1000) + softplus(1000) = 2000.
		{"sure and wrong", []float64{-1000}, []float64{1000}, 2000},
		// Real: (0 + 1000)/2. Fake: softplus(0) = log 2.
		{"right on one real sample, wrong on the other", []float64{1000, -1000}, []float64{0}, 500 + math.Log(2)},
		// Real: 0. Fake: (1000 + 0 + 0)/3.
		{"one confident mistake among the fakes", []float64{1000}, []float64{1000, -1000, -1000}, 1000.0 / 3},
	}
	for _, c := range cases {
		got := DiscriminatorLoss(c.real, c.fake)
		if math.IsNaN(got) || math.IsInf(got, 0) || math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: DiscriminatorLoss(%v, %v) = %g, want %g", c.name, c.real, c.fake, got, c.want)
		}
	}
}
