package vae

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// TestIWAEEstimateTightens trains the MLP briefly (one pass over 2,000
// digits, 63 steps) and bounds log p(x) on 300 test digits with K = 1, 10
// and 100 draws. Measured (seed 1): -ELBO 201.73 (Evaluate), -L_1 =
// 201.79, -L_10 = 194.00, -L_100 = 192.14 nats per digit. The bound must
// rise with K (Burda et al.'s Theorem 1) by more than half a nat at each
// step, far beyond the Monte Carlo noise of 300 digits, and L_1, a
// one-draw ELBO, must agree within a nat with the ELBO that Evaluate
// computes with its closed-form KL. (The chapter's 7-epoch model: -ELBO
// 106.74, -L_1 106.79, -L_10 103.80, -L_100 102.64 on the 10,000 test
// digits.)
func TestIWAEEstimateTightens(t *testing.T) {
	all, test := mnist(t)
	res, err := Train(shortConfig(1), all.Head(2000), test.Head(100), nil)
	if err != nil {
		t.Fatal(err)
	}
	m, x := res.Model, test.Head(300).Images
	negELBO, _, _ := Evaluate(m, x, tensor.NewRNG(2))
	prev := math.Inf(-1)
	for _, k := range []int{1, 10, 100} {
		lk := IWAEEstimate(m, x, k, tensor.NewRNG(uint64(k)))
		t.Logf("K = %3d: -L_K = %.2f nats/digit (-ELBO %.2f)", k, -lk, negELBO)
		if k == 1 {
			wantNear(t, "L_1 against the ELBO", -lk, negELBO, 1)
		} else if !(lk > prev+0.5) {
			t.Errorf("K = %d: L_K = %.2f, not above L_K of fewer draws, %.2f", k, lk, prev)
		}
		prev = lk
	}
}

// TestIWAEEstimateOneDraw checks L_1 for one image against its definition,
// log p(x|z) + log p(z) - log q(z|x), with z drawn from the same noise.
func TestIWAEEstimateOneDraw(t *testing.T) {
	rng := tensor.NewRNG(3)
	m := NewMLP(784, 8, 3, rng)
	x := tensor.RandU(rng, 0, 1, 1, 784)
	got := IWAEEstimate(m, x, 1, tensor.NewRNG(4))

	eps := tensor.RandN(tensor.NewRNG(4), 1, 3)
	mu, logVar := m.Encode(autograd.NoGrad(x))
	z := Reparameterize(mu, logVar, autograd.Const(eps))
	want := -BernoulliNLLTensor(m.Decode(z).Data, x).Data[0]
	for j := 0; j < 3; j++ {
		zj, e, lv := z.Data.Data[j], eps.Data[j], logVar.Data.Data[j]
		// log N(z; 0, 1) - log N(z; μ, σ²), per coordinate
		want += -zj*zj/2 + (e*e+lv)/2
	}
	wantNear(t, "L_1 of one draw", got, want, 1e-9)

	// Splitting the work into groups changes nothing but the order of
	// the draws: K = 5000 on one image decodes in two passes.
	if v := IWAEEstimate(m, x, 5000, tensor.NewRNG(5)); !(v > got-50 && v < 0) {
		t.Errorf("L_5000 = %g", v)
	}
}
