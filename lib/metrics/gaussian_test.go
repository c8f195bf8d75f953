package metrics_test

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// gaussSamples returns n samples of N(mu, A Aᵀ) as an [n, len(mu)] tensor:
// x = mu + A z with z ~ N(0, I); a is len(mu)×len(mu), row-major.
func gaussSamples(g *tensor.RNG, n int, mu, a []float64) *tensor.Tensor {
	d := len(mu)
	out := tensor.New(n, d)
	z := make([]float64, d)
	for i := 0; i < n; i++ {
		for j := range z {
			z[j] = g.Normal(0, 1)
		}
		for r := 0; r < d; r++ {
			v := mu[r]
			for c := 0; c < d; c++ {
				v += a[r*d+c] * z[c]
			}
			out.Data[i*d+r] = v
		}
	}
	return out
}

// closeRel reports whether got is within rel of want, relative to |want|;
// a zero, infinite or NaN want must be matched exactly (NaN by NaN).
func closeRel(got, want, rel float64) bool {
	if want == 0 || math.IsInf(want, 0) || math.IsNaN(want) {
		return got == want || (math.IsNaN(got) && math.IsNaN(want))
	}
	return math.Abs(got-want) <= rel*math.Abs(want)
}

// wantErr fails t unless err is non-nil and its message holds every part.
func wantErr(t *testing.T, what string, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error %q does not mention %q", what, err, p)
		}
	}
}

func TestFitGaussianByHand(t *testing.T) {
	// Columns x = 1, 2, 3, 6 and y = 0, 2, 1, 5: means 3 and 2, deviations
	// (-2, -1, 0, 3) and (-2, 0, -1, 3), so with N-1 = 3:
	// var x = 14/3, var y = 14/3, cov = (4 + 0 + 0 + 9)/3 = 13/3.
	// A large common offset must not change the covariance (two-pass
	// centring; the one-pass E[x²] - E[x]² would lose every digit here).
	for _, off := range []float64{0, 1e8} {
		f := tensor.FromSlice([]float64{1 + off, 0 + off, 2 + off, 2 + off, 3 + off, 1 + off, 6 + off, 5 + off}, 4, 2)
		g, err := metrics.FitGaussian(f)
		if err != nil {
			t.Fatal(err)
		}
		if !closeRel(g.Mean[0], 3+off, 1e-15) || !closeRel(g.Mean[1], 2+off, 1e-15) {
			t.Errorf("offset %g: mean %v, want [%g %g]", off, g.Mean, 3+off, 2+off)
		}
		want := [][]float64{{14.0 / 3, 13.0 / 3}, {13.0 / 3, 14.0 / 3}}
		for i := range want {
			for j := range want[i] {
				if got := g.Cov.At(i, j); !closeRel(got, want[i][j], 1e-9) {
					t.Errorf("offset %g: cov[%d %d] = %v, want %v", off, i, j, got, want[i][j])
				}
			}
		}
	}
}

func TestFitGaussianMatchesGonumStat(t *testing.T) {
	g := tensor.NewRNG(1)
	mu := []float64{1, -2, 3, 0.5}
	a := []float64{1, 0, 0, 0, 0.5, 2, 0, 0, -1, 0.3, 0.7, 0, 0.2, 0.2, 0.2, 0.2}
	f := gaussSamples(g, 57, mu, a)
	got, err := metrics.FitGaussian(f)
	if err != nil {
		t.Fatal(err)
	}
	x := mat.NewDense(57, 4, f.Data)
	var want mat.SymDense
	stat.CovarianceMatrix(&want, x, nil) // unbiased (N-1) when weights are nil
	if !mat.EqualApprox(got.Cov, &want, 1e-12) {
		t.Errorf("covariance\n%v\nwant (gonum stat)\n%v", mat.Formatted(got.Cov), mat.Formatted(&want))
	}
	for j := range mu {
		if m := stat.Mean(mat.Col(nil, j, x), nil); !closeRel(got.Mean[j], m, 1e-12) {
			t.Errorf("mean[%d] = %v, want %v", j, got.Mean[j], m)
		}
	}
}

func TestFitGaussianErrors(t *testing.T) {
	for _, c := range []struct {
		f    *tensor.Tensor
		want string
	}{
		{tensor.New(1, 3), "[1 3]"},
		{tensor.New(4), "[4]"},
		{tensor.New(2, 3, 4), "[2 3 4]"},
		{tensor.New(5, 0), "[5 0]"},
		{tensor.FromSlice([]float64{1, 2, math.NaN(), 4}, 2, 2), "[1, 0]"},
	} {
		_, err := metrics.FitGaussian(c.f)
		wantErr(t, "FitGaussian of shape "+c.want, err, c.want)
	}
	if _, err := metrics.FitGaussian(nil); err == nil {
		t.Error("FitGaussian(nil): no error")
	}
}

func TestNewGaussian(t *testing.T) {
	g, err := metrics.NewGaussian([]float64{1, 2}, tensor.FromSlice([]float64{2, 0.5, 0.5, 3}, 2, 2))
	if err != nil {
		t.Fatal(err)
	}
	if g.Dim() != 2 || g.Mean[1] != 2 || g.Cov.At(0, 1) != 0.5 || g.Cov.At(1, 0) != 0.5 || g.Cov.At(1, 1) != 3 {
		t.Errorf("NewGaussian: mean %v, cov %v", g.Mean, mat.Formatted(g.Cov))
	}
	_, err = metrics.NewGaussian([]float64{1, 2}, tensor.FromSlice([]float64{2, 0.5, 0.4, 3}, 2, 2))
	wantErr(t, "asymmetric covariance", err, "symmetric", "[0 1]")
	_, err = metrics.NewGaussian([]float64{1, 2}, tensor.New(3, 3))
	wantErr(t, "covariance of the wrong size", err, "[3 3]", "[2 2]")
	_, err = metrics.NewGaussian(nil, tensor.New(0, 0))
	wantErr(t, "empty mean", err, "empty")
}

// newGauss is NewGaussian for tests, failing t on error; cov is row-major.
func newGauss(t *testing.T, mu []float64, cov ...float64) metrics.Gaussian {
	t.Helper()
	g, err := metrics.NewGaussian(mu, tensor.FromSlice(cov, len(mu), len(mu)))
	if err != nil {
		t.Fatal(err)
	}
	return g
}
