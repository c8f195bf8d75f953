//go:build graded

package gradpen

import (
	"math"
	"slices"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// critic builds Linear layers of the given widths (widths[0] inputs, one
// score out) and the Sequential that runs them with LeakyReLU between.
func critic(widths []int, slope float64, seed uint64) ([]*nn.Linear, *nn.Sequential) {
	rng := tensor.NewRNG(seed)
	var linears []*nn.Linear
	var layers []nn.Layer
	for i := 0; i+1 < len(widths); i++ {
		l := nn.NewLinear(widths[i], widths[i+1], rng)
		linears = append(linears, l)
		layers = append(layers, l)
		if i+2 < len(widths) {
			layers = append(layers, nn.LeakyReLU{Slope: slope})
		}
	}
	return linears, nn.NewSequential(layers...)
}

// backprop is ∇ₓf by backpropagation: the gradient Backward leaves on x.
func backprop(f *nn.Sequential, x *tensor.Tensor) *tensor.Tensor {
	xv := autograd.Param(x.Clone())
	autograd.Sum(f.Forward(xv)).Backward()
	for _, v := range nn.Values(f) {
		v.ZeroGrad()
	}
	return xv.Grad
}

// penaltyOf is the penalty of gradients g [N, in] in plain numbers.
func penaltyOf(g *tensor.Tensor) float64 {
	n, d := g.Dim(0), g.Dim(1)
	s := 0.0
	for i := 0; i < n; i++ {
		norm := 0.0
		for _, v := range g.Data[i*d : (i+1)*d] {
			norm += v * v
		}
		s += (math.Sqrt(norm) - 1) * (math.Sqrt(norm) - 1)
	}
	return s / float64(n)
}

func TestInputGradient(t *testing.T) {
	for _, c := range []struct {
		widths []int
		slope  float64
	}{{[]int{2, 16, 16, 1}, 0.2}, {[]int{3, 5, 7, 4, 1}, 0.1}, {[]int{4, 1}, 0.2}} {
		linears, f := critic(c.widths, c.slope, 1)
		x := tensor.RandN(tensor.NewRNG(2), 9, c.widths[0])
		got := InputGradient(linears, c.slope, x)
		want := backprop(f, x)
		if !slices.Equal(got.Data.Shape, want.Shape) {
			t.Fatalf("widths %v: gradient of shape %v, want %v", c.widths, got.Data.Shape, want.Shape)
		}
		for i := range want.Data {
			if math.Abs(got.Data.Data[i]-want.Data[i]) > 1e-12 {
				t.Fatalf("widths %v: ∇ₓf entry %d = %.15g, backpropagation gives %.15g", c.widths, i, got.Data.Data[i], want.Data[i])
			}
		}
	}
}

func TestPenalty(t *testing.T) {
	g := tensor.FromSlice([]float64{0.6, 0.8, 1, 0, 0, 3}, 3, 2)
	if got := Penalty(autograd.Const(g)).Item(); math.Abs(got-4.0/3) > 1e-9 {
		t.Errorf("penalty of rows of norm 1, 1 and 3 = %.12g, want 4/3", got)
	}
	zero := autograd.Param(tensor.New(2, 3))
	p := Penalty(zero)
	p.Backward()
	if math.Abs(p.Item()-1) > 1e-5 {
		t.Errorf("penalty of zero gradients = %.12g, want 1", p.Item())
	}
	for _, v := range zero.Grad.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("the penalty's gradient at a zero row is %v, want finite", zero.Grad.Data)
		}
	}
}

