package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// oracle is the perfect noise predictor for one known x_0: it reads the
// noise off x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε.
type oracle struct {
	s  *Schedule
	x0 *tensor.Tensor
}

func (o oracle) Params() []nn.Param   { return nil }
func (o oracle) LearnsVariance() bool { return false }
func (o oracle) Forward(xt *autograd.Value, t []int) *autograd.Value {
	// (x_t − √ᾱ_t x_0)/√(1−ᾱ_t) is PredictX0's formula with x_0 and ε swapped
	out := tensor.New(o.x0.Shape...)
	d := o.x0.Shape[1]
	for i, ti := range t {
		a := o.s.AlphaBar[ti]
		for j := 0; j < d; j++ {
			k := i*d + j
			out.Data[k] = (xt.Data.Data[k] - math.Sqrt(a)*o.x0.Data[k]) / math.Sqrt(1-a)
		}
	}
	return autograd.Const(out)
}

// L_simple is zero for the predictor that knows the noise, and is not for
// one that is off by a little.
func TestSimpleLossZeroForPerfectPredictor(t *testing.T) {
	s := ho(t)
	rng := tensor.NewRNG(8)
	x0, eps := tensor.RandN(rng, 6, 2), tensor.RandN(rng, 6, 2)
	ts := []int{1, 2, 50, 400, 999, 1000}
	if l := SimpleLoss(oracle{s, x0}, s, x0, ts, eps).Item(); l > 1e-20 {
		t.Fatalf("L_simple of the oracle = %g; want 0", l)
	}
	off := tensor.AddScalar(x0, 0.01)
	if l := SimpleLoss(oracle{s, off}, s, x0, ts, eps).Item(); !(l > 1e-6) {
		t.Fatalf("L_simple of an oracle for the wrong x_0 = %g; want > 0", l)
	}
}

// A short seeded run on the swiss roll brings L_simple well below 1, the
// loss of a network that predicts no noise at all, and the same seed gives
// the same losses.
func TestTrainToyLearns(t *testing.T) {
	cfg := DefaultToyTraining()
	cfg.Steps, cfg.Batch = 300, 128
	run := func() *ToyResult {
		res, err := TrainToy(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a := run()
	tail := 0.0
	for _, l := range a.Loss[len(a.Loss)-50:] {
		tail += l / 50
	}
	// an untrained network's L_simple is about 1; a trained one's about 0.3
	if first := a.Loss[0]; !(first > 0.7) || !(tail < 0.5) {
		t.Fatalf("L_simple went from %.3f to %.3f (mean of the last 50 steps); want from about 1 to below 0.5", first, tail)
	}
	if b := run(); b.Loss[len(b.Loss)-1] != a.Loss[len(a.Loss)-1] {
		t.Fatalf("the same seed gave final losses %v and %v", a.Loss[len(a.Loss)-1], b.Loss[len(b.Loss)-1])
	}
}

// Deterministic DDIM inverts: the noise InvertDDIM finds for a set of
// points decodes back onto them to 1e-6, while the usual one-guess
// inversion misses.
func TestDDIMInverts(t *testing.T) {
	cfg := DefaultToyTraining()
	cfg.Steps, cfg.Batch = 100, 64
	res, err := TrainToy(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	x0, err := ToyData(SwissRoll, 50, 3)
	if err != nil {
		t.Fatal(err)
	}
	steps := StridedSteps(cfg.T, cfg.T)
	xT := InvertDDIM(res.Model, res.Schedule, x0, steps, 10)
	back := SampleDDIM(res.Model, res.Schedule, xT, steps, 0, nil)
	if d := maxAbsDiff(back.Data, x0.Data); d > 1e-6 {
		t.Fatalf("decoding the inverted noise misses x_0 by %.2e", d)
	}
	naive := SampleDDIM(res.Model, res.Schedule, InvertDDIM(res.Model, res.Schedule, x0, steps, 0), steps, 0, nil)
	if d := maxAbsDiff(naive.Data, x0.Data); !(d > 1e-5) {
		t.Fatalf("the one-guess inversion lands within %.2e; the test cannot tell the two apart", d)
	}
}

func TestStridedSteps(t *testing.T) {
	for _, c := range []struct {
		T, n int
		want []int
	}{{10, 10, []int{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}}, {1000, 4, []int{1000, 667, 334, 1}}, {50, 1, []int{50}}} {
		got := StridedSteps(c.T, c.n)
		if len(got) != len(c.want) {
			t.Fatalf("StridedSteps(%d, %d) = %v; want %v", c.T, c.n, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Fatalf("StridedSteps(%d, %d) = %v; want %v", c.T, c.n, got, c.want)
			}
		}
	}
}

// The time embedding is the sinusoid of the step.
func TestTimeEmbedding(t *testing.T) {
	e := TimeEmbedding([]int{0, 7}, 4)
	want := []float64{0, 1, 0, 1, math.Sin(7), math.Cos(7), math.Sin(0.07), math.Cos(0.07)}
	if d := maxAbsDiff(e.Data, want); d > 1e-15 {
		t.Fatalf("TimeEmbedding = %v; want %v", e.Data, want)
	}
}
