//go:build graded

package amortise

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/chapters/vae"
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// decoder is a small random decoder J → 6 → D.
func decoder(j, d int, seed uint64) *nn.Sequential {
	rng := tensor.NewRNG(seed)
	return nn.NewSequential(nn.NewLinear(j, 6, rng), nn.Tanh{}, nn.NewLinear(6, d, rng))
}

// softplus is log(1 + e^l), stable for any l.
func softplus(l float64) float64 { return math.Max(l, 0) + math.Log1p(math.Exp(-math.Abs(l))) }

// bound is the sum over the images of the negative ELBO with the draw
// z = μ + σ·ε, in plain numbers.
func bound(dec *nn.Sequential, x, mu, logVar, eps *tensor.Tensor) float64 {
	n, j := mu.Dim(0), mu.Dim(1)
	z := tensor.New(n, j)
	total := 0.0
	for i := range z.Data {
		m, lv := mu.Data[i], logVar.Data[i]
		z.Data[i] = m + math.Exp(lv/2)*eps.Data[i]
		total += (m*m + math.Exp(lv) - 1 - lv) / 2
	}
	logits := dec.Forward(autograd.NoGrad(z)).Data
	for i, l := range logits.Data {
		total += softplus(l) - x.Data[i]*l
	}
	return total
}

func TestStartsWhereAsked(t *testing.T) {
	dec := decoder(2, 5, 1)
	x := tensor.RandU(tensor.NewRNG(2), 0, 1, 3, 5)
	mu0, lv0 := tensor.RandN(tensor.NewRNG(3), 3, 2), tensor.RandN(tensor.NewRNG(4), 3, 2)
	keepMu, keepLv := mu0.Clone(), lv0.Clone()
	mu, lv := Refine(dec.Forward, x, mu0, lv0, 0, 0.1, func() *tensor.Tensor { return tensor.New(3, 2) })
	for i := range mu0.Data {
		if mu.Data[i] != keepMu.Data[i] || lv.Data[i] != keepLv.Data[i] {
			t.Fatalf("with no steps, entry %d is (%g, %g), want the start (%g, %g)", i, mu.Data[i], lv.Data[i], keepMu.Data[i], keepLv.Data[i])
		}
	}
	mu.Data[0], lv.Data[0] = 99, 99
	if mu0.Data[0] == 99 || lv0.Data[0] == 99 {
		t.Fatal("the results share their numbers with mu0 and logVar0: return new tensors")
	}
}

// TestOneStep: a first Adam step moves every number by the learning rate
// against the sign of its derivative, here found by central differences
// of the bound with the step's noise; the inputs and the decoder stay
// as they were.
func TestOneStep(t *testing.T) {
	dec := decoder(3, 7, 5)
	x := tensor.RandU(tensor.NewRNG(6), 0, 1, 4, 7)
	mu0, lv0 := tensor.RandN(tensor.NewRNG(7), 4, 3), tensor.Scale(tensor.RandN(tensor.NewRNG(8), 4, 3), 0.5)
	eps := tensor.RandN(tensor.NewRNG(9), 4, 3)
	keepMu, keepLv := mu0.Clone(), lv0.Clone()
	var weights [][]float64
	for _, v := range nn.Values(dec) {
		weights = append(weights, append([]float64(nil), v.Data.Data...))
	}
	calls := 0
	const lr = 0.01
	mu, lv := Refine(dec.Forward, x, mu0, lv0, 1, lr, func() *tensor.Tensor { calls++; return eps.Clone() })
	if calls != 1 {
		t.Fatalf("noise was called %d times for one step, want 1", calls)
	}
	for name, c := range map[string]struct{ got, start, keep *tensor.Tensor }{"μ": {mu, mu0, keepMu}, "log σ²": {lv, lv0, keepLv}} {
		for i := range c.start.Data {
			if c.start.Data[i] != c.keep.Data[i] {
				t.Fatalf("Refine changed its input %s", name)
			}
			c.start.Data[i] = c.keep.Data[i] + 1e-6
			up := bound(dec, x, mu0, lv0, eps)
			c.start.Data[i] = c.keep.Data[i] - 1e-6
			down := bound(dec, x, mu0, lv0, eps)
			c.start.Data[i] = c.keep.Data[i]
			grad := (up - down) / 2e-6
			want := c.keep.Data[i] - lr*math.Copysign(1, grad)
			if math.Abs(grad) > 1e-4 && math.Abs(c.got.Data[i]-want) > 0.01*lr {
				t.Fatalf("%s[%d] moved from %.9g to %.9g; a first Adam step on the bound, whose slope there is %.4g, gives %.9g",
					name, i, c.keep.Data[i], c.got.Data[i], grad, want)
			}
		}
	}
	for k, v := range nn.Values(dec) {
		for i, w := range v.Data.Data {
			if w != weights[k][i] {
				t.Fatalf("Refine changed the decoder's weight %d[%d]", k, i)
			}
		}
	}
}

// TestClosesTheGap trains the chapter's VAE for one pass over 2,000
// digits, then fits the codes of 50 test digits for 200 steps at 10⁻²:
// their bound, estimated with the same 4 noise draws before and after,
// must fall by at least a nat a digit.
func TestClosesTheGap(t *testing.T) {
	dir, err := data.MNISTDir()
	if err != nil {
		t.Fatal(err)
	}
	train, test, err := data.LoadMNIST(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := vae.DefaultConfig()
	cfg.Epochs, cfg.BatchSize, cfg.Seed = 1, 32, 1
	res, err := vae.Train(cfg, train.Head(2000), test.Head(100), nil)
	if err != nil {
		t.Fatal(err)
	}
	m, x := res.Model, test.Head(50).Images
	mu, lv := m.Encode(autograd.NoGrad(x))
	rng := tensor.NewRNG(2)
	rmu, rlv := Refine(m.Decode, x, mu.Data, lv.Data, 200, 1e-2, func() *tensor.Tensor { return tensor.RandN(rng, 50, m.Latent()) })
	mean := func(v []float64) float64 {
		s := 0.0
		for _, b := range v {
			s += b
		}
		return s / float64(len(v))
	}
	before := mean(vae.BoundOf(m, x, mu.Data, lv.Data, 4, tensor.NewRNG(3)))
	after := mean(vae.BoundOf(m, x, rmu, rlv, 4, tensor.NewRNG(3)))
	t.Logf("negative ELBO of 50 test digits: %.2f with the encoder's q, %.2f fitted", before, after)
	if !(after < before-1) {
		t.Errorf("fitted bound %.2f nats a digit, the encoder's %.2f: want at least a nat lower", after, before)
	}
}
