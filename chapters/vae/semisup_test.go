package vae

import (
	"slices"
	"testing"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// Two labelled points, one per class, and test points near one or the
// other: nearest-neighbour gets all of them right, and all wrong when the
// labelled points' labels are swapped.
func TestNearestNeighbourAccuracy(t *testing.T) {
	labelled := tensor.FromSlice([]float64{0, 0, 10, 10}, 2, 2)
	test := tensor.FromSlice([]float64{1, -1, 9, 11, 4, 4, 6, 7}, 4, 2)
	truth := []int{0, 1, 0, 1}
	if a := NearestNeighbourAccuracy(labelled, []int{0, 1}, test, truth); a != 1 {
		t.Errorf("accuracy %g, want 1", a)
	}
	if a := NearestNeighbourAccuracy(labelled, []int{1, 0}, test, truth); a != 0 {
		t.Errorf("with the labels swapped: accuracy %g, want 0", a)
	}
	if a := NearestNeighbourAccuracy(labelled, []int{0, 1}, test, []int{0, 0, 0, 0}); a != 0.5 {
		t.Errorf("accuracy %g, want 0.5 (two of the four points are nearer to class 1)", a)
	}
}

// FewLabels takes the first images of each class, in order.
func TestFewLabels(t *testing.T) {
	d := data.NewDataset(tensor.FromSlice([]float64{0, 1, 2, 3, 4, 5, 6}, 7, 1), []int{2, 0, 2, 1, 0, 2, 1})
	x, y, err := FewLabels(d, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(x.Data, []float64{0, 1, 2, 3, 4, 6}) || !slices.Equal(y, []int{2, 0, 2, 1, 0, 1}) {
		t.Errorf("picked %v with labels %v", x.Data, y)
	}
	if _, _, err := FewLabels(data.NewDataset(tensor.New(3, 1), nil), 1); err == nil {
		t.Error("an unlabelled dataset was accepted")
	}
	if _, _, err := FewLabels(d, 0); err == nil {
		t.Error("0 per class was accepted")
	}
}
