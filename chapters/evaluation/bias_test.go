package evaluation

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestFitInverseNRecoversLine(t *testing.T) {
	ns := []int{100, 200, 500, 1000, 2000}
	fid := make([]float64, len(ns))
	for i, n := range ns {
		fid[i] = 3.5 + 12000/float64(n)
	}
	f := FitInverseN(ns, fid)
	if math.Abs(f.A-3.5) > 1e-9 || math.Abs(f.K-12000) > 1e-6 {
		t.Errorf("FitInverseN of 3.5 + 12000/n gave A = %g, K = %g", f.A, f.K)
	}
	if got := f.At(400); math.Abs(got-33.5) > 1e-9 {
		t.Errorf("At(400) = %g, want 33.5", got)
	}
}

func TestLogLogSlope(t *testing.T) {
	xs := []int{10, 100, 1000}
	for _, p := range []float64{-1, -0.5, 0.66} {
		ys := make([]float64, len(xs))
		for i, x := range xs {
			ys[i] = 7 * math.Pow(float64(x), p)
		}
		if got := LogLogSlope(xs, ys); math.Abs(got-p) > 1e-12 {
			t.Errorf("slope of 7·x^%g = %g", p, got)
		}
	}
}

// gaussianFeatures draws n rows of d independent standard normals.
func gaussianFeatures(rng *tensor.RNG, n, d int) *tensor.Tensor {
	x := tensor.New(n, d)
	for i := range x.Data {
		x.Data[i] = rng.Normal(0, 1)
	}
	return x
}

// On features that really are Gaussian, and the same Gaussian on both
// sides, FID's expectation for large n and m is, to first order,
// (d + d(d+1)/4)·(1/n + 1/m): d/n from the means, and a quarter of the
// squared Frobenius error of the two covariances, d(d+1)/n, from the
// trace term. So the fitted K must be near d + d(d+1)/4, the excess over
// the floor must fall like 1/n, and the floor must be K/m.
func TestFIDDrawsGaussianBiasIsInverseN(t *testing.T) {
	const d, m = 4, 20000
	rng := tensor.NewRNG(7)
	pool, ref := gaussianFeatures(rng, 20000, d), gaussianFeatures(rng, m, d)
	ns := []int{200, 400, 800, 1600, 3200}
	res, err := FIDDraws(pool, ref, ns, 60, 1)
	if err != nil {
		t.Fatal(err)
	}
	fit := FitInverseN(res.N, res.Mean)
	wantK := float64(d) + float64(d*(d+1))/4
	t.Logf("fitted A = %.5f, K = %.2f (first-order K %.2f); means %.4f", fit.A, fit.K, wantK, res.Mean)
	if math.Abs(fit.K-wantK) > 0.2*wantK {
		t.Errorf("fitted K = %.2f, want about d + d(d+1)/4 = %.2f (means %v)", fit.K, wantK, res.Mean)
	}
	if math.Abs(fit.A) > 10*wantK/m {
		t.Errorf("fitted floor A = %.5f, want near K/m = %.5f", fit.A, wantK/m)
	}
	excess := make([]float64, len(ns))
	for i := range ns {
		excess[i] = res.Mean[i] - fit.A
	}
	if s := LogLogSlope(res.N, excess); s < -1.15 || s > -0.85 {
		t.Errorf("log-log slope of the excess over the floor = %.2f, want about -1", s)
	}
	// KID on the same draws: the two sides are one distribution, and its
	// estimate has no bias, so its mean is 0 within its noise at every n.
	for i, n := range res.N {
		se := res.KIDSD[i] / math.Sqrt(float64(res.Draws))
		t.Logf("n = %d: KID %.2e ± %.2e (mean, standard error)", n, res.KIDMean[i], se)
		if math.Abs(res.KIDMean[i]) > 4*se {
			t.Errorf("n = %d: mean KID %.3g, %.1f standard errors from 0", n, res.KIDMean[i], math.Abs(res.KIDMean[i])/se)
		}
	}
}

