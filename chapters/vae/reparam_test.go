package vae

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// TestReparameterize checks z = μ + exp(½ logVar)·ε, its gradients by
// finite differences and by hand, and that z has the mean and variance
// of q.
func TestReparameterize(t *testing.T) {
	rng := tensor.NewRNG(5)
	mu, logVar := randParam(rng, 1, 3, 4), randParam(rng, 1, 3, 4)
	eps := autograd.Const(tensor.RandN(rng, 3, 4))
	z := Reparameterize(mu, logVar, eps)
	for i, v := range z.Data.Data {
		wantNear(t, "z", v, mu.Data.Data[i]+math.Exp(logVar.Data.Data[i]/2)*eps.Data.Data[i], 1e-14)
	}
	f := func() *autograd.Value { return Reparameterize(mu, logVar, eps) }
	if _, err := autograd.GradCheck(f, []*autograd.Value{mu, logVar}, 1e-6); err != nil {
		t.Fatal(err)
	}
	mu.ZeroGrad()
	logVar.ZeroGrad()
	autograd.Sum(f()).Backward()
	for i := range mu.Data.Data {
		wantNear(t, "∂z/∂μ", mu.Grad.Data[i], 1, 0)
		wantNear(t, "∂z/∂logVar", logVar.Grad.Data[i], math.Exp(logVar.Data.Data[i]/2)*eps.Data.Data[i]/2, 1e-14)
	}

	// 100,000 draws for μ = 1.5, log σ² = log 0.25: mean 1.5, variance 0.25.
	const n = 100000
	m := autograd.Const(tensor.Full(1.5, n, 1))
	lv := autograd.Const(tensor.Full(math.Log(0.25), n, 1))
	zs := Reparameterize(m, lv, autograd.Const(tensor.RandN(rng, n, 1))).Data.Data
	mean, variance := meanVar(zs)
	wantNear(t, "mean of z", mean, 1.5, 4*math.Sqrt(0.25/n))
	wantNear(t, "variance of z", variance, 0.25, 4*0.25*math.Sqrt(2.0/n))
}
