package diffusion

import (
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// tinyLatent is a LatentDenoiser small enough to gradient-check.
func tinyLatent(t *testing.T, classes int) *LatentDenoiser {
	t.Helper()
	m, err := NewLatentDenoiser(LatentConfig{Dim: 3, Emb: 4, Hidden: 5, Layers: 2, Classes: classes}, tensor.NewRNG(3))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The network's gradient, with respect to z_t and every weight, the
// label table's rows included, agrees with central differences.
func TestLatentDenoiserGradient(t *testing.T) {
	m := tinyLatent(t, 3)
	rng := tensor.NewRNG(5)
	zt := autograd.Param(tensor.RandN(rng, 4, 3))
	weights := tensor.RandN(rng, 4, 3)
	f := func() *autograd.Value {
		out := m.ForwardClass(zt, []int{1, 7, 40, 99}, []int{0, 3, 2, 0})
		return autograd.Sum(autograd.Mul(out, autograd.Const(weights)))
	}
	inputs := append([]*autograd.Value{zt}, nn.Values(m)...)
	if res, err := autograd.GradCheck(f, inputs, 1e-5); err != nil {
		t.Fatalf("%v (%+v)", err, res)
	}
}

// Forward is the prediction with "no label"; the step and the label
// both change it; an unconditional network has no label table; it is a
// ClassDenoiser with its classes.
func TestLatentDenoiserReadsStepAndLabel(t *testing.T) {
	m := tinyLatent(t, 3)
	var _ ClassDenoiser = m
	if m.NumClasses() != 3 || m.LearnsVariance() {
		t.Fatalf("NumClasses %d, LearnsVariance %v; want 3 and false", m.NumClasses(), m.LearnsVariance())
	}
	z := autograd.Const(tensor.RandN(tensor.NewRNG(6), 2, 3))
	base := m.ForwardClass(z, []int{10, 10}, []int{0, 0}).Data
	if s := base.Shape; s[0] != 2 || s[1] != 3 {
		t.Fatalf("output %v, want [2 3]", s)
	}
	if d := maxAbsDiff(m.Forward(z, []int{10, 10}).Data.Data, m.ForwardClass(z, []int{10, 10}, []int{3, 3}).Data.Data); d != 0 {
		t.Errorf("Forward differs from ForwardClass with the label none by %g", d)
	}
	for name, other := range map[string]*tensor.Tensor{
		"step":  m.ForwardClass(z, []int{11, 11}, []int{0, 0}).Data,
		"label": m.ForwardClass(z, []int{10, 10}, []int{2, 2}).Data,
		"none":  m.Forward(z, []int{10, 10}).Data,
	} {
		if maxAbsDiff(base.Data, other.Data) < 1e-9 {
			t.Errorf("changing the %s left the prediction unchanged", name)
		}
	}
	if u := tinyLatent(t, 0); u.Label != nil || u.Forward(z, []int{1, 2}).Shape()[1] != 3 {
		t.Errorf("an unconditional network has a label table or the wrong output")
	}
	for name, fn := range map[string]func(){
		"dim":    func() { m.Forward(autograd.Const(tensor.New(2, 4)), []int{1, 2}) },
		"labels": func() { m.ForwardClass(z, []int{1, 2}, []int{0}) },
		"range":  func() { m.ForwardClass(z, []int{1, 2}, []int{0, 4}) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			fn()
		}()
	}
	if _, err := NewLatentDenoiser(LatentConfig{Dim: 2, Emb: 3, Hidden: 4, Layers: 1}, tensor.NewRNG(1)); err == nil || !strings.Contains(err.Error(), "even Emb") {
		t.Errorf("an odd embedding width: %v", err)
	}
}

// Guided works on the latent network as on the U-Net: Guide of its
// conditional and unconditional predictions.
func TestGuidedLatent(t *testing.T) {
	m := tinyLatent(t, 3)
	z := autograd.Const(tensor.RandN(tensor.NewRNG(7), 2, 3))
	ts, y := []int{5, 90}, []int{0, 2}
	want := Guide(m.ForwardClass(z, ts, y).Data, m.Forward(z, ts).Data, 2.5)
	if d := maxAbsDiff(Guided{M: m, Y: y, W: 2.5}.Forward(z, ts).Data.Data, want.Data); d > 1e-12 {
		t.Fatalf("guided ε̃ off by %g", d)
	}
}

// Standardised codes have mean 0 and deviation 1 in every coordinate,
// Unstandardise undoes Standardise, and a coordinate that never varies
// stays finite.
func TestCodeScale(t *testing.T) {
	rng := tensor.NewRNG(8)
	z := tensor.New(500, 3)
	for i := 0; i < 500; i++ {
		z.Data[3*i] = rng.Normal(4, 0.1)
		z.Data[3*i+1] = rng.Normal(-2, 30)
		z.Data[3*i+2] = 7
	}
	c, err := FitCodeScale(z)
	if err != nil {
		t.Fatal(err)
	}
	x := c.Standardise(z)
	for k := 0; k < 2; k++ {
		mean, sq := 0.0, 0.0
		for i := 0; i < 500; i++ {
			mean += x.Data[3*i+k] / 500
			sq += x.Data[3*i+k] * x.Data[3*i+k] / 500
		}
		if math.Abs(mean) > 1e-12 || math.Abs(math.Sqrt(sq-mean*mean)-1) > 1e-12 {
			t.Errorf("coordinate %d: standardised mean %g, deviation %g; want 0 and 1", k, mean, math.Sqrt(sq-mean*mean))
		}
	}
	for i := 0; i < 500; i++ {
		if v := x.Data[3*i+2]; !(math.Abs(v) < 1e-6) {
			t.Fatalf("a constant coordinate standardises to %g, want 0", v)
		}
	}
	if d := maxAbsDiff(c.Unstandardise(x).Data, z.Data); d > 1e-12 {
		t.Errorf("Unstandardise(Standardise(z)) off by %g", d)
	}
	if _, err := FitCodeScale(tensor.New(1, 3)); err == nil {
		t.Errorf("a scale from one code: no error")
	}
}

// blobCentres are four well separated centres in four dimensions, 2·e_k.
var blobCentres = [4][4]float64{{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 2}}

// blobOffset and blobScale move the blobs away from unit scale, each
// coordinate differently, as a VAE's codes are: code = offset + scale·u.
var (
	blobOffset = [4]float64{3, -1, 0.5, 10}
	blobScale  = [4]float64{0.1, 4, 1, 0.5}
)

// blobs returns n codes [n, 4] with their labels: label k is N(2e_k,
// 0.25² I), moved by blobOffset and blobScale.
func blobs(n int, seed uint64) (*tensor.Tensor, []int) {
	rng := tensor.NewRNG(seed)
	z := tensor.New(n, 4)
	labels := make([]int, n)
	for i := range labels {
		k := i % 4
		labels[i] = k
		for j := 0; j < 4; j++ {
			z.Data[4*i+j] = blobOffset[j] + blobScale[j]*rng.Normal(blobCentres[k][j], 0.25)
		}
	}
	return z, labels
}

// blobHits counts the codes, moved back to the blobs' own frame, whose
// nearest centre is the one asked for, and those that also lie within 1
// (4σ; half the distance between centres is 1.41) of it.
func blobHits(z *tensor.Tensor, asked []int) (nearest, close int) {
	for i, k := range asked {
		var u [4]float64
		for j := range u {
			u[j] = (z.Data[4*i+j] - blobOffset[j]) / blobScale[j]
		}
		best, bestD := -1, math.Inf(1)
		for c, centre := range blobCentres {
			d := 0.0
			for j := range u {
				d += (u[j] - centre[j]) * (u[j] - centre[j])
			}
			if d < bestD {
				best, bestD = c, d
			}
		}
		if best == k {
			nearest++
			if bestD < 1 {
				close++
			}
		}
	}
	return nearest, close
}

// A small denoiser trained on four blobs of codes, one per class, at
// scales far from 1, draws codes of the class asked for under guidance,
// in the blob itself once mapped back through the codes' scale; without
// the label, or untrained, it does not.
func TestTrainLatentOnBlobs(t *testing.T) {
	z, labels := blobs(2000, 1)
	cfg := LatentTrainConfig{
		Model:    LatentConfig{Dim: 4, Emb: 16, Hidden: 64, Layers: 2, Classes: 4},
		Training: Training{T: 100, Steps: 1500, Batch: 128, Warmup: 50, LR: 3e-3, EMA: 0.99, PUncond: 0.1, Seed: 1},
	}
	res, err := TrainLatent(cfg, z, labels, nil)
	if err != nil {
		t.Fatal(err)
	}
	for j, m := range res.Scale.Mean {
		if want := blobOffset[j] + blobScale[j]*0.5; math.Abs(m-want) > 0.1*blobScale[j] {
			t.Errorf("the codes' mean in coordinate %d is %g, want about %g", j, m, want)
		}
	}
	first, last := res.Loss[0], 0.0
	for _, l := range res.Loss[len(res.Loss)-100:] {
		last += l / 100
	}
	t.Logf("L_simple %.3f at the first step, %.3f over the last 100, %.1f s", first, last, res.Seconds)
	asked := make([]int, 400)
	for i := range asked {
		asked[i] = i % 4
	}
	sampler := Sampler{DDIM: true, Steps: 50}
	draw := func(m *LatentDenoiser, labels []int, w float64) (nearest, close int) {
		t.Helper()
		codes, err := SampleLatent(m, res.Scale, res.Schedule, sampler, labels, w, len(asked), tensor.NewRNG(2))
		if err != nil {
			t.Fatal(err)
		}
		return blobHits(codes, asked)
	}
	nearest, close := draw(res.EMA, asked, DefaultLatentGuidance)
	t.Logf("guided (w = %g): %d of %d nearest the blob asked for, %d within 1 of its centre", DefaultLatentGuidance, nearest, len(asked), close)
	if nearest < 360 || close < 360 {
		t.Errorf("guided: %d nearest the blob asked for and %d within 1 of it, of %d; want at least 360 of each", nearest, close, len(asked))
	}
	un, _ := draw(res.EMA, nil, 0)
	t.Logf("without a label: %d of %d nearest the blob the guided run asked for", un, len(asked))
	if un > 200 {
		t.Errorf("without a label %d of %d samples land nearest the blob asked of the guided run; want about a quarter, at most 200", un, len(asked))
	}
	untrained, _ := NewLatentDenoiser(cfg.Model, tensor.NewRNG(cfg.Seed))
	_, uclose := draw(untrained, asked, DefaultLatentGuidance)
	t.Logf("untrained: %d of %d within 1 of the blob asked for", uclose, len(asked))
	if uclose > 200 {
		t.Errorf("an untrained network puts %d of %d samples within 1 of the blob asked for; want at most 200", uclose, len(asked))
	}
}
