package transformer

import (
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// Past the context, the window state's logits are the full pass's over
// the tokens its window holds: before the first refill all of them, after
// it the last keep and those fed since. A fork goes on alone.
func TestGPTWindowStateSlides(t *testing.T) {
	const block, keep = 8, 3
	g := tinyGPT(t, 11, block, false, 6)
	score := GPTScorer(g)
	ids := randIDs(tensor.NewRNG(7), 1, 30, 11)[0]
	w := NewGPTWindowState(g, keep)
	var fork *GPTWindowState
	var forkWant []float64
	for i, id := range ids {
		got := w.Feed(id)
		window := w.Window()
		// windows of 1..8 tokens, then 4..8 after each refill
		wantLen := i + 1
		if i >= block {
			wantLen = keep + 1 + (i-block)%(block-keep)
		}
		if len(window) != wantLen || window[len(window)-1] != id {
			t.Fatalf("token %d: window %v, want the last %d tokens", i, window, wantLen)
		}
		wantClose(t, "logits of the window", got, score(window), 1e-12)
		if i == 10 {
			fork = w.Fork().(*GPTWindowState)
			forkWant = score(append(fork.Window(), 5))
		}
	}
	wantClose(t, "the fork after the original went on", fork.Feed(5), forkWant, 1e-12)
	for _, k := range []int{0, block} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("keeping %d of %d tokens was accepted", k, block)
				}
			}()
			NewGPTWindowState(g, k)
		}()
	}
}
