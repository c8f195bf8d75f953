package nn_test

import (
	"bytes"
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// An MLP is a Sequential of layers; its tensors are named by position.
func ExampleNewSequential() {
	rng := tensor.NewRNG(1)
	mlp := nn.NewSequential(nn.NewLinear(2, 8, rng), nn.ReLU{}, nn.NewLinear(8, 1, rng))
	for _, p := range mlp.Params() {
		fmt.Println(p.Name, p.V.Shape())
	}
	fmt.Println("trainable scalars:", nn.NumParams(mlp))
	y := mlp.Forward(autograd.Const(tensor.New(5, 2))) // a batch of 5 points
	fmt.Println("output shape:", y.Shape())
	// Output:
	// 0.W [2 8]
	// 0.b [8]
	// 2.W [8 1]
	// 2.b [1]
	// trainable scalars: 33
	// output shape: [5 1]
}

// Linear computes x·W + b row by row.
func ExampleLinear_Forward() {
	l := nn.NewLinear(2, 1, tensor.NewRNG(1))
	copy(l.W.Data.Data, []float64{2, -1}) // W = [[2], [-1]]
	l.B.Data.Data[0] = 0.5
	x := autograd.Const(tensor.FromSlice([]float64{1, 1, 3, 2}, 2, 2))
	fmt.Println(l.Forward(x).Data.Data) // [2-1+0.5, 6-2+0.5]
	// Output: [1.5 4.5]
}

// With equal logits every class has probability 1/K, so the loss is log K.
func ExampleCrossEntropy() {
	logits := autograd.Const(tensor.New(2, 4))
	loss := nn.CrossEntropy(logits, []int{0, 3}, 0)
	fmt.Printf("%.6f = log 4 = %.6f\n", loss.Item(), math.Log(4))
	// Output: 1.386294 = log 4 = 1.386294
}

// BCEWithLogits stays exact where σ(z) rounds to 0 or 1.
func ExampleBCEWithLogits() {
	z := autograd.Const(tensor.FromSlice([]float64{1000, -1000}, 2))
	y := autograd.Const(tensor.FromSlice([]float64{0, 0}, 2))
	fmt.Println(nn.BCEWithLogits(z, y).Item()) // (1000 + 0)/2
	// Output: 500
}

// Evaluation mode turns Dropout into the identity.
func ExampleSetTraining() {
	model := nn.NewSequential(nn.NewDropout(0.5, tensor.NewRNG(1)))
	x := autograd.Const(tensor.Ones(6))
	fmt.Println("training:", model.Forward(x).Data.Data)
	nn.SetTraining(model, false)
	fmt.Println("evaluation:", model.Forward(x).Data.Data)
	// Output:
	// training: [2 0 0 0 0 2]
	// evaluation: [1 1 1 1 1 1]
}

// Write and Read move every named tensor through any io.Writer and
// io.Reader; Save and Load do the same with a file.
func ExampleWrite() {
	saved := nn.NewLinear(3, 2, tensor.NewRNG(1))
	var buf bytes.Buffer
	if err := nn.Write(&buf, saved); err != nil {
		panic(err)
	}
	// header 6+4+4, W 4+1+4+2·4+6·8, b 4+1+4+1·4+2·8, checksum 4
	fmt.Println(buf.Len(), "bytes")

	loaded := nn.NewLinear(3, 2, tensor.NewRNG(2))
	if err := nn.Read(&buf, loaded); err != nil {
		panic(err)
	}
	fmt.Println(loaded.W.Data.Data[0] == saved.W.Data.Data[0])

	err := nn.Read(bytes.NewReader([]byte("LUOXIA")), loaded)
	fmt.Println(err)
	// Output:
	// 112 bytes
	// true
	// nn: Read: file ends early (truncated?): the format version needs 4 bytes, 0 remain
}
