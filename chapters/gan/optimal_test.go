package gan

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// wantNear fails t unless got is within tol of want.
func wantNear(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.15g, want %.15g (±%g)", what, got, want, tol)
	}
}

// gaussianGrid evaluates the N(mu, 1) density on n evenly spaced points of
// [lo, hi] and returns the points and the densities.
func gaussianGrid(mu, lo, hi float64, n int) (xs, ps []float64) {
	for i := 0; i < n; i++ {
		x := lo + (hi-lo)*float64(i)/float64(n-1)
		xs = append(xs, x)
		ps = append(ps, math.Exp(-(x-mu)*(x-mu)/2)/math.Sqrt(2*math.Pi))
	}
	return xs, ps
}

// normalise returns p divided by its sum: a histogram's cell probabilities.
func normalise(p []float64) []float64 {
	s := 0.0
	for _, x := range p {
		s += x
	}
	out := make([]float64, len(p))
	for i, x := range p {
		out[i] = x / s
	}
	return out
}

// For p_data = N(0, 1) and p_g = N(2, 1),
//
//	log p_data(x) - log p_g(x) = ((x-2)² - x²)/2 = 2 - 2x,
//
// so D*(x) = σ(2 - 2x): for Gaussians of equal variance the optimal
// discriminator is a logistic regression, and it says 1/2 half way between
// the means.
func TestOptimalDiscriminatorOfTwoGaussians(t *testing.T) {
	xs, pData := gaussianGrid(0, -6, 8, 141)
	_, pG := gaussianGrid(2, -6, 8, 141)
	d := OptimalDiscriminator(pData, pG)
	for i, x := range xs {
		wantNear(t, "D*(x)", d[i], 1/(1+math.Exp(-(2-2*x))), 1e-12)
	}
	wantNear(t, "D*(1)", d[70], 0.5, 1e-12) // xs[70] = 1
	// Scaling both densities (normalising the grid) changes nothing.
	d2 := OptimalDiscriminator(normalise(pData), normalise(pG))
	for i := range d {
		wantNear(t, "D* of the normalised histogram", d2[i], d[i], 1e-12)
	}
}

// A histogram worked by hand: data on cells {0, 1}, generator on {1, 2}.
//
//	D* = (1, 1/2, 0)
//	V(D*, G) = ½·log 1 + ½·log ½ + ½·log(1 - ½) + ½·log(1 - 0) = -log 2
//	m = (¼, ½, ¼), KL(p_data ‖ m) = ½·log 2 + ½·log 1 = ½·log 2 = KL(p_g ‖ m)
//	JSD = ½·log 2, and -log 4 + 2·JSD = -log 2.
func TestHandWorkedHistogram(t *testing.T) {
	pData := []float64{0.5, 0.5, 0}
	pG := []float64{0, 0.5, 0.5}
	d := OptimalDiscriminator(pData, pG)
	for i, want := range []float64{1, 0.5, 0} {
		if d[i] != want {
			t.Errorf("D*[%d] = %v, want %v", i, d[i], want)
		}
	}
	wantNear(t, "JSD", JSD(pData, pG), math.Log(2)/2, 1e-15)
	wantNear(t, "V(D*, G)", GeneratorValue(pData, pG), -math.Log(2), 1e-15)
}

