package tensor_test

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

func ExampleNew() {
	x := tensor.New(2, 3) // zeros
	x.Set(7, 1, 2)        // row 1, column 2
	fmt.Println(x.Shape, x.Size(), x.At(1, 2))
	fmt.Println(x)
	// Output:
	// [2 3] 6 7
	// Tensor[2 3] [0 0 0 0 0 7]
}

func ExampleFromSlice() {
	// Row-major: the second row is 4 5 6.
	x := tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	fmt.Println(x.At(0, 2), x.At(1, 0))
	// Output: 3 4
}

func ExampleAdd() {
	// A bias of shape [3] broadcasts over every row of a [2, 3] batch.
	x := tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	bias := tensor.FromSlice([]float64{10, 20, 30}, 3)
	fmt.Println(tensor.Add(x, bias))
	// A column [2, 1] and a row [1, 3] broadcast to their outer sum [2, 3].
	col := tensor.FromSlice([]float64{0, 100}, 2, 1)
	row := tensor.FromSlice([]float64{1, 2, 3}, 1, 3)
	fmt.Println(tensor.Add(col, row))
	// Output:
	// Tensor[2 3] [11 22 33 14 25 36]
	// Tensor[2 3] [1 2 3 101 102 103]
}

func ExampleSumTo() {
	// The gradient of a broadcast bias is the upstream gradient summed to the bias's shape.
	dy := tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	fmt.Println(tensor.SumTo(dy, []int{3}))
	// Output: Tensor[3] [5 7 9]
}

func ExampleMatMul() {
	a := tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	b := tensor.FromSlice([]float64{1, 0, 0, 1, 1, 1}, 3, 2)
	fmt.Println(tensor.MatMul(a, b))
	// aᵀ·a without forming aᵀ, as a backward pass does.
	fmt.Println(tensor.MatMulT(a, true, a, false).Shape)
	// Output:
	// Tensor[2 2] [4 5 10 11]
	// [3 3]
}

func ExampleSoftmax() {
	p := tensor.Softmax(tensor.FromSlice([]float64{1, 2, 3}, 3))
	fmt.Printf("%.4f\n", p.Data)
	// Subtracting the row maximum first keeps huge logits finite.
	fmt.Println(tensor.Softmax(tensor.FromSlice([]float64{1000, 1000}, 2)).Data)
	// Output:
	// [0.0900 0.2447 0.6652]
	// [0.5 0.5]
}

func ExampleConv2d() {
	// A batch of 4 grey 28x28 images and 8 filters of 5x5.
	x := tensor.New(4, 1, 28, 28)
	w := tensor.New(8, 1, 5, 5)
	fmt.Println(tensor.Conv2d(x, w, 1, 0).Shape)
	// DCGAN's discriminator halves the size with a 4x4 kernel, stride 2, pad 1.
	w2 := tensor.New(16, 1, 4, 4)
	fmt.Println(tensor.Conv2d(x, w2, 2, 1).Shape, tensor.ConvOutSize(28, 4, 2, 1))
	// Output:
	// [4 8 24 24]
	// [4 16 14 14] 14
}

func ExampleConvTranspose2d() {
	// DCGAN's generator doubles the size: 7x7 -> 14x14.
	x := tensor.New(1, 128, 7, 7)
	w := tensor.New(128, 64, 4, 4) // [Cin, Cout, KH, KW]
	fmt.Println(tensor.ConvTranspose2d(x, w, 2, 1).Shape)
	// Output: [1 64 14 14]
}

func ExampleTranspose() {
	x := tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	fmt.Println(tensor.Transpose(x)) // a matrix's transpose
	// [batch, time, channel] -> [batch, channel, time], and back.
	y := tensor.New(2, 5, 3)
	perm := []int{0, 2, 1}
	z := tensor.Transpose(y, perm...)
	fmt.Println(z.Shape, tensor.Transpose(z, tensor.InversePerm(perm)...).Shape)
	// Output:
	// Tensor[3 2] [1 4 2 5 3 6]
	// [2 3 5] [2 5 3]
}

func ExampleSumAxis() {
	x := tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	fmt.Println(tensor.SumAxis(x, 0, false)) // down the columns
	fmt.Println(tensor.SumAxis(x, -1, true)) // along the rows, keeping the axis
	// Output:
	// Tensor[3] [5 7 9]
	// Tensor[2 1] [6 15]
}

func ExampleTensor_Reshape() {
	x := tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	y := x.Reshape(-1, 2) // -1 is inferred: 3
	y.Set(0, 0, 0)        // the data is shared
	fmt.Println(y.Shape, x.At(0, 0))
	// Output: [3 2] 0
}

func ExampleArgMax() {
	logits := tensor.FromSlice([]float64{0.1, 2, 0.3, 5, 5, 1}, 2, 3)
	fmt.Println(tensor.ArgMax(logits)) // ties go to the first
	// Output: [1 0]
}

func ExampleNewRNG() {
	a := tensor.RandN(tensor.NewRNG(7), 3)
	b := tensor.RandN(tensor.NewRNG(7), 3)
	fmt.Println(a.Data[0] == b.Data[0] && a.Data[2] == b.Data[2])
	// Output: true
}