// TestPenaltyGradient: the gradient of Penalty(InputGradient(...)) with
// respect to every weight of the critic, against central differences of
// the penalty of backpropagation's input gradient.
func TestPenaltyGradient(t *testing.T) {
	linears, f := critic([]int{2, 6, 6, 1}, 0.2, 3)
	x := tensor.RandN(tensor.NewRNG(4), 5, 2)
	Penalty(InputGradient(linears, 0.2, x)).Backward()
	for _, l := range linears {
		if l.W.Grad == nil {
			t.Fatal("a weight matrix of the critic has no gradient")
		}
	}
	var grads []*tensor.Tensor // kept before backprop below clears them
	for _, v := range nn.Values(f) {
		g := tensor.ZerosLike(v.Data) // a bias only moves the kinks: no gradient
		if v.Grad != nil {
			g = v.Grad.Clone()
		}
		grads = append(grads, g)
	}
	for k, v := range nn.Values(f) {
		grad := grads[k]
		for i := range v.Data.Data {
			keep := v.Data.Data[i]
			v.Data.Data[i] = keep + 1e-6
			up := penaltyOf(backprop(f, x))
			v.Data.Data[i] = keep - 1e-6
			down := penaltyOf(backprop(f, x))
			v.Data.Data[i] = keep
			want := (up - down) / 2e-6
			if math.Abs(grad.Data[i]-want) > 1e-6*math.Max(1, math.Abs(want)) {
				t.Fatalf("weight %d[%d]: gradient %.9g, finite differences %.9g", k, i, grad.Data[i], want)
			}
		}
	}
}

// TestTrainsOnRing trains a WGAN-GP on the ring of eight Gaussians for
// 600 generator steps, five critic steps each, with Penalty and
// InputGradient. The generator starts as a blob near the origin, about
// 1.8 from the ring; it must end within 0.5 of it on average.
func TestTrainsOnRing(t *testing.T) {
	rng := tensor.NewRNG(1)
	g := nn.NewSequential(nn.NewLinear(8, 64, rng), nn.ReLU{}, nn.NewLinear(64, 64, rng), nn.ReLU{}, nn.NewLinear(64, 2, rng))
	linears, f := critic([]int{2, 64, 64, 1}, 0.2, 2)
	optG, optF := optim.NewAdam(nn.Values(g), 1e-3), optim.NewAdam(nn.Values(f), 1e-3)
	for _, o := range []*optim.Adam{optG, optF} {
		o.Beta1, o.Beta2 = 0.5, 0.9
	}
	batches, noise, mix := tensor.NewRNG(3), tensor.NewRNG(4), tensor.NewRNG(5)
	for step := 0; step < 600; step++ {
		for k := 0; k < 5; k++ {
			x, _ := data.Ring(64, 8, 2, 0.02, batches.Uint64())
			fake := g.Forward(autograd.NoGrad(tensor.RandN(noise, 64, 8))).Data
			e := tensor.RandU(mix, 0, 1, 64, 1)
			xHat := tensor.Add(tensor.Mul(e, x), tensor.Mul(tensor.AddScalar(tensor.Neg(e), 1), fake))
			w := autograd.Sub(autograd.Mean(f.Forward(autograd.Const(x))), autograd.Mean(f.Forward(autograd.Const(fake))))
			loss := autograd.Add(autograd.Neg(w), autograd.Scale(Penalty(InputGradient(linears, 0.2, xHat)), 0.1))
			optF.ZeroGrad()
			loss.Backward()
			optF.Step()
		}
		lossG := autograd.Neg(autograd.Mean(f.Forward(g.Forward(autograd.Const(tensor.RandN(noise, 64, 8))))))
		optG.ZeroGrad()
		lossG.Backward()
		optG.Step()
	}
	pts := g.Forward(autograd.NoGrad(tensor.RandN(tensor.NewRNG(6), 1000, 8))).Data
	dist := 0.0
	for i := 0; i < 1000; i++ {
		dist += math.Abs(math.Hypot(pts.Data[2*i], pts.Data[2*i+1]) - 2)
	}
	dist /= 1000
	t.Logf("after 600 steps the samples are %.3f from the ring on average", dist)
	if !(dist < 0.5) {
		t.Errorf("after 600 steps the samples are %.3f from the ring on average, want below 0.5", dist)
	}
}
