//go:build graded

package labelcond

import (
	"fmt"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// same reports whether got has the shape and the exact values of want.
func same(got, want *tensor.Tensor) bool {
	if got == nil || fmt.Sprint(got.Shape) != fmt.Sprint(want.Shape) || len(got.Data) != len(want.Data) {
		return false
	}
	for i := range want.Data {
		if got.Data[i] != want.Data[i] {
			return false
		}
	}
	return true
}

func shape(t *tensor.Tensor) string {
	if t == nil {
		return "nil"
	}
	return fmt.Sprint(t.Shape)
}

func TestConditionNoise(t *testing.T) {
	cases := []struct {
		name   string
		z      *tensor.Tensor
		labels []int
		want   *tensor.Tensor
	}{
		{"two rows, labels 3 and 0",
			tensor.FromSlice([]float64{0.1, 0.2, 0.3, -1, 0, 1}, 2, 3), []int{3, 0},
			tensor.FromSlice([]float64{
				0.1, 0.2, 0.3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
				-1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
			}, 2, 13)},
		{"the last class",
			tensor.FromSlice([]float64{5}, 1, 1), []int{9},
			tensor.FromSlice([]float64{5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 1, 11)},
		{"three rows of the same label",
			tensor.FromSlice([]float64{1, 2, 3, 4, 5, 6}, 3, 2), []int{1, 1, 1},
			tensor.FromSlice([]float64{
				1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
				3, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
				5, 6, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
			}, 3, 12)},
		{"no noise dimensions: just the one-hot rows",
			tensor.New(2, 0), []int{2, 7},
			tensor.FromSlice([]float64{
				0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
				0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
			}, 2, 10)},
		{"an empty batch", tensor.New(0, 4), nil, tensor.New(0, 14)},
	}
	for _, c := range cases {
		before := append([]float64(nil), c.z.Data...)
		got, err := ConditionNoise(c.z, c.labels)
		if err != nil {
			t.Errorf("%s: ConditionNoise(%v, %v): %v", c.name, c.z.Shape, c.labels, err)
			continue
		}
		if !same(got, c.want) {
			t.Errorf("%s: ConditionNoise(%v, %v) =\n%v\nwant\n%v", c.name, c.z.Shape, c.labels, got, c.want)
		}
		if !same(c.z, tensor.FromSlice(before, c.z.Shape...)) {
			t.Errorf("%s: ConditionNoise changed its input z", c.name)
		}
	}
}

func TestConditionImages(t *testing.T) {
	// Two 1×2 images, labels 2 and 9: 11 channels of 2 pixels each.
	x := tensor.FromSlice([]float64{0.5, -1, 0, 1}, 2, 1, 1, 2)
	want := tensor.FromSlice([]float64{
		// image 0, label 2
		0.5, -1, // channel 0: the image
		0, 0, // channel 1: label 0
		0, 0, // channel 2: label 1
		1, 1, // channel 3: label 2
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // channels 4..10
		// image 1, label 9
		0, 1, // the image
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // channels 1..9: labels 0..8
		1, 1, // channel 10: label 9
	}, 2, 11, 1, 2)
	got, err := ConditionImages(x, []int{2, 9})
	if err != nil || !same(got, want) {
		t.Errorf("ConditionImages(two 1×2 images, [2 9]) =\n%v, error %v\nwant\n%v", got, err, want)
	}
	if !same(x, tensor.FromSlice([]float64{0.5, -1, 0, 1}, 2, 1, 1, 2)) {
		t.Errorf("ConditionImages changed its input x")
	}

	// MNIST's shape: three 28×28 images, labels 7, 0 and 5.
	const n, hw = 3, 28 * 28
	labels := []int{7, 0, 5}
	imgs := tensor.New(n, 1, 28, 28)
	for i := range imgs.Data {
		imgs.Data[i] = float64(i%97) / 97 // a pattern that differs from image to image
	}
	got, err = ConditionImages(imgs, labels)
	if err != nil || got == nil || fmt.Sprint(got.Shape) != "[3 11 28 28]" {
		t.Fatalf("ConditionImages(%v, %v) has shape %s, error %v; want [3 11 28 28], nil", imgs.Shape, labels, shape(got), err)
	}
	for i := 0; i < n; i++ {
		for ch := 0; ch < 11; ch++ {
			for p := 0; p < hw; p++ {
				w := 0.0
				switch {
				case ch == 0:
					w = imgs.Data[i*hw+p]
				case ch == 1+labels[i]:
					w = 1
				}
				if g := got.Data[(i*11+ch)*hw+p]; g != w {
					t.Fatalf("image %d (label %d), channel %d, pixel %d = %g, want %g", i, labels[i], ch, p, g, w)
				}
			}
		}
	}
}

func TestBadInputsAreErrors(t *testing.T) {
	z := tensor.New(2, 4)
	noise := []struct {
		name   string
		z      *tensor.Tensor
		labels []int
	}{
		{"label 10", z, []int{3, 10}},
		{"label -1", z, []int{-1, 3}},
		{"too few labels", z, []int{3}},
		{"too many labels", z, []int{3, 4, 5}},
		{"one-dimensional noise", tensor.New(4), []int{1}},
		{"three-dimensional noise", tensor.New(2, 2, 2), []int{1, 2}},
		{"nil noise", nil, []int{1}},
	}
	for _, c := range noise {
		if got, err := ConditionNoise(c.z, c.labels); err == nil || got != nil {
			t.Errorf("ConditionNoise with %s: %s, %v; want nil and an error", c.name, shape(got), err)
		}
	}
	x := tensor.New(2, 1, 28, 28)
	images := []struct {
		name   string
		x      *tensor.Tensor
		labels []int
	}{
		{"label 10", x, []int{10, 0}},
		{"label -3", x, []int{1, -3}},
		{"too few labels", x, []int{1}},
		{"no labels", x, nil},
		{"three channels", tensor.New(2, 3, 28, 28), []int{1, 2}},
		{"no channel axis", tensor.New(2, 28, 28), []int{1, 2}},
		{"flat images", tensor.New(2, 784), []int{1, 2}},
		{"nil images", nil, []int{1}},
	}
	for _, c := range images {
		if got, err := ConditionImages(c.x, c.labels); err == nil || got != nil {
			t.Errorf("ConditionImages with %s: %s, %v; want nil and an error", c.name, shape(got), err)
		}
	}
}
