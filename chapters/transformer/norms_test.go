package transformer

import (
	"testing"
)

// CompareNorms trains the four settings from one seed on the same
// batches: the two runs of one layer norm start from the same loss and
// part once their rates differ; the two layer norms start apart. The
// figure draws all four; a comparison without a warm-up is refused.
func TestCompareNorms(t *testing.T) {
	cfg := tinyCopyTraining()
	cfg.Steps, cfg.Warmup, cfg.EvalExamples = 4, 2, 5
	task := tinyCopy()
	runs, err := CompareNorms(cfg, task, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"pre-LN, warm-up 2", "pre-LN, no warm-up", "post-LN, warm-up 2", "post-LN, no warm-up"}
	if len(runs) != len(want) {
		t.Fatalf("%d runs, want %d", len(runs), len(want))
	}
	for i, r := range runs {
		if r.Name() != want[i] || r.Result.Model.Config.PostLN != r.PostLN || len(r.Result.TrainLoss) != 4 {
			t.Errorf("run %d: %s, model post-LN %v, %d losses; want %s, 4 losses", i, r.Name(), r.Result.Model.Config.PostLN, len(r.Result.TrainLoss), want[i])
		}
	}
	loss := func(run, step int) float64 { return runs[run].Result.TrainLoss[step-1] }
	for _, pair := range [][2]int{{0, 1}, {2, 3}} {
		a, b := pair[0], pair[1]
		if loss(a, 1) != loss(b, 1) {
			t.Errorf("%s and %s: first losses %v and %v, want equal (same weights, same batch)", want[a], want[b], loss(a, 1), loss(b, 1))
		}
		if loss(a, 2) == loss(b, 2) {
			t.Errorf("%s and %s: second losses both %v, want them to differ (different rates)", want[a], want[b], loss(a, 2))
		}
	}
	if loss(0, 1) == loss(2, 1) {
		t.Errorf("pre-LN and post-LN: first losses both %v, want them to differ", loss(0, 1))
	}
	img, err := NormFigure(runs, task, cfg.Eps, 2)
	if err != nil || img.Bounds().Dx() < 100 || img.Bounds().Dy() < 100 {
		t.Errorf("figure %v, %v", img, err)
	}
	if _, err := NormFigure(nil, task, cfg.Eps, 2); err == nil {
		t.Error("a figure of no runs was drawn")
	}
	cfg.Warmup = 0
	if _, err := CompareNorms(cfg, task, nil); err == nil {
		t.Error("a comparison of no warm-up with no warm-up was run")
	}
}
