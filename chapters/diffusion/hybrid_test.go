package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// VLBTerm is, entry by entry, the KL of the posterior from the model's
// Gaussian for t > 1 and the Gaussian's negative log-density of x_0 at
// t = 1, averaged.
func TestVLBTermIsKLAndDecoderNLL(t *testing.T) {
	s := ho(t)
	rng := tensor.NewRNG(12)
	ts := []int{1, 2, 40, 700}
	x0, xt := tensor.RandN(rng, 4, 3), tensor.RandN(rng, 4, 3)
	epsHat, vt := tensor.RandN(rng, 4, 3), tensor.RandU(rng, -0.5, 1.5, 4, 3)
	got := VLBTerm(s, x0, xt, ts, epsHat, autograd.Const(vt)).Item()
	mu := s.MeanFromEps(xt, ts, epsHat)
	muTilde := s.PosteriorMean(x0, xt, ts)
	want := 0.0
	for i, ti := range ts {
		for j := 0; j < 3; j++ {
			k := 3*i + j
			logVar := s.LearnedLogVariance(vt.Data[k], ti)
			if ti == 1 {
				d := x0.Data[k] - mu.Data[k]
				want += 0.5 * (math.Log(2*math.Pi) + logVar + d*d/math.Exp(logVar))
				continue
			}
			want += NormalKL(muTilde.Data[k], math.Log(s.BetaTilde[ti]), mu.Data[k], logVar)
		}
	}
	want /= 12
	if math.Abs(got-want) > 1e-12*math.Abs(want) {
		t.Fatalf("VLBTerm = %.15f; the KLs and the decoder's NLL average %.15f", got, want)
	}
}

// The term's gradient in v passes a gradient check, and at t > 1 it is
// zero where Σ_θ equals the posterior's spread plus the squared error of
// the mean: where log Σ_θ = log(β̃_t + (μ̃_t − μ_θ)²).
func TestVLBTermGradient(t *testing.T) {
	s := ho(t)
	rng := tensor.NewRNG(13)
	ts := []int{1, 5, 300}
	x0, xt, epsHat := tensor.RandN(rng, 3, 2), tensor.RandN(rng, 3, 2), tensor.RandN(rng, 3, 2)
	v := autograd.Param(tensor.RandU(rng, 0, 1, 3, 2))
	if _, err := autograd.GradCheck(func() *autograd.Value { return VLBTerm(s, x0, xt, ts, epsHat, v) }, []*autograd.Value{v}, 1e-6); err != nil {
		t.Fatal(err)
	}
	// the minimiser of ½(log Σ + A/Σ) is Σ = A
	mu, muTilde := s.MeanFromEps(xt, ts, epsHat), s.PosteriorMean(x0, xt, ts)
	best := tensor.New(3, 2)
	for j := 0; j < 2; j++ {
		k := 2*2 + j // the row at t = 300
		d := muTilde.Data[k] - mu.Data[k]
		hi, lo := s.LogVarianceRange(300)
		best.Data[k] = (math.Log(s.BetaTilde[300]+d*d) - lo) / (hi - lo)
	}
	vb := autograd.Param(best)
	VLBTerm(s, x0, xt, ts, epsHat, vb).Backward()
	for j := 0; j < 2; j++ {
		if g := vb.Grad.Data[4+j]; math.Abs(g) > 1e-12 {
			t.Fatalf("the gradient at the optimal v is %g; want 0", g)
		}
	}
}

// In the hybrid loss the bound trains only the variance: the output
// layer's ε̂ columns get exactly L_simple's gradient, and its v columns get
// none from L_simple.
func TestHybridLossStopsTheMeansGradient(t *testing.T) {
	s := ho(t)
	cfg := DefaultToyConfig()
	cfg.LearnVariance = true
	m, err := NewToyDenoiser(cfg, tensor.NewRNG(14))
	if err != nil {
		t.Fatal(err)
	}
	rng := tensor.NewRNG(15)
	x0, eps := tensor.RandN(rng, 8, 2), tensor.RandN(rng, 8, 2)
	ts := []int{1, 2, 3, 50, 100, 500, 900, 1000}
	grads := func(loss *autograd.Value) []float64 {
		m.Out.W.Grad = nil
		loss.Backward()
		return append([]float64(nil), m.Out.W.Grad.Data...)
	}
	hybrid, simple := grads(HybridLoss(m, s, x0, ts, eps)), grads(SimpleLoss(m, s, x0, ts, eps))
	hidden := cfg.Hidden
	vMoved := 0.0
	for r := 0; r < hidden; r++ {
		for c := 0; c < 4; c++ {
			h, p := hybrid[4*r+c], simple[4*r+c]
			if c < 2 && math.Abs(h-p) > 1e-12 {
				t.Fatalf("ε̂ column %d, row %d: hybrid gradient %g, L_simple's %g", c, r, h, p)
			}
			if c >= 2 {
				if p != 0 {
					t.Fatalf("v column %d gets a gradient %g from L_simple", c, p)
				}
				vMoved = math.Max(vMoved, math.Abs(h))
			}
		}
	}
	if !(vMoved > 0) {
		t.Fatal("the bound gives v no gradient")
	}
}
