package gan

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// TestInputGradientMatchesBackward compares the critic's input gradient,
// built as a graph, with the gradient backpropagation leaves on the
// input itself.
func TestInputGradientMatchesBackward(t *testing.T) {
	d := NewRingDiscriminator([]int{16, 16}, tensor.NewRNG(3))
	x := tensor.RandN(tensor.NewRNG(4), 7, 2)
	got := d.InputGradient(x).Data

	xv := autograd.Param(x.Clone())
	autograd.Sum(d.Forward(xv)).Backward()
	for i := range got.Data {
		if math.Abs(got.Data[i]-xv.Grad.Data[i]) > 1e-12 {
			t.Fatalf("∇ₓf entry %d = %.15g, backpropagation gives %.15g", i, got.Data[i], xv.Grad.Data[i])
		}
	}
}

// TestGradientPenaltyGradCheck checks the penalty's gradient with respect
// to the critic's weights, a gradient through a gradient, against
// finite differences.
func TestGradientPenaltyGradCheck(t *testing.T) {
	d := NewRingDiscriminator([]int{8, 8}, tensor.NewRNG(5))
	x := tensor.RandN(tensor.NewRNG(6), 5, 2)
	f := func() *autograd.Value { return GradientPenalty(d.InputGradient(x)) }
	if _, err := autograd.GradCheck(f, nn.Values(d), 1e-6); err != nil {
		t.Fatal(err)
	}
}

// TestGradientPenaltyByHand: gradients of norm 1 cost nothing, and a
// row of norm 3 costs (3 − 1)² averaged over the rows.
func TestGradientPenaltyByHand(t *testing.T) {
	g := tensor.FromSlice([]float64{0.6, 0.8, 1, 0, 0, 3}, 3, 2)
	wantNear(t, "penalty", GradientPenalty(autograd.Const(g)).Item(), 4.0/3, 1e-9)
}

// TestInputGradientRefusesOtherLayers: the graph is built for
// Linear/LeakyReLU stacks only; any other layer must be refused, not
// differentiated wrongly.
func TestInputGradientRefusesOtherLayers(t *testing.T) {
	d := &RingDiscriminator{Net: nn.NewSequential(nn.NewLinear(2, 4, tensor.NewRNG(1)), nn.Tanh{}, nn.NewLinear(4, 1, tensor.NewRNG(2)))}
	defer func() {
		if recover() == nil {
			t.Fatal("InputGradient accepted a Tanh layer")
		}
	}()
	d.InputGradient(tensor.New(1, 2))
}

// ringDistance is the mean distance of the points pts [N, 2] from the
// circle of radius RingRadius the eight modes sit on.
func ringDistance(pts *tensor.Tensor) float64 {
	s := 0.0
	for i := 0; i < pts.Dim(0); i++ {
		s += math.Abs(math.Hypot(pts.Data[2*i], pts.Data[2*i+1]) - RingRadius)
	}
	return s / float64(pts.Dim(0))
}

// TestWGANReachesTheRing trains the chapter's WGAN-GP briefly: its
// samples start in a blob at the origin, two units from the ring, and
// must end within a band of it that a generator the critic does not
// train cannot reach.
func TestWGANReachesTheRing(t *testing.T) {
	cfg := DefaultWGANConfig()
	cfg.Ring.Steps = 600
	cfg.Ring.SnapshotEvery = 0
	res, err := TrainWGAN(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	start, end := ringDistance(res.Snapshots[0].Samples), ringDistance(res.Snapshots[len(res.Snapshots)-1].Samples)
	t.Logf("mean distance from the ring: %.3f at the start, %.3f after %d steps", start, end, cfg.Ring.Steps)
	if start < 1.5 {
		t.Errorf("the untrained generator is %.3f from the ring, want a blob near the origin", start)
	}
	if end > 0.5 {
		t.Errorf("after %d steps the samples are %.3f from the ring, want at most 0.5", cfg.Ring.Steps, end)
	}
}
