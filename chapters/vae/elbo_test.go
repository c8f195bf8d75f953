package vae

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// TestBernoulliNLL checks the summed cross-entropy against its definition,
// against nn.BCEWithLogits (which averages it), and on logits 0: every
// pixel costs log 2, an image of 784 pixels 784·log 2 ≈ 543.4 nats.
func TestBernoulliNLL(t *testing.T) {
	rng := tensor.NewRNG(7)
	logits := tensor.Scale(tensor.RandN(rng, 3, 6), 3)
	x := tensor.RandU(rng, 0, 1, 3, 6)
	x.Data[0], x.Data[1] = 0, 1 // the two binary values as well
	got := BernoulliNLL(autograd.Const(logits), autograd.Const(x)).Data
	plain := BernoulliNLLTensor(logits, x)
	for i := 0; i < 3; i++ {
		want := 0.0
		for j := 0; j < 6; j++ {
			p, xv := 1/(1+math.Exp(-logits.At(i, j))), x.At(i, j)
			want -= xv*math.Log(p) + (1-xv)*math.Log(1-p)
		}
		wantNear(t, "BernoulliNLL", got.Data[i], want, 1e-12)
		wantNear(t, "BernoulliNLLTensor", plain.Data[i], want, 1e-12)
	}
	mean := nn.BCEWithLogits(autograd.Const(logits), autograd.Const(x)).Item()
	wantNear(t, "Σ BernoulliNLL / 18", tensor.Sum(got)/18, mean, 1e-12)

	digit := tensor.RandU(rng, 0, 1, 1, 784)
	wantNear(t, "NLL at logits 0", BernoulliNLL(autograd.Const(tensor.New(1, 784)), autograd.Const(digit)).Item(), 784*math.Ln2, 1e-9)

	// Confident logits stay finite: σ(±800) is 1 or 0 in float64.
	far := tensor.FromSlice([]float64{800, -800, 800, -800}, 1, 4)
	bits := tensor.FromSlice([]float64{1, 0, 0, 1}, 1, 4)
	wantNear(t, "NLL of confident logits", BernoulliNLLTensor(far, bits).Data[0], 1600, 1e-9)
	wantNear(t, "NLL of confident logits (autograd)", BernoulliNLL(autograd.Const(far), autograd.Const(bits)).Item(), 1600, 1e-9)
}

// TestNegativeELBO checks the loss against its two terms, the β weight and
// the gradients.
func TestNegativeELBO(t *testing.T) {
	rng := tensor.NewRNG(8)
	logits, mu, logVar := randParam(rng, 2, 4, 5), randParam(rng, 1, 4, 2), randParam(rng, 1, 4, 2)
	x := autograd.Const(tensor.RandU(rng, 0, 1, 4, 5))
	loss, recon, kl := NegativeELBO(logits, x, mu, logVar, 1)
	wantNear(t, "recon", recon.Item(), tensor.Sum(BernoulliNLLTensor(logits.Data, x.Data)), 1e-12)
	wantNear(t, "kl", kl.Item(), tensor.Sum(KLStdNormalTensor(mu.Data, logVar.Data)), 1e-12)
	wantNear(t, "loss", loss.Item(), recon.Item()+kl.Item(), 1e-12)
	beta4, _, _ := NegativeELBO(logits, x, mu, logVar, 4)
	wantNear(t, "loss with β = 4", beta4.Item(), recon.Item()+4*kl.Item(), 1e-12)
	f := func() *autograd.Value {
		l, _, _ := NegativeELBO(logits, x, mu, logVar, 2.5)
		return l
	}
	if _, err := autograd.GradCheck(f, []*autograd.Value{logits, mu, logVar}, 1e-6); err != nil {
		t.Fatal(err)
	}
}
