package autograd_test

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// The gradient of L = Σ (x·w)² with respect to w is 2·xᵀ(x·w).
func ExampleValue_Backward() {
	x := autograd.Const(tensor.FromSlice([]float64{1, 2}, 1, 2))
	w := autograd.Param(tensor.FromSlice([]float64{3, 4}, 2, 1))
	loss := autograd.Sum(autograd.Square(autograd.MatMul(x, w))) // (1·3 + 2·4)² = 121
	loss.Backward()
	fmt.Println(loss.Item(), w.Grad.Data)
	// Output: 121 [22 44]
}

// GradCheck compares a backward pass with finite differences.
func ExampleGradCheck() {
	x := autograd.Param(tensor.FromSlice([]float64{0.3, -1.2, 2.0}, 3))
	_, err := autograd.GradCheck(func() *autograd.Value { return autograd.Tanh(x) }, []*autograd.Value{x}, 1e-6)
	fmt.Println("tanh backward correct:", err == nil)
	// Output: tanh backward correct: true
}
