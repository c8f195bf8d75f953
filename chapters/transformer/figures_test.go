package transformer

import (
	"image"
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// checkDistributions fails t unless every row (last axis) of a sums to 1
// and, where hidden(i, j) says key j is hidden from query i, is 0.
func checkDistributions(t *testing.T, what string, a *tensor.Tensor, hidden func(i, j int) bool) {
	t.Helper()
	tq, tk := a.Shape[a.Dims()-2], a.Shape[a.Dims()-1]
	for r := 0; r < a.Size()/tk; r++ {
		row, sum := a.Data[r*tk:(r+1)*tk], 0.0
		for j, w := range row {
			sum += w
			if hidden(r%tq, j) && w != 0 {
				t.Fatalf("%s: query %d gives hidden key %d weight %g", what, r%tq, j, w)
			}
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Fatalf("%s: row %d sums to %.15g", what, r, sum)
		}
	}
}

// The maps GPTAttention returns are the weights the blocks compute: the
// first block's equal softmax(QKᵀ/√d_k + M) of its own projections of
// LN_1(h_0), every row is a distribution over the tokens up to it, the
// hooks are gone afterwards, and watching changes no logit.
func TestGPTAttentionIsTheBlocksWeights(t *testing.T) {
	g := tinyGPT(t, 11, 8, false, 3)
	ids := []int{4, 1, 7, 7, 2, 9}
	before := g.Forward([][]int{ids}).Data.Clone()
	maps := GPTAttention(g, ids)
	if len(maps) != len(g.Blocks) {
		t.Fatalf("%d maps for %d blocks", len(maps), len(g.Blocks))
	}
	for l, a := range maps {
		if !tensor.EqualShape(a.Shape, []int{2, 6, 6}) {
			t.Fatalf("block %d: map %v, want [2 6 6]", l, a.Shape)
		}
		checkDistributions(t, "GPT block", a, func(i, j int) bool { return j > i })
		if g.Blocks[l].Attn.OnWeights != nil {
			t.Fatalf("block %d: the hook was left on", l)
		}
	}
	b := g.Blocks[0]
	x := b.LN1.Forward(g.Embed([][]int{ids}, 0))
	k, _ := b.Attn.KeysValues(x)
	q := b.Attn.splitHeads(b.Attn.WQ.Forward(x))
	want := AttentionWeights(q, k, CausalMask(6, 6)).Data
	wantClose(t, "block 0's map", maps[0].Data, want.Data, 1e-12)
	wantClose(t, "logits after watching", g.Forward([][]int{ids}).Data.Data, before.Data, 0)
}

// Cross-attention maps are [H, T, S], each row a distribution over the
// source that gives its padding weight 0.
func TestCrossAttentionMaps(t *testing.T) {
	m := newTiny(t, tinyConfig(false, false), 4)
	src, tgtIn := []int{3, 5, 8, 2, 0, 0}, []int{1, 6, 10, 4}
	maps := CrossAttention(m, src, tgtIn)
	if len(maps) != len(m.Decoder) {
		t.Fatalf("%d maps for %d decoder layers", len(maps), len(m.Decoder))
	}
	for _, a := range maps {
		if !tensor.EqualShape(a.Shape, []int{2, 4, 6}) {
			t.Fatalf("map %v, want [2 4 6]", a.Shape)
		}
		checkDistributions(t, "cross-attention", a, func(i, j int) bool { return src[j] == 0 })
	}
	mean := MeanOverHeads(maps[1])
	if !tensor.EqualShape(mean.Shape, []int{4, 6}) {
		t.Fatalf("mean over heads %v, want [4 6]", mean.Shape)
	}
	checkDistributions(t, "mean over heads", mean, func(i, j int) bool { return src[j] == 0 })
	if got, want := mean.At(2, 1), (maps[1].At(0, 2, 1)+maps[1].At(1, 2, 1))/2; math.Abs(got-want) > 1e-15 {
		t.Errorf("mean over heads at (2, 1) = %g, want %g", got, want)
	}
}

// The saturation figure's numbers are the table's: unscaled, the largest
// weight rises and the Jacobian shrinks with d_k; scaled, neither moves.
func TestScaleFigure(t *testing.T) {
	pts := SoftmaxSaturation([]int{1, 16, 256}, 100, 16)
	if !(pts[0].RawMax < pts[1].RawMax && pts[1].RawMax < pts[2].RawMax && pts[2].RawJ < pts[0].RawJ/2) {
		t.Errorf("unscaled: largest weights %.3f %.3f %.3f, Jacobians %.3f … %.3f; want the weights rising and the Jacobian halved",
			pts[0].RawMax, pts[1].RawMax, pts[2].RawMax, pts[0].RawJ, pts[2].RawJ)
	}
	if math.Abs(pts[2].ScaledJ/pts[0].ScaledJ-1) > 0.2 {
		t.Errorf("scaled, the Jacobian moved from %.3f to %.3f", pts[0].ScaledJ, pts[2].ScaledJ)
	}
	img, err := ScaleFigure(pts)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != image.Pt(960, 360) {
		t.Errorf("figure %v, want two panels of 480 x 360", got)
	}
	if _, err := ScaleFigure(nil); err == nil {
		t.Error("a figure of no points was drawn")
	}
}

func TestPositionFigure(t *testing.T) {
	img, err := PositionFigure(50, 64)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != image.Pt(640, 480) {
		t.Errorf("figure %v, want 640 x 480", got)
	}
	for _, c := range [][2]int{{0, 64}, {10, 7}} {
		if _, err := PositionFigure(c[0], c[1]); err == nil {
			t.Errorf("%d positions of %d features were drawn", c[0], c[1])
		}
	}
}

// A layer's heads are drawn a panel each; labels must match the map.
func TestHeadsFigure(t *testing.T) {
	a := tensor.New(4, 3, 5)
	img, err := HeadsFigure(a, []string{"a", "b", "c"}, []string{"v", "w", "x", "y", "z"}, "test", 2, 300, 200)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != image.Pt(600, 400) {
		t.Errorf("4 heads two to a row: %v, want 600 x 400", got)
	}
	if _, err := HeadsFigure(a, []string{"a"}, nil, "test", 2, 300, 200); err == nil {
		t.Error("one label for three queries was accepted")
	}
	if _, err := AttentionFigure(a, nil, nil, "test", 300, 200); err == nil {
		t.Error("AttentionFigure drew a [H, Tq, Tk] tensor")
	}
}

// The GPT's map labels characters and refuses what it cannot encode.
func TestGPTAttentionFigure(t *testing.T) {
	v, err := data.NewCharVocab("for i := 0; i < n; i++ {}\n")
	if err != nil {
		t.Fatal(err)
	}
	g := tinyGPT(t, v.Size(), 32, false, 5)
	img, err := GPTAttentionFigure(g, v, "for i := 0; i < n; i++ {", 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != image.Pt(1120, 520) {
		t.Errorf("2 heads: %v, want 1120 x 520", got)
	}
	for _, c := range []struct {
		line  string
		layer int
		want  string
	}{{"while", 1, "'w'"}, {"for", 2, "block 2"}, {strings.Repeat("i", 33), 0, "33 characters"}} {
		if _, err := GPTAttentionFigure(g, v, c.line, c.layer); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q, block %d: error %v, want one containing %s", c.line, c.layer, err, c.want)
		}
	}
}

// The translation figure draws the untrained model's own output, a
// panel per sentence, and the numerals are labelled by their values.
func TestTranslationAttentionFigure(t *testing.T) {
	task := NumberSeq2Seq()
	cfg := smallSeq2Seq()
	cfg.SrcVocab, cfg.TgtVocab, cfg.Pad, cfg.DModel, cfg.DFF = task.SrcVocab, task.TgtVocab, data.PadID, 16, 32
	m, err := NewEncoderDecoder(cfg, tensor.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	img, err := TranslationAttentionFigure(m, task, task.Test.Src[:2])
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != image.Pt(1040, 480) {
		t.Errorf("two sentences: %v, want 1040 x 480", got)
	}
	for tok, want := range map[string]string{"四": "4", "零": "0", "万": "×10000", "</s>": "end", "<s>": "<s>"} {
		if got := NumeralLabel(tok); got != want {
			t.Errorf("NumeralLabel(%s) = %q, want %q", tok, got, want)
		}
	}
}

func TestLossFigure(t *testing.T) {
	train := make([]float64, 300)
	for i := range train {
		train[i] = 3*math.Exp(-float64(i)/50) + 1
	}
	img, err := LossFigure("test", train, 20, []int{0, 100, 200, 300}, []float64{4, 2, 1.5, 1.2}, 0.9)
	if err != nil || img.Bounds().Size() != image.Pt(640, 420) {
		t.Fatalf("loss figure %v, %v", img, err)
	}
	if _, err := LossFigure("test", train, 20, []int{0, 100}, []float64{4}, 0); err == nil {
		t.Error("2 evaluation steps with 1 loss were drawn")
	}
	if _, err := LossFigure("test", nil, 20, nil, nil, 0); err == nil {
		t.Error("no losses were drawn")
	}
}