func TestFIDDrawsRefusesBadInput(t *testing.T) {
	rng := tensor.NewRNG(1)
	pool, ref := gaussianFeatures(rng, 50, 2), gaussianFeatures(rng, 50, 2)
	if _, err := FIDDraws(pool, ref, []int{10}, 1, 1); err == nil || !strings.Contains(err.Error(), "draws") {
		t.Errorf("one draw: err = %v, want one naming the draws", err)
	}
	if _, err := FIDDraws(pool, ref, []int{51}, 3, 1); err == nil || !strings.Contains(err.Error(), "sample size 51") {
		t.Errorf("n above the pool: err = %v, want one naming the size", err)
	}
}

// TestFIDBiasDraws measures the chapter's sample-size table with several
// draws per n, through the cached evaluation classifier (aigc train
// classifier trains it): n of the 60,000 training digits at random against
// the 10,000 test digits. It is not part of a plain go test; it runs when
// AIGC_EVAL_FID_DRAWS gives the number of draws per n:
//
//	AIGC_EVAL_FID_DRAWS=10 go test ./chapters/evaluation -run TestFIDBiasDraws -v
func TestFIDBiasDraws(t *testing.T) {
	spec := os.Getenv("AIGC_EVAL_FID_DRAWS")
	if spec == "" {
		t.Skip("set AIGC_EVAL_FID_DRAWS to a number of draws per n (10 in the chapter) to measure MNIST-FID's bias")
	}
	draws, err := strconv.Atoi(spec)
	if err != nil || draws < 2 {
		t.Fatalf("AIGC_EVAL_FID_DRAWS=%q: want a whole number of at least 2", spec)
	}
	dir, err := CacheDir()
	if err != nil {
		t.Fatal(err)
	}
	clf, _, err := LoadClassifier(dir, DefaultClassifierConfig())
	if err != nil {
		t.Fatal(err)
	}
	train, test := mnist(t)
	start := time.Now()
	pool, _ := clf.Embed(train.Images)
	ref, _ := clf.Embed(test.Images)
	embedded := time.Since(start)
	ns := []int{100, 200, 500, 1000, 2000, 5000, 10000}
	res, err := FIDDraws(pool, ref, ns, draws, 1)
	if err != nil {
		t.Fatal(err)
	}
	fit := FitInverseN(res.N, res.Mean)
	var b strings.Builder
	fmt.Fprintf(&b, "features of %d training and %d test digits in %.1f s; %d draws per n in %.1f s\n",
		train.Images.Shape[0], test.Images.Shape[0], embedded.Seconds(), draws, (time.Since(start) - embedded).Seconds())
	excess := make([]float64, len(ns))
	for i, n := range res.N {
		excess[i] = res.Mean[i] - fit.A
		fmt.Fprintf(&b, "n=%d: MNIST-FID %.2f ± %.2f (sd over draws), fit %.2f; MNIST-KID ×1000 %.3f ± %.3f\n",
			n, res.Mean[i], res.SD[i], fit.At(n), 1000*res.KIDMean[i], 1000*res.KIDSD[i])
	}
	fmt.Fprintf(&b, "fit A + K/n: A = %.2f, K = %.0f; log-log slope of the means %.2f, of the means minus A %.2f\n",
		fit.A, fit.K, LogLogSlope(res.N, res.Mean), LogLogSlope(res.N, excess))
	// The chapter's table, one draw per n (the first n training digits),
	// and the slope of a straight line through it on log-log axes.
	first := make([]float64, len(ns))
	for i, n := range ns {
		if first[i], err = metrics.FID(ref, head(pool, n)); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "first %d: MNIST-FID %.2f\n", n, first[i])
	}
	fmt.Fprintf(&b, "log-log slope of one draw per n (the first n): %.2f\n", LogLogSlope(ns, first))
	t.Log("\n" + b.String())
}
