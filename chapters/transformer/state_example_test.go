package transformer_test

import (
	"fmt"

	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// A GPT decoded through its KV cache: greedy decoding feeds the prompt,
// then one token per step, and the state counts every token it was fed.
// An untrained model's choices mean nothing; the lengths do.
func ExampleNewGPTState() {
	cfg := transformer.GPTConfig{Vocab: 10, BlockSize: 16, Layers: 2, Heads: 2, Width: 8}
	g, err := transformer.NewGPT(cfg, tensor.NewRNG(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	nn.SetTraining(g, false)
	s := transformer.NewGPTState(g)
	out := transformer.Greedy(s, []int{1, 2, 3}, 8, -1)
	fmt.Println("decoded:", len(out), "tokens; fed:", s.Len(), "of a context of", cfg.BlockSize)
	// Output:
	// decoded: 8 tokens; fed: 10 of a context of 16
}
