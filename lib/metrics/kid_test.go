package metrics

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// kidByDefinition is KID's estimate written as the three double sums, one
// kernel evaluation at a time.
func kidByDefinition(x, y *tensor.Tensor) float64 {
	d := x.Shape[1]
	k := func(a, b []float64) float64 {
		s := 0.0
		for i := range a {
			s += a[i] * b[i]
		}
		return math.Pow(s/float64(d)+1, 3)
	}
	row := func(t *tensor.Tensor, i int) []float64 { return t.Data[i*d : (i+1)*d] }
	m, n := x.Shape[0], y.Shape[0]
	var xx, yy, xy float64
	for i := 0; i < m; i++ {
		for j := 0; j < m; j++ {
			if i != j {
				xx += k(row(x, i), row(x, j))
			}
		}
		for j := 0; j < n; j++ {
			xy += k(row(x, i), row(y, j))
		}
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if i != j {
				yy += k(row(y, i), row(y, j))
			}
		}
	}
	fm, fn := float64(m), float64(n)
	return xx/(fm*(fm-1)) + yy/(fn*(fn-1)) - 2*xy/(fm*fn)
}

// TestKIDMatchesItsDefinition compares the blocked computation with the
// double sums, on sets larger than one block.
func TestKIDMatchesItsDefinition(t *testing.T) {
	rng := tensor.NewRNG(1)
	x := tensor.RandN(rng, 300, 5)
	y := tensor.AddScalar(tensor.RandN(rng, 270, 5), 0.3)
	got, err := KID(x, y)
	if err != nil {
		t.Fatal(err)
	}
	want := kidByDefinition(x, y)
	if math.Abs(got-want) > 1e-9*math.Abs(want) {
		t.Fatalf("KID = %.12g, the double sums give %.12g", got, want)
	}
	if want < 0.05 {
		t.Errorf("KID of N(0, I) against N(0.3, I) is %.4g, want clearly above 0", want)
	}
}

// TestKIDIsUnbiased: for two samples of one distribution the estimate
// averages 0 over many draws at a small size, where FID's plug-in estimate
// is well above 0.
func TestKIDIsUnbiased(t *testing.T) {
	rng := tensor.NewRNG(2)
	const draws, n, d = 400, 20, 4
	var kid, kidSq, fid float64
	for r := 0; r < draws; r++ {
		x, y := tensor.RandN(rng, n, d), tensor.RandN(rng, n, d)
		k, err := KID(x, y)
		if err != nil {
			t.Fatal(err)
		}
		f, err := FID(x, y)
		if err != nil {
			t.Fatal(err)
		}
		kid, kidSq, fid = kid+k, kidSq+k*k, fid+f
	}
	mean := kid / draws
	se := math.Sqrt((kidSq/draws - mean*mean) / draws)
	t.Logf("n = %d: KID %.4f ± %.4f, FID %.4f (means over %d draws)", n, mean, se, fid/draws, draws)
	if math.Abs(mean) > 3*se {
		t.Errorf("mean KID %.4f is %.1f standard errors from 0", mean, math.Abs(mean)/se)
	}
	if fid/draws < 10*se {
		t.Errorf("mean FID %.4f: want the plug-in bias to stand far above KID's noise (%.4f)", fid/draws, se)
	}
}

// TestKIDRefusesBadFeatures names the problem with each bad input.
func TestKIDRefusesBadFeatures(t *testing.T) {
	ok := tensor.New(3, 2)
	nan := tensor.New(3, 2)
	nan.Data[3] = math.NaN()
	for _, c := range []struct {
		x, y *tensor.Tensor
	}{{tensor.New(3, 2), tensor.New(3, 4)}, {tensor.New(1, 2), ok}, {tensor.New(6), ok}, {ok, nan}} {
		if _, err := KID(c.x, c.y); err == nil {
			t.Errorf("KID of shapes %v and %v: no error", c.x.Shape, c.y.Shape)
		}
	}
}
