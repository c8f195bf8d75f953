package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// For data x_0 ~ N(0, v), x_t is N(0, ᾱ_t v + 1 − ᾱ_t), whose score is
// −x_t/(ᾱ_t v + 1 − ᾱ_t). The best noise predictor in the mean-squared
// sense, fitted by least squares to 200,000 seeded draws of (x_t, ε), is
// linear in x_t; the score it implies through ScoreFromEps matches the
// density's within four standard errors of the fit.
func TestBestNoisePredictorIsTheScaledScore(t *testing.T) {
	s := ho(t)
	const n, v = 200000, 0.25
	rng := tensor.NewRNG(11)
	x0 := tensor.Scale(tensor.RandN(rng, 1, n), math.Sqrt(v))
	for _, ti := range []int{10, 100, 300, 1000} {
		eps := tensor.RandN(rng, 1, n)
		xt := s.QSample(x0, []int{ti}, eps)
		// least squares through the origin: ε ≈ c·x_t
		var sxy, sxx float64
		for i, x := range xt.Data {
			sxy += x * eps.Data[i]
			sxx += x * x
		}
		c := sxy / sxx
		var rss float64
		for i, x := range xt.Data {
			r := eps.Data[i] - c*x
			rss += r * r
		}
		seC := math.Sqrt(rss / float64(n-1) / sxx) // the slope's standard error
		tol := 4 * seC / math.Sqrt(1-s.AlphaBar[ti])
		// the implied score at x_t = 1
		got := s.ScoreFromEps(tensor.FromSlice([]float64{c}, 1, 1), ti).Data[0]
		want := -1 / (s.AlphaBar[ti]*v + 1 - s.AlphaBar[ti])
		if math.Abs(got-want) > tol {
			t.Errorf("t = %d: the fitted predictor implies a score slope %.4f; the density's is %.4f (tolerance %.4f)", ti, got, want, tol)
		}
	}
}
