package foundations_test

import (
	"fmt"

	"github.com/luoxia/aigc/chapters/foundations"
	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// An MLP maps a batch of flattened 28x28 digits to ten logits each.
func ExampleMLP() {
	cfg := foundations.DefaultConfig()
	mlp := foundations.NewMLP(cfg.Layers(784), tensor.NewRNG(cfg.Seed))
	x := autograd.Const(tensor.New(32, 784))
	fmt.Println(cfg.Layers(784), mlp.Forward(x).Shape(), nn.NumParams(mlp))
	for _, p := range mlp.Params()[:2] {
		fmt.Println(p.Name, p.V.Shape())
	}
	// Output:
	// [784 512 256 10] [32 10] 535818
	// fc1.W [784 512]
	// fc1.b [512]
}
