package tensor_test

import (
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

func TestNewIsZeroAndRowMajor(t *testing.T) {
	x := tensor.New(2, 3, 4)
	if x.Size() != 24 || x.Dims() != 3 || x.Dim(0) != 2 || x.Dim(-1) != 4 || x.Dim(-2) != 3 {
		t.Fatalf("New(2,3,4): size %d dims %d shape %v", x.Size(), x.Dims(), x.Shape)
	}
	for i, v := range x.Data {
		if v != 0 {
			t.Fatalf("New: element %d is %g", i, v)
		}
	}
	// Row-major: the offset of (i, j, k) is (i*3+j)*4+k.
	forEachIndex(x.Shape, func(idx []int) {
		x.Set(float64((idx[0]*3+idx[1])*4+idx[2]), idx...)
	})
	for i, v := range x.Data {
		if v != float64(i) {
			t.Fatalf("Set is not row-major: Data[%d] = %g", i, v)
		}
	}
	if got := x.At(1, 2, 3); got != 23 {
		t.Errorf("At(1,2,3) = %g, want 23", got)
	}
}

func TestNewCopiesShape(t *testing.T) {
	shape := []int{2, 3}
	x := tensor.New(shape...)
	shape[0] = 99
	if x.Shape[0] != 2 {
		t.Errorf("New kept the caller's shape slice: %v", x.Shape)
	}
}

func TestFromSliceSharesData(t *testing.T) {
	data := []float64{1, 2, 3, 4, 5, 6}
	x := tensor.FromSlice(data, 2, 3)
	data[4] = 50
	if x.At(1, 1) != 50 {
		t.Errorf("FromSlice copied its data: At(1,1) = %g", x.At(1, 1))
	}
	expectPanic(t, "FromSlice with too few values", func() { tensor.FromSlice(data, 4, 2) }, "6", shapeStr(4, 2))
}

func TestScalarFullOnesZerosLike(t *testing.T) {
	s := tensor.Scalar(2.5)
	if s.Dims() != 0 || s.Size() != 1 || s.Item() != 2.5 || s.At() != 2.5 {
		t.Errorf("Scalar(2.5) = %v", s)
	}
	f := tensor.Full(7, 2, 2)
	o := tensor.Ones(3)
	z := tensor.ZerosLike(f)
	for _, v := range f.Data {
		if v != 7 {
			t.Errorf("Full(7) holds %v", f.Data)
		}
	}
	for _, v := range o.Data {
		if v != 1 {
			t.Errorf("Ones holds %v", o.Data)
		}
	}
	if !z.SameShape(f) || tensor.MaxAbs(z) != 0 {
		t.Errorf("ZerosLike(%v) = %v", f.Shape, z)
	}
	if z.SameShape(o) {
		t.Errorf("SameShape(%v, %v) is true", z.Shape, o.Shape)
	}
}

func TestZeroSizeTensors(t *testing.T) {
	x := tensor.New(3, 0, 2)
	if x.Size() != 0 || x.Dims() != 3 {
		t.Errorf("New(3,0,2): size %d dims %d", x.Size(), x.Dims())
	}
	if tensor.Sum(x) != 0 || tensor.MaxAbs(x) != 0 {
		t.Errorf("Sum/MaxAbs of an empty tensor are not 0")
	}
	expectPanic(t, "negative dimension", func() { tensor.New(2, -1) }, shapeStr(2, -1))
}

func TestCloneIsDeep(t *testing.T) {
	x := tensor.FromSlice([]float64{1, 2, 3}, 3)
	c := x.Clone()
	c.Data[0], c.Shape[0] = 100, 1
	if x.Data[0] != 1 || x.Shape[0] != 3 {
		t.Errorf("Clone shares with its source: %v", x)
	}
}

func TestCopyFromFillScale(t *testing.T) {
	x := tensor.New(2, 3)
	src := tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 3, 2)
	x.CopyFrom(src) // sizes agree, shapes need not
	if x.At(1, 0) != 4 {
		t.Errorf("CopyFrom: %v", x)
	}
	x.ScaleInPlace(2)
	if x.At(1, 2) != 12 {
		t.Errorf("ScaleInPlace(2): %v", x)
	}
	x.Fill(-1)
	if tensor.Sum(x) != -6 {
		t.Errorf("Fill(-1): %v", x)
	}
	expectPanic(t, "CopyFrom of a different size", func() { x.CopyFrom(tensor.New(4)) }, shapeStr(4), shapeStr(2, 3))
}

func TestIndexPanicsNameShape(t *testing.T) {
	x := tensor.New(2, 3)
	expectPanic(t, "At out of range", func() { x.At(2, 0) }, shapeStr(2, 3), "[2 0]")
	expectPanic(t, "At negative", func() { x.At(0, -1) }, shapeStr(2, 3))
	expectPanic(t, "At with too few indices", func() { x.At(1) }, shapeStr(2, 3))
	expectPanic(t, "Set with too many indices", func() { x.Set(1, 0, 0, 0) }, shapeStr(2, 3))
	expectPanic(t, "Dim out of range", func() { x.Dim(2) }, shapeStr(2, 3))
	expectPanic(t, "Dim(-3)", func() { x.Dim(-3) }, shapeStr(2, 3))
	expectPanic(t, "Item of many", func() { x.Item() }, shapeStr(2, 3))
}

func TestString(t *testing.T) {
	small := tensor.FromSlice([]float64{1, 2.5}, 2)
	if got, want := small.String(), "Tensor[2] [1 2.5]"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	big := tensor.New(10, 10)
	big.Data[99] = 9
	got := big.String()
	if !strings.HasPrefix(got, "Tensor[10 10] [0 0 0 ... 9]") {
		t.Errorf("String() of a large tensor = %q", got)
	}
}
