package data

import (
	"reflect"
	"testing"
)

func TestPadBatch(t *testing.T) {
	in := [][]int{{5, 6}, {7, 8, 9, 10}, {}}
	p, n := PadBatch(in, PadID)
	want := [][]int{{5, 6, 0, 0}, {7, 8, 9, 10}, {0, 0, 0, 0}}
	if !reflect.DeepEqual(p, want) || !reflect.DeepEqual(n, []int{2, 4, 0}) {
		t.Errorf("PadBatch = %v, %v; want %v, [2 4 0]", p, n, want)
	}
	p[1][0] = 99
	if in[1][0] != 7 {
		t.Error("PadBatch's rows share memory with its input")
	}
}

func TestWindowSampler(t *testing.T) {
	data := make([]int, 50)
	for i := range data {
		data[i] = 100 + i
	}
	const block = 8
	s := NewWindowSampler(data, block, 3)
	x, y := s.Sample(400)
	starts := map[int]bool{}
	for b := range x {
		if len(x[b]) != block || len(y[b]) != block {
			t.Fatalf("window %d: lengths %d, %d, want %d", b, len(x[b]), len(y[b]), block)
		}
		i := x[b][0] - 100
		starts[i] = true
		for j := 0; j < block; j++ {
			if x[b][j] != data[i+j] || y[b][j] != data[i+j+1] {
				t.Fatalf("window %d from %d: x %v, y %v are not data[i:i+%d] and data[i+1:i+%d]", b, i, x[b], y[b], block, block+1)
			}
		}
	}
	// Every start 0..len-block-1 is drawn, and none past it: the last token
	// is reachable as a target.
	if len(starts) != len(data)-block || !starts[0] || !starts[len(data)-block-1] {
		t.Errorf("%d distinct starts (first %v, last %v), want all %d", len(starts), starts[0], starts[len(data)-block-1], len(data)-block)
	}
	x2, y2 := NewWindowSampler(data, block, 3).Sample(400)
	if !reflect.DeepEqual(x, x2) || !reflect.DeepEqual(y, y2) {
		t.Error("the same seed gave different windows")
	}
	x3, _ := NewWindowSampler(data, block, 4).Sample(400)
	if reflect.DeepEqual(x, x3) {
		t.Error("seeds 3 and 4 gave the same windows")
	}
	mustPanic(t, func() { NewWindowSampler(data, 50, 1) }, "block size 50", "50 tokens")
}

func TestSequentialWindows(t *testing.T) {
	data := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	x, y := SequentialWindows(data, 3)
	// Starts 0, 3, 6: the window at 6 needs data[9] as its last target.
	wantX := [][]int{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}
	wantY := [][]int{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	if !reflect.DeepEqual(x, wantX) || !reflect.DeepEqual(y, wantY) {
		t.Errorf("SequentialWindows(10 tokens, 3) = %v, %v; want %v, %v", x, y, wantX, wantY)
	}
	// With 9 tokens the window at 6 has no target for its last token.
	if x, _ := SequentialWindows(data[:9], 3); len(x) != 2 {
		t.Errorf("9 tokens in blocks of 3 gave %d windows, want 2", len(x))
	}
	mustPanic(t, func() { SequentialWindows(data, 0) }, "block size 0")
}
