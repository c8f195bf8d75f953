package transformer_test

import (
	"fmt"

	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// The baby GPT for Shakespeare's 65 characters, and what one pass returns:
// one row of 65 logits for each of the 64 positions of each sequence.
func ExampleNewGPT() {
	g, err := transformer.NewGPT(transformer.BabyGPT(65), tensor.NewRNG(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("parameters:", nn.NumParams(g))
	ids := make([][]int, 2)
	for b := range ids {
		ids[b] = make([]int, 64)
	}
	fmt.Println("logits:", g.Forward(ids).Shape())
	// Output:
	// parameters: 804096
	// logits: [2 64 65]
}

// The causal mask of four positions: each row is a query, each column a
// key it may (0) or may not (-Inf) attend to.
func ExampleCausalMask() {
	m := transformer.CausalMask(4, 4)
	for i := 0; i < 4; i++ {
		fmt.Println(m.Data[i*4 : (i+1)*4])
	}
	// Output:
	// [0 -Inf -Inf -Inf]
	// [0 0 -Inf -Inf]
	// [0 0 0 -Inf]
	// [0 0 0 0]
}
