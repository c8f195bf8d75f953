package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// With η = 1 and single steps, DDIM is DDPM: its σ² is β̃_t and, with the
// same noise, its step lands where DDPM's ancestral step μ_θ + √β̃_t z does.
func TestDDIMWithEtaOneIsDDPM(t *testing.T) {
	s := ho(t)
	rng := tensor.NewRNG(5)
	for _, ti := range []int{2, 10, 300, 1000} {
		if sig := s.DDIMSigma(ti, ti-1, 1); math.Abs(sig*sig-s.BetaTilde[ti]) > 1e-15 {
			t.Errorf("t = %d: σ² = %.17g; want β̃_t = %.17g", ti, sig*sig, s.BetaTilde[ti])
		}
		xt, eps, z := tensor.RandN(rng, 3, 4), tensor.RandN(rng, 3, 4), tensor.RandN(rng, 3, 4)
		got := s.DDIMStep(xt, eps, ti, ti-1, 1, z)
		mean := s.MeanFromEps(xt, sameStep(3, ti), eps)
		want := tensor.New(3, 4)
		for i := range want.Data {
			want.Data[i] = mean.Data[i] + math.Sqrt(s.BetaTilde[ti])*z.Data[i]
		}
		if d := maxAbsDiff(got.Data, want.Data); d > 1e-12 {
			t.Errorf("t = %d: the DDIM step (η = 1) and the DDPM step differ by %.2e", ti, d)
		}
	}
}

// With η = 0 a step uses no noise, and a step to t' = 0 returns x̂_0.
func TestDDIMWithEtaZeroIsDeterministic(t *testing.T) {
	s := ho(t)
	rng := tensor.NewRNG(6)
	xt, eps := tensor.RandN(rng, 2, 5), tensor.RandN(rng, 2, 5)
	a := s.DDIMStep(xt, eps, 500, 480, 0, nil)
	b := s.DDIMStep(xt, eps, 500, 480, 0, tensor.RandN(rng, 2, 5))
	if d := maxAbsDiff(a.Data, b.Data); d != 0 {
		t.Fatalf("η = 0: two noises gave steps %.2e apart", d)
	}
	if d := maxAbsDiff(s.DDIMStep(xt, eps, 40, 0, 0, nil).Data, s.PredictX0(xt, sameStep(2, 40), eps).Data); d > 1e-12 {
		t.Fatalf("η = 0, to t' = 0: %.2e from x̂_0", d)
	}
}
