//go:build graded

package trainstep

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// mlp is a network in → hidden → hidden → out with the given activation.
func mlp(in, hidden, out int, act nn.Layer, rng *tensor.RNG) *nn.Sequential {
	return nn.NewSequential(nn.NewLinear(in, hidden, rng), act, nn.NewLinear(hidden, hidden, rng), act, nn.NewLinear(hidden, out, rng))
}

// networks builds a generator from 4 noise dimensions to the plane and a
// discriminator from the plane to a logit.
func networks(hidden int, seed uint64) (g, d *nn.Sequential) {
	rng := tensor.NewRNG(seed)
	return mlp(4, hidden, 2, nn.ReLU{}, rng), mlp(2, hidden, 1, nn.LeakyReLU{Slope: 0.2}, rng)
}

// sgd is plain gradient descent on m's parameters, so that a step can be
// checked against the gradient itself.
func sgd(m nn.Module, lr float64) *optim.SGD { return optim.NewSGD(nn.Values(m), lr, 0) }

// adam is Adam with DCGAN's β1 = 0.5, as the chapter trains the ring GAN.
func adam(m nn.Module, lr float64) *optim.Adam {
	o := optim.NewAdam(nn.Values(m), lr)
	o.Beta1 = 0.5
	return o
}

// logits runs d on points without recording a graph.
func logits(d *nn.Sequential, x *tensor.Tensor) []float64 {
	return d.Forward(autograd.NoGrad(x)).Data.Data
}

// softplus is log(1 + e^s), stable for any s.
func softplus(s float64) float64 { return math.Max(s, 0) + math.Log1p(math.Exp(-math.Abs(s))) }

// meanSoftplus is the mean of softplus(sign·s) over s.
func meanSoftplus(s []float64, sign float64) float64 {
	t := 0.0
	for _, v := range s {
		t += softplus(sign * v)
	}
	return t / float64(len(s))
}

// lossD is the discriminator's cross-entropy computed from d's logits:
// -log σ(s) = softplus(-s) for a real point, -log(1 - σ(s)) = softplus(s)
// for a generated one.
func lossD(g, d *nn.Sequential, x, z *tensor.Tensor) float64 {
	fake := g.Forward(autograd.NoGrad(z)).Data
	return meanSoftplus(logits(d, x), -1) + meanSoftplus(logits(d, fake), 1)
}

// lossG is the non-saturating loss -log σ(s) of the generated points.
func lossG(g, d *nn.Sequential, z *tensor.Tensor) float64 {
	return meanSoftplus(logits(d, g.Forward(autograd.NoGrad(z)).Data), -1)
}

// snapshot copies m's parameters.
func snapshot(m nn.Module) [][]float64 {
	var out [][]float64
	for _, v := range nn.Values(m) {
		out = append(out, append([]float64(nil), v.Data.Data...))
	}
	return out
}

// checkSGDStep checks that m moved from before as one step of plain
// gradient descent on f moves it, θ ← θ − lr·∂f/∂θ, with ∂f/∂θ found by
// central differences of f. One parameter in a hundred may disagree (a
// difference that straddles a kink of ReLU or LeakyReLU misjudges the
// slope). It returns how many parameters moved.
func checkSGDStep(t *testing.T, who string, m nn.Module, before [][]float64, lr float64, f func() float64) int {
	t.Helper()
	checked, wrong, moved := 0, 0, 0
	after := snapshot(m)
	setTo(m, before) // the slopes are taken where the step started
	defer setTo(m, after)
	for k, v := range nn.Values(m) {
		for i := range v.Data.Data {
			v.Data.Data[i] = before[k][i] + 1e-6
			up := f()
			v.Data.Data[i] = before[k][i] - 1e-6
			down := f()
			v.Data.Data[i] = before[k][i]
			want := before[k][i] - lr*(up-down)/2e-6
			checked++
			if after[k][i] != before[k][i] {
				moved++
			}
			if math.Abs(after[k][i]-want) > 1e-6*lr+1e-3*math.Abs(want-before[k][i]) {
				if wrong == 0 {
					t.Logf("%s: parameter %d[%d] moved from %.9g to %.9g; a gradient step (lr %g) on its loss gives %.9g",
						who, k, i, before[k][i], after[k][i], lr, want)
				}
				wrong++
			}
		}
	}
	if wrong > checked/100 {
		t.Fatalf("%s: %d of %d parameters did not move as one gradient step on the loss moves them", who, wrong, checked)
	}
	return moved
}

