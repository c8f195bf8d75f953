package gan

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

func TestConditionalShapes(t *testing.T) {
	rng := tensor.NewRNG(1)
	g, d := NewConditionalGenerator(16, 10, 8, rng), NewConditionalDiscriminator(10, 8, rng)
	if got := g.G.FC.W.Shape(); got[0] != 26 {
		t.Fatalf("generator input %d, want 16 noise + 10 label values", got[0])
	}
	if got := d.LabelW.Shape(); !tensor.EqualShape(got, []int{8, 10, 4, 4}) {
		t.Fatalf("label filters %v, want [8 10 4 4]", got)
	}
	labels := []int{3, 0, 9}
	x := g.Forward(autograd.Const(tensor.RandN(rng, 3, 16)), labels)
	if !tensor.EqualShape(x.Shape(), []int{3, 1, 28, 28}) {
		t.Fatalf("G(z, y) has shape %v", x.Shape())
	}
	if got := d.Forward(x, labels).Shape(); !tensor.EqualShape(got, []int{3, 1}) {
		t.Errorf("D(x, y) has shape %v", got)
	}
	want := []int{7, 7, 1, 0, 2}
	s := g.SampleDigits(want, tensor.NewRNG(2))
	if !tensor.EqualShape(s.Shape, []int{5, 784}) {
		t.Fatalf("SampleDigits gave %v, want [5 784]", s.Shape)
	}
	// The label matters: the same z asked for another digit gives another image.
	a := g.SampleDigits([]int{1}, tensor.NewRNG(3))
	b := g.SampleDigits([]int{8}, tensor.NewRNG(3))
	if tensor.MaxAbs(tensor.Sub(a, b)) == 0 {
		t.Error("the label did not change the sample")
	}
	if n := g.Sample(25, tensor.NewRNG(4)).Shape[0]; n != 25 {
		t.Errorf("Sample of a conditional generator gave %d images", n)
	}
}

// The discriminator's label term is the convolution of the image with
// the label maps stacked on it, computed the long way here.
func TestConditionalDiscriminatorIsConcatenation(t *testing.T) {
	rng := tensor.NewRNG(1)
	d := NewConditionalDiscriminator(10, 4, rng)
	x := autograd.Const(tensor.RandU(rng, -1, 1, 5, 1, 28, 28))
	labels := []int{4, 0, 9, 4, 2}
	stacked := autograd.Concat(1, x, autograd.Const(LabelMaps(labels, 10)))
	filters := autograd.Concat(1, d.D.Conv1.W, d.LabelW) // [w, 1+10, 4, 4]
	conv := autograd.Conv2d(stacked, filters, 2, 1)
	h := autograd.Add(conv, autograd.Reshape(d.D.Conv1.B, 1, 4, 1, 1))
	h = autograd.LeakyReLU(h, 0.2)
	h = autograd.LeakyReLU(d.D.BN2.Forward(d.D.Conv2.Forward(h)), 0.2)
	want := d.D.FC.Forward(autograd.Reshape(h, 5, 8*7*7)).Data
	got := d.Forward(x, labels).Data
	if diff := tensor.MaxAbs(tensor.Sub(got, want)); diff > 1e-12 {
		t.Errorf("Forward differs from the convolution of the stacked channels by %g", diff)
	}
	if names := paramNames(d); !strings.HasSuffix(names, "fc.W fc.b label.W") {
		t.Errorf("parameters %s", names)
	}
	if tensor.MaxAbs(d.LabelW.Data) == 0 {
		t.Error("the label filters are zero")
	}
}

func TestOneHotAndLabelMaps(t *testing.T) {
	oh := OneHot([]int{2, 0}, 3)
	if fmt.Sprint(oh.Data) != "[0 0 1 1 0 0]" {
		t.Errorf("OneHot = %v", oh.Data)
	}
	m := LabelMaps([]int{1}, 3)
	if !tensor.EqualShape(m.Shape, []int{1, 3, 28, 28}) {
		t.Fatalf("LabelMaps shape %v", m.Shape)
	}
	sums := tensor.SumAxis(m.Reshape(3, 784), 1, false).Data
	if fmt.Sprint(sums) != "[0 784 0]" {
		t.Errorf("channel sums %v, want [0 784 0]", sums)
	}
	if got := snapshotLabels(20, 10); fmt.Sprint(got) != "[0 0 1 1 2 2 3 3 4 4 5 5 6 6 7 7 8 8 9 9]" {
		t.Errorf("snapshot labels %v", got)
	}
}

func TestConditionalModelsCheckLabels(t *testing.T) {
	rng := tensor.NewRNG(1)
	cg := NewConditionalGenerator(4, 10, 2, rng)
	for name, f := range map[string]func(){
		"label 10":       func() { cg.SampleDigits([]int{10}, rng) },
		"negative label": func() { cg.SampleDigits([]int{-1}, rng) },
		"too few labels": func() { cg.Forward(autograd.Const(tensor.New(2, 4)), []int{1}) },
		"no labels":      func() { cg.Forward(autograd.Const(tensor.New(2, 4)), nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// alwaysReads is a DigitReader that reads every image as the same digit.
type alwaysReads int

func (a alwaysReads) Predict(images *tensor.Tensor) []int {
	out := make([]int, images.Shape[0])
	for i := range out {
		out[i] = int(a)
	}
	return out
}

// DigitAccuracy counts, per digit asked for, the samples read as that
// digit: a reader that sees only 3s gets every 3 right and nothing else.
func TestDigitAccuracy(t *testing.T) {
	g := NewConditionalGenerator(8, 10, 4, tensor.NewRNG(1))
	per, mean, err := DigitAccuracy(g, alwaysReads(3), 7, tensor.NewRNG(2))
	if err != nil {
		t.Fatal(err)
	}
	want := make([]float64, 10)
	want[3] = 1
	if !slices.Equal(per, want) || mean != 0.1 {
		t.Errorf("per digit %v mean %g; want %v and 0.1", per, mean, want)
	}
	if _, _, err := DigitAccuracy(g, alwaysReads(0), 0, tensor.NewRNG(2)); err == nil {
		t.Error("0 samples per digit were accepted")
	}
}
