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
	train := dcganDigits(t, 300)
	rng := tensor.NewRNG(99)
	x := func(g interface {
		Sample(int, *tensor.RNG) *tensor.Tensor
	}) *autograd.Value {
		return autograd.Const(ToTanhRange(g.Sample(20, tensor.NewRNG(4))).Reshape(20, 1, 28, 28))
	}

	res, err := TrainDCGAN(cfg, train, nil)
	if err != nil {
		t.Fatal(err)
	}
	g, d := NewGenerator(cfg.ZDim, cfg.Width, rng), NewDiscriminator(cfg.Width, rng)
	roundTrip(t, "dcgan", res.G, res.D, g, d)
	nn.SetTraining(res.D, false)
	nn.SetTraining(d, false)
	if diff := tensor.MaxAbs(tensor.Sub(x(res.G).Data, x(g).Data)); diff != 0 {
		t.Errorf("dcgan: the loaded generator's samples differ by %g", diff)
	}
	if diff := tensor.MaxAbs(tensor.Sub(res.D.Forward(x(g)).Data, d.Forward(x(g)).Data)); diff != 0 {
		t.Errorf("dcgan: the loaded discriminator's logits differ by %g", diff)
	}

	cres, err := TrainCGAN(cfg, train, nil)
	if err != nil {
		t.Fatal(err)
	}
	cg, cd := NewConditionalGenerator(cfg.ZDim, 10, cfg.Width, rng), NewConditionalDiscriminator(10, cfg.Width, rng)
	roundTrip(t, "cgan", cres.G, cres.D, cg, cd)
	nn.SetTraining(cres.D, false)
	nn.SetTraining(cd, false)
	if diff := tensor.MaxAbs(tensor.Sub(x(cres.G).Data, x(cg).Data)); diff != 0 {
		t.Errorf("cgan: the loaded generator's samples differ by %g", diff)
	}
	y := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	if diff := tensor.MaxAbs(tensor.Sub(cres.D.Forward(x(cg), y).Data, cd.Forward(x(cg), y).Data)); diff != 0 {
		t.Errorf("cgan: the loaded discriminator's logits differ by %g", diff)
	}
	// A conditional generator's checkpoint does not load into DCGAN's
	// generator: its first layer has 10 more inputs.
	dir := t.TempDir()
	if err := nn.Save(filepath.Join(dir, "g.params"), cres.G); err != nil {
		t.Fatal(err)
	}
	if err := nn.Load(filepath.Join(dir, "g.params"), NewGenerator(cfg.ZDim, cfg.Width, rng)); err == nil {
		t.Error("a conditional generator's checkpoint loaded into DCGAN's generator")
	}
}

// roundTrip saves the trained g and d and loads them into the fresh
// networks g2 and d2, and checks that a wider generator refuses them.
func roundTrip(t *testing.T, name string, g, d, g2, d2 nn.Module) {
	t.Helper()
	dir := t.TempDir()
	gPath, dPath := filepath.Join(dir, "g.params"), filepath.Join(dir, "d.params")
	if err := nn.Save(gPath, g); err != nil {
		t.Fatal(err)
	}
	if err := nn.Save(dPath, d); err != nil {
		t.Fatal(err)
	}
	if err := nn.Load(gPath, g2); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := nn.Load(dPath, d2); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := nn.Load(gPath, NewGenerator(16, 9, tensor.NewRNG(1))); err == nil {
		t.Errorf("%s: a checkpoint loaded into a wider generator", name)
	}
}

// BenchmarkDCGANStep measures one training step of the default DCGAN.
func BenchmarkDCGANStep(b *testing.B) {
	t, err := newDCGAN(DefaultDCGANConfig(), benchmarkDigits(DefaultDCGANConfig()))
	if err != nil {
		b.Fatal(err)
	}
	benchmarkStep(b, t.step)
}

// BenchmarkCGANStep measures one training step of the default
// conditional DCGAN.
func BenchmarkCGANStep(b *testing.B) {
	cfg := DefaultCGANConfig()
	benchmarkStep(b, newCGAN(cfg, benchmarkDigits(cfg)).step)
}

// benchmarkDigits are four batches of random images with labels: they
// cost what digits cost, and a step does not look at them.
func benchmarkDigits(cfg MNISTConfig) *data.Dataset {
	labels := make([]int, 4*cfg.BatchSize)
	for i := range labels {
		labels[i] = i % 10
	}
	return data.NewDataset(tensor.RandU(tensor.NewRNG(1), 0, 1, len(labels), 784), labels)
}

func benchmarkStep(b *testing.B, step func() Progress) {
	step()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		step()
	}
}
