package optim_test

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// Adam minimises (θ − 3)² from θ = 0. Its first steps are about lr long
// whatever the gradient's size (here 6): the learning rate is roughly a step
// length. Near the minimum the steps shrink as m changes sign.
func ExampleAdam() {
	theta := autograd.Param(tensor.FromSlice([]float64{0}, 1))
	opt := optim.NewAdam([]*autograd.Value{theta}, 0.1)
	for step := 1; step <= 200; step++ {
		opt.ZeroGrad()
		loss := autograd.Sum(autograd.Square(autograd.AddScalar(theta, -3)))
		loss.Backward()
		opt.Step()
		if step <= 3 || step == 200 {
			fmt.Printf("step %3d: θ = %.4f\n", step, theta.Data.Data[0])
		}
	}
	// Output:
	// step   1: θ = 0.1000
	// step   2: θ = 0.1999
	// step   3: θ = 0.2996
	// step 200: θ = 3.0001
}

// Momentum on a linear slope: the velocity b builds up to g/(1 − μ), so the
// steps grow towards ten times plain SGD's for μ = 0.9.
func ExampleSGD() {
	theta := autograd.Param(tensor.FromSlice([]float64{0}, 1))
	opt := optim.NewSGD([]*autograd.Value{theta}, 0.1, 0.9)
	prev := 0.0
	for step := 1; step <= 30; step++ {
		opt.ZeroGrad()
		autograd.Sum(theta).Backward() // L = θ, so g = 1 always
		opt.Step()
		if step == 1 || step == 2 || step == 10 || step == 30 {
			fmt.Printf("step %2d moved %.4f\n", step, prev-theta.Data.Data[0])
		}
		prev = theta.Data.Data[0]
	}
	// Output:
	// step  1 moved 0.1000
	// step  2 moved 0.1900
	// step 10 moved 0.6513
	// step 30 moved 0.9576
}

// AdamW shrinks weights by (1 − lr·λ) per step even where the loss has no
// gradient, the same factor for every weight.
func ExampleAdamW() {
	w := autograd.Param(tensor.FromSlice([]float64{1, -100}, 2))
	opt := optim.NewAdamW([]*autograd.Value{w}, 0.1, 0.5)
	for step := 0; step < 10; step++ {
		w.Grad = tensor.New(2) // a zero gradient
		opt.Step()
	}
	fmt.Printf("%.4f %.4f (0.95^10 = %.4f)\n", w.Data.Data[0], w.Data.Data[1], 0.59873693923837890625)
	// Output: 0.5987 -59.8737 (0.95^10 = 0.5987)
}

func ExampleWarmupCosine() {
	s := optim.WarmupCosine{Base: 1e-3, Min: 1e-4, Warmup: 100, Total: 1000}
	for _, step := range []int{0, 50, 100, 550, 1000, 2000} {
		fmt.Printf("LR(%4d) = %.2e\n", step, s.LR(step))
	}
	// Output:
	// LR(   0) = 0.00e+00
	// LR(  50) = 5.00e-04
	// LR( 100) = 1.00e-03
	// LR( 550) = 5.50e-04
	// LR(1000) = 1.00e-04
	// LR(2000) = 1.00e-04
}

// The Transformer's schedule with the base model's settings peaks at
// step 4000 at 1/√(512·4000).
func ExampleNoam() {
	s := optim.Noam{DModel: 512, Warmup: 4000, Factor: 1}
	for _, step := range []int{1, 1000, 4000, 16000, 100000} {
		fmt.Printf("LR(%6d) = %.3e\n", step, s.LR(step))
	}
	// Output:
	// LR(     1) = 1.747e-07
	// LR(  1000) = 1.747e-04
	// LR(  4000) = 6.988e-04
	// LR( 16000) = 3.494e-04
	// LR(100000) = 1.398e-04
}

// WithSchedule wraps an optimizer so that each Step takes its learning
// rate from a schedule.
func ExampleWithSchedule() {
	theta := autograd.Param(tensor.FromSlice([]float64{0}, 1))
	opt := optim.WithSchedule(optim.NewSGD([]*autograd.Value{theta}, 0, 0),
		optim.WarmupCosine{Base: 1, Min: 0, Warmup: 2, Total: 6})
	for step := 1; step <= 7; step++ {
		opt.ZeroGrad()
		autograd.Sum(theta).Backward()
		opt.Step()
		fmt.Printf("%.3f ", opt.LR())
	}
	fmt.Println()
	// Output: 0.500 1.000 0.854 0.500 0.146 0.000 0.000
}

// Clipping scales all gradients by the same factor, so the update keeps its
// direction and loses only length.
func ExampleClipGradNorm() {
	a := autograd.Param(tensor.New(1))
	b := autograd.Param(tensor.New(1))
	a.Grad = tensor.FromSlice([]float64{30}, 1)
	b.Grad = tensor.FromSlice([]float64{-40}, 1)
	params := []*autograd.Value{a, b}
	before := optim.ClipGradNorm(params, 1)
	fmt.Println("norm before:", before, "after:", optim.GradNorm(params))
	fmt.Println("gradients:", a.Grad.Data, b.Grad.Data)
	// Output:
	// norm before: 50 after: 1
	// gradients: [0.6] [-0.8]
}