// setTo restores m's parameters from a snapshot.
func setTo(m nn.Module, s [][]float64) {
	for k, v := range nn.Values(m) {
		copy(v.Data.Data, s[k])
	}
}

// TestDiscriminatorStep: d's update is one gradient step on its own loss,
// and the returned loss is that loss before the update. The step is
// checked on a second call, after a first one has left gradients behind.
func TestDiscriminatorStep(t *testing.T) {
	g, d := networks(8, 1)
	x, _ := data.Ring(32, 8, 2, 0.02, 2)
	z := tensor.RandN(tensor.NewRNG(3), 32, 4)
	Step(g, d, sgd(g, 0.1), sgd(d, 0.1), x, z)

	gBefore, dBefore := snapshot(g), snapshot(d)
	want := lossD(g, d, x, z)
	const lr = 0.1
	gotD, _ := Step(g, d, sgd(g, lr), sgd(d, lr), x, z)
	if math.Abs(gotD-want) > 1e-9 {
		t.Errorf("lossD = %.12g, want %.12g, the discriminator's cross-entropy before its update", gotD, want)
	}
	gAfter := snapshot(g)
	setTo(g, gBefore) // d's loss is measured with the generator d was trained against
	n := checkSGDStep(t, "discriminator", d, dBefore, lr, func() float64 { return lossD(g, d, x, z) })
	setTo(g, gAfter)
	if n < 50 {
		t.Fatalf("only %d of the discriminator's parameters moved", n)
	}
}

// TestGeneratorStep: g's update is one gradient step on the non-saturating
// loss through the discriminator as updated in the same step, and
// nothing of the discriminator's loss reaches it.
func TestGeneratorStep(t *testing.T) {
	g, d := networks(8, 4)
	x, _ := data.Ring(32, 8, 2, 0.02, 5)
	z := tensor.RandN(tensor.NewRNG(6), 32, 4)
	Step(g, d, sgd(g, 0.1), sgd(d, 0.1), x, z)

	gBefore := snapshot(g)
	const lr = 0.1
	_, gotG := Step(g, d, sgd(g, lr), sgd(d, lr), x, z)
	gAfter := snapshot(g)
	setTo(g, gBefore)
	want := lossG(g, d, z) // d is already the updated one
	if math.Abs(gotG-want) > 1e-9 {
		t.Errorf("lossG = %.12g, want %.12g, the non-saturating loss through the updated discriminator, before the generator's update", gotG, want)
	}
	setTo(g, gAfter)
	n := checkSGDStep(t, "generator", g, gBefore, lr, func() float64 { return lossG(g, d, z) })
	if n < 50 {
		t.Fatalf("only %d of the generator's parameters moved", n)
	}
}

// TestTrainsOnRing trains a GAN with Step for 2,500 steps on the ring of
// eight Gaussians, with the chapter's settings, and asks for what the
// chapter's own GAN reaches: at least 6 of the 8 modes, with at least
// half of the samples within 3σ of a mode.
func TestTrainsOnRing(t *testing.T) {
	g, d := mlp(8, 64, 2, nn.ReLU{}, tensor.NewRNG(1)), mlp(2, 64, 1, nn.LeakyReLU{Slope: 0.2}, tensor.NewRNG(2))
	optG, optD := adam(g, 3e-3), adam(d, 3e-3)
	schedule := optim.WarmupCosine{Base: 3e-3, Min: 1e-4, Total: 2500}
	batches, noise := tensor.NewRNG(3), tensor.NewRNG(4)
	for step := 1; step <= 2500; step++ {
		optim.ApplySchedule(optG, schedule, step)
		optim.ApplySchedule(optD, schedule, step)
		x, _ := data.Ring(64, 8, 2, 0.02, batches.Uint64())
		Step(g, d, optG, optD, x, tensor.RandN(noise, 64, 8))
	}
	samples := g.Forward(autograd.NoGrad(tensor.RandN(tensor.NewRNG(5), 2000, 8))).Data
	c := metrics.ModeCoverage(samples, metrics.RingCentres(8, 2), 0.02)
	t.Logf("after 2,500 steps: %v", c)
	if c.Modes < 6 || c.HighQuality < 0.5 {
		t.Errorf("after 2,500 steps the generator covers %d of 8 modes with %.1f%% of its samples of high quality; want at least 6 and 50%%", c.Modes, 100*c.HighQuality)
	}
}
