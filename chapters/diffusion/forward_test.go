package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// t steps of the one-step kernel, each with fresh noise, give x_t with the
// closed form's mean √ᾱ_t x_0 and variance 1 − ᾱ_t, and so does QSample
// in one draw: checked on 20,000 seeded chains per t, within five
// standard errors.
func TestClosedFormMatchesSequentialNoising(t *testing.T) {
	s := ho(t)
	const n, x0 = 20000, 0.8
	rng := tensor.NewRNG(1)
	for _, T := range []int{1, 10, 100, 1000} {
		x := tensor.Full(x0, 1, n) // one row of n chains, all at one step
		for i := 1; i <= T; i++ {
			x = s.NoiseStep(x, []int{i}, tensor.RandN(rng, 1, n))
		}
		wantMean, wantVar := math.Sqrt(s.AlphaBar[T])*x0, 1-s.AlphaBar[T]
		// standard errors of a sample mean and a sample variance of n normals
		seMean, seVar := math.Sqrt(wantVar/n), wantVar*math.Sqrt(2.0/(n-1))
		direct := s.QSample(tensor.Full(x0, 1, n), []int{T}, tensor.RandN(rng, 1, n))
		for _, c := range []struct {
			how string
			x   *tensor.Tensor
		}{{"step by step", x}, {"QSample", direct}} {
			mean, vari := meanVar(c.x.Data)
			if math.Abs(mean-wantMean) > 5*seMean || math.Abs(vari-wantVar) > 5*seVar {
				t.Errorf("t = %d, %s: mean %.5f, variance %.5f; closed form %.5f, %.5f (SE %.1e, %.1e)",
					T, c.how, mean, vari, wantMean, wantVar, seMean, seVar)
			}
		}
	}
}

// meanVar returns the sample mean and the unbiased sample variance of xs.
func meanVar(xs []float64) (mean, variance float64) {
	for _, v := range xs {
		mean += v
	}
	mean /= float64(len(xs))
	for _, v := range xs {
		variance += (v - mean) * (v - mean)
	}
	return mean, variance / float64(len(xs)-1)
}

// A schedule that skipped the noise's scaling (x_t = x_{t−1} + √β ε)
// would let the variance grow past 1: the same test must see that.
func TestSequentialNoisingKeepsUnitVariance(t *testing.T) {
	s := ho(t)
	const n = 10000
	rng := tensor.NewRNG(2)
	x := tensor.RandN(rng, 1, n) // data of variance 1 keeps variance 1
	for i := 1; i <= 1000; i++ {
		x = s.NoiseStep(x, []int{i}, tensor.RandN(rng, 1, n))
	}
	v := 0.0
	for _, xi := range x.Data {
		v += xi * xi
	}
	if v /= n; math.Abs(v-1) > 0.05 {
		t.Fatalf("variance after 1000 steps from unit-variance data: %.3f; want 1", v)
	}
}

// PredictX0 undoes QSample exactly when given the same noise.
func TestPredictX0InvertsQSample(t *testing.T) {
	s := ho(t)
	rng := tensor.NewRNG(3)
	x0, eps := tensor.RandN(rng, 5, 3), tensor.RandN(rng, 5, 3)
	ts := []int{1, 20, 300, 999, 1000}
	back := s.PredictX0(s.QSample(x0, ts, eps), ts, eps)
	// at t = 1000, 1/√ᾱ_t ≈ 157 amplifies rounding
	if d := maxAbsDiff(back.Data, x0.Data); d > 1e-11 {
		t.Fatalf("x̂_0 differs from x_0 by %.2e", d)
	}
}
