package gan

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

func paramNames(m nn.Module) string {
	var names []string
	for _, p := range m.Params() {
		names = append(names, p.Name)
	}
	return strings.Join(names, " ")
}

func TestDCGANShapes(t *testing.T) {
	rng := tensor.NewRNG(1)
	g, d := NewGenerator(16, 8, rng), NewDiscriminator(8, rng)
	x := g.Forward(autograd.Const(tensor.RandN(rng, 3, 16)))
	if !tensor.EqualShape(x.Shape(), []int{3, 1, 28, 28}) {
		t.Fatalf("G(z) has shape %v, want [3 1 28 28]", x.Shape())
	}
	for _, v := range x.Data.Data {
		if !(v > -1 && v < 1) {
			t.Fatalf("G(z) has a pixel %g outside tanh's (-1, 1)", v)
		}
	}
	if got := d.Forward(x).Shape(); !tensor.EqualShape(got, []int{3, 1}) {
		t.Errorf("D(G(z)) has shape %v, want [3 1]", got)
	}
	if got, want := paramNames(g), "fc.W fc.b bn0.gamma bn0.beta bn0.running_mean bn0.running_var "+
		"up1.W up1.b bn1.gamma bn1.beta bn1.running_mean bn1.running_var up2.W up2.b"; got != want {
		t.Errorf("generator parameters %s", got)
	}
	if got, want := paramNames(d), "conv1.W conv1.b conv2.W conv2.b bn2.gamma bn2.beta bn2.running_mean bn2.running_var fc.W fc.b"; got != want {
		t.Errorf("discriminator parameters %s", got)
	}
	// Radford et al.'s initialisation: weights N(0, 0.02²), biases 0, γ ≈ 1.
	if sd := tensor.MaxAbs(d.Conv2.W.Data); sd > 0.02*6 || sd < 0.02 {
		t.Errorf("conv2 weights reach %g, want N(0, 0.02²)", sd)
	}
	if tensor.MaxAbs(g.Up1.B.Data) != 0 || tensor.MaxAbs(tensor.AddScalar(g.BN1.Gamma.Data, -1)) > 0.02*6 {
		t.Error("biases not 0 or γ not near 1")
	}
}

func TestSampleIsEvalModeAndInRange(t *testing.T) {
	g := NewGenerator(16, 8, tensor.NewRNG(1))
	a := g.Sample(4, tensor.NewRNG(5))
	b := g.Sample(8, tensor.NewRNG(5)) // the same first four z, four more
	if !tensor.EqualShape(a.Shape, []int{4, 784}) || !tensor.EqualShape(b.Shape, []int{8, 784}) {
		t.Fatalf("samples of shape %v and %v", a.Shape, b.Shape)
	}
	for _, v := range b.Data {
		if v < 0 || v > 1 {
			t.Fatalf("a sample has a pixel %g outside [0, 1]", v)
		}
	}
	// In evaluation mode an image depends on its own z only.
	if d := tensor.MaxAbs(tensor.Sub(a, tensor.Slice(b, 0, 0, 4))); d > 1e-12 {
		t.Errorf("the first four samples changed by %g when drawn with four others", d)
	}
	if !g.BN0.Training() || !g.BN1.Training() {
		t.Error("Sample left the generator in evaluation mode")
	}
	nn.SetTraining(g, false)
	g.Sample(2, tensor.NewRNG(5))
	if g.BN0.Training() {
		t.Error("Sample switched an evaluating generator to training")
	}
	if n := g.Sample(503, tensor.NewRNG(6)).Shape[0]; n != 503 {
		t.Errorf("asked for 503 samples (more than one chunk), got %d", n)
	}
}

func TestTanhRangeRoundTrip(t *testing.T) {
	x := tensor.FromSlice([]float64{0, 0.25, 1}, 3)
	if got := ToTanhRange(x).Data; got[0] != -1 || got[1] != -0.5 || got[2] != 1 {
		t.Errorf("ToTanhRange = %v", got)
	}
	if d := tensor.MaxAbs(tensor.Sub(FromTanhRange(ToTanhRange(x)), x)); d != 0 {
		t.Errorf("round trip off by %g", d)
	}
}

// A trained pair survives nn.Save and nn.Load into networks built from
// another seed: the same samples, the same judgements.
func TestCheckpointRoundTrip(t *testing.T) {
	cfg := tinyMNISTConfig(3)
	cfg.Snapshots, cfg.SnapshotSize = 0, 0
	for name, train := range map[string]func(MNISTConfig, *data.Dataset, func(Progress)) (*DCGANResult, error){"dcgan": TrainDCGAN, "cgan": TrainCGAN} {
		res, err := train(cfg, dcganDigits(t, 300), nil)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		gPath, dPath := filepath.Join(dir, "g.params"), filepath.Join(dir, "d.params")
		if err := nn.Save(gPath, res.G); err != nil {
			t.Fatal(err)
		}
		if err := nn.Save(dPath, res.D); err != nil {
			t.Fatal(err)
		}
		rng := tensor.NewRNG(99)
		g, d := NewGenerator(cfg.ZDim, cfg.Width, rng), NewDiscriminator(cfg.Width, rng)
		if name == "cgan" {
			g, d = NewConditionalGenerator(cfg.ZDim, 10, cfg.Width, rng), NewConditionalDiscriminator(10, cfg.Width, rng)
		}
		if err := nn.Load(gPath, g); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := nn.Load(dPath, d); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, got := res.G.Sample(20, tensor.NewRNG(4)), g.Sample(20, tensor.NewRNG(4))
		if diff := tensor.MaxAbs(tensor.Sub(want, got)); diff != 0 {
			t.Errorf("%s: the loaded generator's samples differ by %g", name, diff)
		}
		x := autograd.Const(ToTanhRange(want).Reshape(20, 1, 28, 28))
		labels := res.G.Classes // nil labels for DCGAN
		var y []int
		if labels > 0 {
			y = make([]int, 20)
		}
		nn.SetTraining(res.D, false)
		nn.SetTraining(d, false)
		if diff := tensor.MaxAbs(tensor.Sub(res.D.ForwardLabels(x, y).Data, d.ForwardLabels(x, y).Data)); diff != 0 {
			t.Errorf("%s: the loaded discriminator's logits differ by %g", name, diff)
		}
		// A generator of another architecture is refused.
		if err := nn.Load(gPath, NewGenerator(cfg.ZDim, cfg.Width+1, rng)); err == nil {
			t.Errorf("%s: a checkpoint loaded into a wider generator", name)
		}
	}
}

// BenchmarkDCGANStep measures one training step of the default DCGAN
// (batch 64: D on 64 real and 64 generated digits, then G through D).
func BenchmarkDCGANStep(b *testing.B) { benchmarkStep(b, 0) }

// BenchmarkCGANStep measures one training step of the default
// conditional DCGAN.
func BenchmarkCGANStep(b *testing.B) { benchmarkStep(b, 10) }

func benchmarkStep(b *testing.B, classes int) {
	cfg := DefaultDCGANConfig()
	if classes > 0 {
		cfg = DefaultCGANConfig()
	}
	// Random images cost what digits cost; a step does not look at them.
	rng := tensor.NewRNG(1)
	labels := make([]int, 4*cfg.BatchSize)
	for i := range labels {
		labels[i] = i % 10
	}
	tr, err := newMNISTTrainer(cfg, classes, data.NewDataset(tensor.RandU(rng, 0, 1, len(labels), 784), labels))
	if err != nil {
		b.Fatal(err)
	}
	tr.step()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tr.step()
	}
}
