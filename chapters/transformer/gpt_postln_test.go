package transformer

import (
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// A post-LN GPT has the pre-LN GPT's weights, drawn the same from the
// same seed, every block post-LN, and different logits: the same weights,
// a different function.
func TestGPTPostLN(t *testing.T) {
	cfg := GPTConfig{Vocab: 11, BlockSize: 6, Layers: 2, Heads: 2, Width: 8}
	pre, err := NewGPT(cfg, tensor.NewRNG(3))
	if err != nil {
		t.Fatal(err)
	}
	cfg.PostLN = true
	post, err := NewGPT(cfg, tensor.NewRNG(3))
	if err != nil {
		t.Fatal(err)
	}
	a, b := pre.Params(), post.Params()
	if len(a) != len(b) {
		t.Fatalf("%d and %d parameters", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || maxDiff(a[i].V.Data.Data, b[i].V.Data.Data) != 0 {
			t.Fatalf("parameter %d: %s and %s differ", i, a[i].Name, b[i].Name)
		}
	}
	for l, blk := range post.Blocks {
		if !blk.PostLN || pre.Blocks[l].PostLN {
			t.Errorf("block %d: post-LN %v in the post-LN GPT, %v in the pre-LN one", l, blk.PostLN, pre.Blocks[l].PostLN)
		}
	}
	ids := randIDs(tensor.NewRNG(4), 2, 6, 11)
	if d := maxDiff(pre.Forward(ids).Data.Data, post.Forward(ids).Data.Data); !(d > 1e-3) {
		t.Errorf("pre-LN and post-LN logits differ by %.3g", d)
	}
}
