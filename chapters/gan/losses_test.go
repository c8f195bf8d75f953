package gan

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// logits wraps numbers as a [n, 1] batch of trainable logits.
func logits(zs ...float64) *autograd.Value {
	return autograd.Param(tensor.FromSlice(append([]float64(nil), zs...), len(zs), 1))
}

// The losses on logits whose probabilities are known by heart: z = 0 is
// D = 1/2, z = ±log 3 is D = 3/4 and 1/4.
func TestLossValues(t *testing.T) {
	ln3 := math.Log(3)
	// D = 1/2 everywhere: each cross-entropy term is log 2.
	wantNear(t, "L_D(0, 0)", DiscriminatorLoss(logits(0, 0), logits(0, 0, 0)).Item(), 2*math.Log(2), 1e-15)
	wantNear(t, "minimax L_G(0)", MinimaxGeneratorLoss(logits(0, 0)).Item(), -math.Log(2), 1e-15)
	wantNear(t, "non-saturating L_G(0)", NonSaturatingGeneratorLoss(logits(0, 0)).Item(), math.Log(2), 1e-15)
	wantNear(t, "least-squares L_G(0)", LeastSquaresGeneratorLoss(logits(0, 0)).Item(), 0.25, 1e-15)

	// D(x) = 3/4 on real data, D(G(z)) = 1/4 on samples:
	// L_D = -log ¾ - log(1 - ¼) = 2·log(4/3).
	wantNear(t, "L_D(log 3, -log 3)", DiscriminatorLoss(logits(ln3), logits(-ln3)).Item(), 2*math.Log(4.0/3), 1e-15)
	// D(G(z)) = 3/4: minimax log(1 - ¾) = -log 4, non-saturating
	// -log ¾ = log(4/3), least squares (¾ - 1)² = 1/16.
	wantNear(t, "minimax L_G(log 3)", MinimaxGeneratorLoss(logits(ln3)).Item(), -math.Log(4), 1e-15)
	wantNear(t, "non-saturating L_G(log 3)", NonSaturatingGeneratorLoss(logits(ln3)).Item(), math.Log(4.0/3), 1e-15)
	wantNear(t, "least-squares L_G(log 3)", LeastSquaresGeneratorLoss(logits(ln3)).Item(), 1.0/16, 1e-15)

	// A batch is averaged: D(G(z)) = 1/4 and 3/4 give (log 4 + log(4/3))/2.
	wantNear(t, "non-saturating L_G(±log 3)", NonSaturatingGeneratorLoss(logits(-ln3, ln3)).Item(), (math.Log(4)+math.Log(4.0/3))/2, 1e-15)

	// From logits, a confident discriminator gives finite losses where
	// log σ(s) would be log 0 = -Inf in float64.
	for _, l := range []*autograd.Value{
		DiscriminatorLoss(logits(-800), logits(800)),
		MinimaxGeneratorLoss(logits(800)),
		NonSaturatingGeneratorLoss(logits(-800)),
	} {
		if math.IsInf(l.Item(), 0) || math.IsNaN(l.Item()) {
			t.Errorf("%v: loss %v at logits ±800", l, l.Item())
		}
	}
	wantNear(t, "non-saturating L_G(-800)", NonSaturatingGeneratorLoss(logits(-800)).Item(), 800, 1e-9)
}

// lossGradient returns dL/ds for a single logit s.
func lossGradient(loss func(*autograd.Value) *autograd.Value, s float64) float64 {
	v := logits(s)
	loss(v).Backward()
	return v.Grad.Data[0]
}

// The saturation argument, numerically. Where the discriminator rejects a
// sample confidently, its logit is s = -10 and D(G(z)) = σ(-10) ≈ 4.5e-5:
//
//	minimax         L = log(1 - σ(s))   dL/ds = -σ(s)        ≈ -4.5e-5
//	non-saturating  L = -log σ(s)       dL/ds = -(1 - σ(s))  ≈ -1
//
// Both push s up (the sample toward "real"), but the minimax generator
// gets twenty thousand times less push. The least-squares loss on D = σ(s)
// saturates as well: dL/ds = -2·σ(s)·(1 - σ(s))², since σ'(s) = σ(1 - σ)
// vanishes at both ends.
func TestNonSaturatingLossDoesNotSaturate(t *testing.T) {
	const s = -10.0
	d := 1 / (1 + math.Exp(-s))
	mm := lossGradient(MinimaxGeneratorLoss, s)
	ns := lossGradient(NonSaturatingGeneratorLoss, s)
	ls := lossGradient(LeastSquaresGeneratorLoss, s)
	t.Logf("at D(G(z)) = %.3g: dL/ds minimax %.3g, non-saturating %.3g, least squares %.3g", d, mm, ns, ls)
	wantNear(t, "minimax dL/ds", mm, -d, 1e-15)
	wantNear(t, "non-saturating dL/ds", ns, -(1 - d), 1e-12)
	wantNear(t, "least-squares dL/ds", ls, -2*d*(1-d)*(1-d), 1e-15)
	if math.Abs(mm) > 1e-4 || math.Abs(ns) < 0.99 || ns/mm < 1e4 {
		t.Errorf("minimax gradient %g, non-saturating %g: want |minimax| < 1e-4 and the other 1e4 times larger, same sign", mm, ns)
	}
	// Where D is fooled, s = +10, the roles swap: the minimax loss pushes
	// hardest and the non-saturating one hardly at all. Both vanish only
	// where there is nothing left to learn from that sample.
	if mm, ns := lossGradient(MinimaxGeneratorLoss, 10), lossGradient(NonSaturatingGeneratorLoss, 10); math.Abs(mm) < 0.99 || math.Abs(ns) > 1e-4 {
		t.Errorf("at s = 10: minimax %g, non-saturating %g", mm, ns)
	}
}

// The losses' gradients agree with central differences on a batch.
func TestLossGradients(t *testing.T) {
	realS, fakeS := logits(0.3, -1.2, 2.5), logits(-0.7, 0.1, 1.9, -3)
	for name, f := range map[string]func() *autograd.Value{
		"discriminator":  func() *autograd.Value { return DiscriminatorLoss(realS, fakeS) },
		"minimax":        func() *autograd.Value { return MinimaxGeneratorLoss(fakeS) },
		"non-saturating": func() *autograd.Value { return NonSaturatingGeneratorLoss(fakeS) },
		"least squares":  func() *autograd.Value { return LeastSquaresGeneratorLoss(fakeS) },
	} {
		if _, err := autograd.GradCheck(f, []*autograd.Value{realS, fakeS}, 1e-6); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
