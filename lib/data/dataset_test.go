package data

import (
	"reflect"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// fourRows is a dataset of 4 examples of 3 values; example i holds
// 10i, 10i+1, 10i+2 and has label 100+i.
func fourRows() *Dataset {
	x := tensor.New(4, 3)
	for i := range x.Data {
		x.Data[i] = float64(10*(i/3) + i%3)
	}
	return NewDataset(x, []int{100, 101, 102, 103})
}

func TestNewDataset(t *testing.T) {
	d := fourRows()
	if d.Len() != 4 || d.Dim() != 3 || d.Rows != 1 || d.Cols != 3 {
		t.Errorf("Len %d Dim %d Rows %d Cols %d, want 4 3 1 3", d.Len(), d.Dim(), d.Rows, d.Cols)
	}
	mustPanic(t, func() { NewDataset(tensor.New(4), nil) }, "[N, D]", "[4]")
	mustPanic(t, func() { NewDataset(tensor.New(4, 3), []int{1, 2}) }, "2 labels for 4 rows")
}

func TestDatasetBatch(t *testing.T) {
	d := fourRows()
	x, labels := d.Batch([]int{3, 0, 3})
	want := []float64{30, 31, 32, 0, 1, 2, 30, 31, 32}
	if !reflect.DeepEqual(x.Shape, []int{3, 3}) || !reflect.DeepEqual(x.Data, want) {
		t.Errorf("Batch = %v, want [3 3] %v", x, want)
	}
	if !reflect.DeepEqual(labels, []int{103, 100, 103}) {
		t.Errorf("labels = %v, want [103 100 103]", labels)
	}
	x.Data[0] = -1 // a batch is a copy
	if d.Images.Data[9] != 30 {
		t.Error("changing a batch changed the dataset")
	}
	x, labels = d.Batch(nil)
	if !reflect.DeepEqual(x.Shape, []int{0, 3}) || len(labels) != 0 {
		t.Errorf("empty batch: shape %v, %d labels", x.Shape, len(labels))
	}
	mustPanic(t, func() { d.Batch([]int{0, 4}) }, "index 4 (position 1)", "4 examples")

	unlabelled := NewDataset(tensor.New(2, 2), nil)
	if _, labels := unlabelled.Batch([]int{1}); labels != nil {
		t.Errorf("unlabelled batch has labels %v", labels)
	}
}

func TestDatasetHead(t *testing.T) {
	d := fourRows()
	h := d.Head(2)
	if h.Len() != 2 || !reflect.DeepEqual(h.Images.Data, []float64{0, 1, 2, 10, 11, 12}) || !reflect.DeepEqual(h.Labels, []int{100, 101}) {
		t.Fatalf("Head(2) = %v %v", h.Images, h.Labels)
	}
	h.Images.Data[0] = 7 // Head shares memory
	if d.Images.Data[0] != 7 {
		t.Error("Head(2) does not share the dataset's memory")
	}
	// Appending to the head's labels must not overwrite the dataset's.
	_ = append(h.Labels, -1)
	if d.Labels[2] != 102 {
		t.Error("appending to Head's labels overwrote the dataset")
	}
	if got := d.Head(10).Len(); got != 4 {
		t.Errorf("Head(10) of 4 has %d examples, want 4", got)
	}
	if got := d.Head(0).Len(); got != 0 {
		t.Errorf("Head(0) has %d examples", got)
	}
	mustPanic(t, func() { d.Head(-1) }, "Head(-1)")
}

func TestDatasetImage(t *testing.T) {
	x := tensor.New(2, 6)
	x.Data[6+5] = 1 // example 1, row 1, column 2 of a 2x3 picture
	d := &Dataset{Images: x, Rows: 2, Cols: 3}
	img := d.Image(1)
	if !reflect.DeepEqual(img.Shape, []int{2, 3}) || img.At(1, 2) != 1 || img.At(0, 0) != 0 {
		t.Errorf("Image(1) = %v", img)
	}
	mustPanic(t, func() { d.Image(2) }, "Image(2) of 2")
}
