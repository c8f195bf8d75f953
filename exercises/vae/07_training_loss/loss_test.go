//go:build graded

package vaeloss

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// vae builds an encoder D → hidden → 2J and a decoder J → hidden → D.
func vae(d, hidden, j int, seed uint64) (enc, dec *nn.Sequential) {
	rng := tensor.NewRNG(seed)
	enc = nn.NewSequential(nn.NewLinear(d, hidden, rng), nn.ReLU{}, nn.NewLinear(hidden, 2*j, rng))
	dec = nn.NewSequential(nn.NewLinear(j, hidden, rng), nn.ReLU{}, nn.NewLinear(hidden, d, rng))
	return enc, dec
}

// softplus is log(1 + e^l), stable for any l.
func softplus(l float64) float64 { return math.Max(l, 0) + math.Log1p(math.Exp(-math.Abs(l))) }

// reference is the negative ELBO per digit computed with plain numbers
// from the networks' outputs.
func reference(enc, dec *nn.Sequential, x, eps *tensor.Tensor) float64 {
	n, d, j := x.Dim(0), x.Dim(1), eps.Dim(1)
	h := enc.Forward(autograd.NoGrad(x)).Data
	z := tensor.New(n, j)
	kl := 0.0
	for i := 0; i < n; i++ {
		for k := 0; k < j; k++ {
			mu, lv := h.Data[i*2*j+k], h.Data[i*2*j+j+k]
			z.Data[i*j+k] = mu + math.Exp(lv/2)*eps.Data[i*j+k]
			kl += (mu*mu + math.Exp(lv) - 1 - lv) / 2
		}
	}
	logits := dec.Forward(autograd.NoGrad(z)).Data
	recon := 0.0
	for i := 0; i < n*d; i++ {
		recon += softplus(logits.Data[i]) - x.Data[i]*logits.Data[i]
	}
	return (recon + kl) / float64(n)
}

// greys is n images of d pixels with grey levels in [0, 1].
func greys(n, d int, seed uint64) *tensor.Tensor {
	return tensor.RandU(tensor.NewRNG(seed), 0, 1, n, d)
}

func TestValue(t *testing.T) {
	enc, dec := vae(12, 8, 3, 1)
	x, eps := greys(5, 12, 2), tensor.RandN(tensor.NewRNG(3), 5, 3)
	got, want := NegativeELBO(enc, dec, x, eps), reference(enc, dec, x, eps)
	if got.Data.Size() != 1 || math.Abs(got.Item()-want) > 1e-9*math.Max(1, want) {
		t.Fatalf("NegativeELBO = %v, want the scalar %.12g", got.Data.Data, want)
	}
	// A decoder a thousand times more confident: logits in the thousands,
	// where σ(l) rounds to 0 or 1.
	last := dec.Layers[len(dec.Layers)-1].(*nn.Linear)
	for i := range last.W.Data.Data {
		last.W.Data.Data[i] *= 1000
	}
	got, want = NegativeELBO(enc, dec, x, eps), reference(enc, dec, x, eps)
	if math.IsNaN(got.Item()) || math.IsInf(got.Item(), 0) || math.Abs(got.Item()-want) > 1e-9*want {
		t.Fatalf("with logits in the thousands NegativeELBO = %v, want %.12g", got.Item(), want)
	}
}

// TestGradients compares the gradient Backward leaves on every weight
// of both networks with central differences of the reference value: a
// draw of z that the gradient cannot pass through leaves the encoder
// with the wrong gradient, or none.
func TestGradients(t *testing.T) {
	enc, dec := vae(6, 5, 2, 4)
	x, eps := greys(4, 6, 5), tensor.RandN(tensor.NewRNG(6), 4, 2)
	for _, m := range []*nn.Sequential{enc, dec} {
		for _, v := range nn.Values(m) {
			v.ZeroGrad()
		}
	}
	NegativeELBO(enc, dec, x, eps).Backward()
	for name, m := range map[string]*nn.Sequential{"encoder": enc, "decoder": dec} {
		for k, v := range nn.Values(m) {
			if v.Grad == nil {
				t.Fatalf("%s parameter %d has no gradient", name, k)
			}
			for i := range v.Data.Data {
				keep := v.Data.Data[i]
				v.Data.Data[i] = keep + 1e-6
				up := reference(enc, dec, x, eps)
				v.Data.Data[i] = keep - 1e-6
				down := reference(enc, dec, x, eps)
				v.Data.Data[i] = keep
				want := (up - down) / 2e-6
				if got := v.Grad.Data[i]; math.Abs(got-want) > 1e-5*math.Max(1, math.Abs(want)) {
					t.Fatalf("%s parameter %d[%d]: gradient %.9g, finite differences %.9g", name, k, i, got, want)
				}
			}
		}
	}
}

// TestTrainsOnMNIST trains a VAE with 20 code dimensions on the first
// 6,000 training digits for 600 steps of 100 with NegativeELBO as its
// loss, and scores the first 1,000 test digits: the untrained VAE scores
// 549 nats a digit, the reference solution 135, and this one must come
// below 145.
func TestTrainsOnMNIST(t *testing.T) {
	dir, err := data.MNISTDir()
	if err != nil {
		t.Fatal(err)
	}
	train, test, err := data.LoadMNIST(dir)
	if err != nil {
		t.Fatal(err)
	}
	train, test = train.Head(6000), test.Head(1000)
	enc, dec := vae(784, 256, 20, 7)
	opt := optim.NewAdam(append(nn.Values(enc), nn.Values(dec)...), 1e-3)
	rng := tensor.NewRNG(8)
	for step := 0; step < 600; step++ {
		idx := make([]int, 100)
		for i := range idx {
			idx[i] = (step*100 + i) % train.Len()
		}
		x, _ := train.Batch(idx)
		loss := NegativeELBO(enc, dec, x, tensor.RandN(rng, 100, 20))
		opt.ZeroGrad()
		loss.Backward()
		opt.Step()
	}
	all := make([]int, test.Len())
	for i := range all {
		all[i] = i
	}
	x, _ := test.Batch(all)
	score := reference(enc, dec, x, tensor.RandN(tensor.NewRNG(9), test.Len(), 20))
	t.Logf("negative ELBO of 1,000 test digits after 600 steps: %.2f nats a digit", score)
	if !(score < 145) {
		t.Errorf("negative ELBO %.2f nats a digit on the test digits, want below 145", score)
	}
}
