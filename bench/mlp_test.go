package bench

import (
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// mlpStep is one training step of an MLP 784-512-512-10 on a batch of 128:
// forward, cross-entropy, backward and an Adam update, the workload that
// mlp_step.py runs in PyTorch.
type mlpStep struct {
	net    *nn.Sequential
	opt    *optim.Adam
	x      *autograd.Value
	labels []int
}

func newMLPStep() *mlpStep {
	rng := tensor.NewRNG(1)
	net := nn.NewSequential(
		nn.NewLinear(784, 512, rng), nn.ReLU{},
		nn.NewLinear(512, 512, rng), nn.ReLU{},
		nn.NewLinear(512, 10, rng),
	)
	labels := make([]int, 128)
	for i := range labels {
		labels[i] = rng.Intn(10)
	}
	return &mlpStep{
		net:    net,
		opt:    optim.NewAdam(nn.Values(net), 1e-3),
		x:      autograd.Const(tensor.RandU(rng, 0, 1, 128, 784)),
		labels: labels,
	}
}

func (s *mlpStep) run() float64 {
	loss := nn.CrossEntropy(s.net.Forward(s.x), s.labels, 0)
	s.opt.ZeroGrad()
	loss.Backward()
	s.opt.Step()
	return loss.Item()
}

// BenchmarkMLPStep reports the time of one step; run with -cpu 1,2 to see
// one thread and two.
func BenchmarkMLPStep(b *testing.B) {
	s := newMLPStep()
	s.run() // allocate Adam's state and warm the caches
	b.ReportAllocs()
	b.ResetTimer()
	u := startUsage()
	for i := 0; i < b.N; i++ {
		s.run()
	}
	u.report(b)
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/step")
}

// TestMLPStepLearns keeps the benchmark honest: the step it times must
// actually train (memorise the random labels of its one batch).
func TestMLPStepLearns(t *testing.T) {
	s := newMLPStep()
	first := s.run()
	var last float64
	for i := 0; i < 30; i++ {
		last = s.run()
	}
	if !(first > 2 && last < 0.5) {
		t.Fatalf("loss went from %.3f to %.3f in 30 steps on one batch; want from about ln 10 to below 0.5", first, last)
	}
}