// Theorem 1 of Goodfellow et al.: V(D*, G) = -log 4 + 2·JSD(p_data ‖ p_g),
// on cases whose JSD is known exactly and on random histograms.
func TestGeneratorValueIsJSD(t *testing.T) {
	// Disjoint supports: D* is 1 on the data and 0 on the samples, V = 0,
	// and the JSD takes its largest value, log 2.
	pData, pG := []float64{0.25, 0.75, 0, 0}, []float64{0, 0, 0.4, 0.6}
	wantNear(t, "V, disjoint", GeneratorValue(pData, pG), 0, 0)
	wantNear(t, "JSD, disjoint", JSD(pData, pG), math.Log(2), 1e-15)

	// The fixed point: p_g = p_data gives D* = 1/2 everywhere, JSD 0 and
	// V = -log 4, an empty cell (0/0) included.
	p := []float64{0.1, 0.2, 0, 0.3, 0.4}
	for i, d := range OptimalDiscriminator(p, p) {
		if d != 0.5 {
			t.Errorf("D*[%d] = %v with p_g = p_data, want 1/2", i, d)
		}
	}
	wantNear(t, "JSD(p, p)", JSD(p, p), 0, 0)
	wantNear(t, "V at p_g = p_data", GeneratorValue(p, p), -math.Log(4), 1e-15)

	// Random histograms with a few empty cells.
	g := tensor.NewRNG(7)
	for trial := 0; trial < 20; trial++ {
		a, b := make([]float64, 12), make([]float64, 12)
		for i := range a {
			a[i], b[i] = g.Float64(), g.Float64()
			if g.Intn(4) == 0 {
				a[i] = 0
			}
			if g.Intn(4) == 0 {
				b[i] = 0
			}
		}
		a, b = normalise(a), normalise(b)
		jsd := JSD(a, b)
		if jsd < 0 || jsd > math.Log(2) {
			t.Errorf("JSD = %v outside [0, log 2]", jsd)
		}
		wantNear(t, "JSD(q, p) - JSD(p, q)", JSD(b, a)-jsd, 0, 1e-15)
		wantNear(t, "V(D*, G)", GeneratorValue(a, b), -math.Log(4)+2*jsd, 1e-12)
	}
}

// D* maximises V(D, G) cell by cell: moving any one D(x) up or down, by a
// little or a lot, lowers the value.
func TestOptimalDiscriminatorMaximisesValue(t *testing.T) {
	_, a := gaussianGrid(0, -4, 6, 41)
	_, b := gaussianGrid(1.5, -4, 6, 41)
	pData, pG := normalise(a), normalise(b)
	d := OptimalDiscriminator(pData, pG)
	best := GameValue(pData, pG, d)
	for i := range d {
		for _, h := range []float64{-0.3, -1e-3, 1e-3, 0.3} {
			e := append([]float64(nil), d...)
			e[i] = math.Min(math.Max(d[i]+h, 1e-12), 1-1e-12)
			if v := GameValue(pData, pG, e); !(v < best) {
				t.Fatalf("moving D(x_%d) from %.6f to %.6f gives V = %.15g, not below V(D*) = %.15g", i, d[i], e[i], v, best)
			}
		}
	}
	// A constant 1/2, the discriminator of a generator that has won, is
	// worse too.
	half := make([]float64, len(d))
	for i := range half {
		half[i] = 0.5
	}
	if v := GameValue(pData, pG, half); !(v < best) || math.Abs(v+math.Log(4)) > 1e-12 {
		t.Errorf("V(1/2, G) = %v; want -log 4 = %v, below V(D*) = %v", v, -math.Log(4), best)
	}
}

func TestOptimalPanicsOnBadInput(t *testing.T) {
	for name, f := range map[string]func(){
		"lengths":    func() { OptimalDiscriminator([]float64{1}, []float64{0.5, 0.5}) },
		"negative":   func() { OptimalDiscriminator([]float64{-1, 2}, []float64{0.5, 0.5}) },
		"NaN":        func() { JSD([]float64{math.NaN(), 1}, []float64{0.5, 0.5}) },
		"not summed": func() { JSD([]float64{0.5, 0.6}, []float64{0.5, 0.5}) },
		"short D":    func() { GameValue([]float64{0.5, 0.5}, []float64{0.5, 0.5}, []float64{0.5}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestOptimalFigure draws the three panels the chapter shows and checks
// the picture's layout: one panel per shift, side by side.
func TestOptimalFigure(t *testing.T) {
	img, err := OptimalFigure([]float64{4, 1.5, 0})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 3*360 || b.Dy() < 280 || b.Dy() > 2*280 {
		t.Errorf("figure of %v, want three 360×280 panels in a row", b)
	}
	if _, err := OptimalFigure(nil); err == nil {
		t.Error("no shifts gave no error")
	}
}
