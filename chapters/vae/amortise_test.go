package vae

import (
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
)

// TestRefineClosesPartOfTheGap trains the default model briefly, then
// fits 100 test digits' codes one by one. With no steps the refined
// bound is the encoder's, to the last bit (the same noise scores both);
// with the chapter's steps it must be lower by at least a nat a digit, a
// gap an encoder trained for one pass over 5,000 digits leaves; and the
// decoder's weights must not move.
func TestRefineClosesPartOfTheGap(t *testing.T) {
	all, test := mnist(t)
	res, err := Train(shortConfig(1), all.Head(5000), test.Head(500), nil)
	if err != nil {
		t.Fatal(err)
	}
	m, x := res.Model, test.Head(100).Images
	before := make([][]float64, 0)
	for _, v := range nn.Values(m) {
		before = append(before, append([]float64(nil), v.Data.Data...))
	}
	cfg := DefaultRefine()
	cfg.Steps = 0
	enc, same, err := AmortisationGap(m, x, cfg, 4, 7)
	if err != nil {
		t.Fatal(err)
	}
	if enc != same {
		t.Errorf("with no steps the refined bound is %.12g, the encoder's %.12g", same, enc)
	}
	enc, refined, err := AmortisationGap(m, x, DefaultRefine(), 4, 7)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("negative ELBO of 100 test digits: %.2f with the encoder's q, %.2f refined: a gap of %.2f nats", enc, refined, enc-refined)
	if !(refined < enc-1) {
		t.Errorf("refined bound %.2f, the encoder's %.2f: want at least a nat lower", refined, enc)
	}
	for k, v := range nn.Values(m) {
		for i, w := range v.Data.Data {
			if w != before[k][i] {
				t.Fatalf("Refine changed the model's parameter %d[%d]", k, i)
			}
		}
	}
	mu, logVar := m.Encode(autograd.NoGrad(x))
	if _, _, err := Refine(m, x, mu.Data, logVar.Data, RefineConfig{Steps: 5, LR: 0}); err == nil {
		t.Error("Refine accepted a learning rate of 0")
	}
}
