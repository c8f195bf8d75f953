package data_test

import (
	"bytes"
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/data"
)

func ExampleReadIDX() {
	// A whole IDX file: two 2x3 "images" of unsigned bytes.
	file := []byte{
		0x00, 0x00, 0x08, 0x03, // magic: two zero bytes, type 0x08 (unsigned byte), 3 dimensions
		0x00, 0x00, 0x00, 0x02, // 2 images
		0x00, 0x00, 0x00, 0x02, // of 2 rows
		0x00, 0x00, 0x00, 0x03, // of 3 columns
		0, 128, 255, // image 0, row 0
		0, 0, 0, // image 0, row 1
		9, 8, 7, // image 1, row 0
		6, 5, 4, // image 1, row 1
	}
	x, err := data.ReadIDX(bytes.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(x.Dims, x.Len(), x.Data[:3])

	// Cut the file short and the error says what was promised and found.
	_, err = data.ReadIDX(bytes.NewReader(file[:20]))
	fmt.Println(err)
	// Output:
	// [2 2 3] 12 [0 128 255]
	// data: ReadIDX: truncated data: the header's dims [2 2 3] of unsigned byte (1 bytes each) promise 12 bytes, found 4
}

func ExampleLoadMNIST() {
	dir, err := data.MNISTDir() // $AIGC_MNIST_DIR, else the GoMNIST module's copy
	if err != nil {
		fmt.Println(err)
		return
	}
	train, test, err := data.LoadMNIST(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(train.Len(), test.Len(), train.Images.Shape, train.Rows, train.Cols)
	fmt.Println("first training digit:", train.Labels[0])
	// Output:
	// 60000 10000 [60000 784] 28 28
	// first training digit: 5
}

func ExampleRing() {
	// Eight Gaussians of std 0.02 on a circle of radius 2.
	x, mode := data.Ring(1000, 8, 2, 0.02, 1)
	var r float64
	for i := 0; i < 1000; i++ {
		r += math.Hypot(x.At(i, 0), x.At(i, 1))
	}
	fmt.Println(x.Shape, len(mode))
	fmt.Printf("mean distance from the origin: %.2f\n", r/1000)
	// Output:
	// [1000 2] 1000
	// mean distance from the origin: 2.00
}

func ExampleLoader() {
	// 1000 points of the two moons, in shuffled batches of 64.
	x, moon := data.TwoMoons(1000, 0.1, 1)
	ld := data.NewLoader(data.NewDataset(x, moon), 64, true, 7)
	fmt.Println("batches per epoch:", ld.BatchesPerEpoch())
	for ld.Epoch() < 2 {
		batches, last := 0, 0
		for xb, _, ok := ld.Next(); ok; xb, _, ok = ld.Next() {
			batches, last = batches+1, xb.Shape[0]
		}
		fmt.Printf("epoch %d: %d batches, the last of %d points\n", ld.Epoch(), batches, last)
		ld.Reset()
	}
	// Output:
	// batches per epoch: 16
	// epoch 0: 16 batches, the last of 40 points
	// epoch 1: 16 batches, the last of 40 points
}
