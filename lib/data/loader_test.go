package data

import (
	"reflect"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// indexed is a dataset of n examples whose row i is (i, -i) with label i, so
// a batch shows which examples it holds.
func indexed(n int) *Dataset {
	x := tensor.New(n, 2)
	labels := make([]int, n)
	for i := range labels {
		x.Data[2*i], x.Data[2*i+1] = float64(i), -float64(i)
		labels[i] = i
	}
	return NewDataset(x, labels)
}

// epoch drains one epoch of l and returns its batches' sizes and the
// examples in the order seen, checking rows against labels.
func epoch(t *testing.T, l *Loader) (sizes, order []int) {
	t.Helper()
	for x, labels, ok := l.Next(); ok; x, labels, ok = l.Next() {
		if x.Shape[0] != len(labels) || x.Shape[1] != 2 {
			t.Fatalf("batch of shape %v with %d labels", x.Shape, len(labels))
		}
		for r, i := range labels {
			if x.Data[2*r] != float64(i) || x.Data[2*r+1] != -float64(i) {
				t.Fatalf("row %d is (%v, %v) but its label is %d", r, x.Data[2*r], x.Data[2*r+1], i)
			}
		}
		sizes = append(sizes, len(labels))
		order = append(order, labels...)
	}
	if x, labels, ok := l.Next(); ok || x != nil || labels != nil {
		t.Fatal("Next after the end of the epoch gave a batch")
	}
	return sizes, order
}

// isPermutation reports whether order holds 0..n-1 exactly once each.
func isPermutation(order []int, n int) bool {
	if len(order) != n {
		return false
	}
	seen := make([]bool, n)
	for _, i := range order {
		if i < 0 || i >= n || seen[i] {
			return false
		}
		seen[i] = true
	}
	return true
}

func TestLoaderInOrder(t *testing.T) {
	l := NewLoader(indexed(10), 4, false, 1)
	if l.BatchesPerEpoch() != 3 {
		t.Errorf("BatchesPerEpoch = %d, want 3", l.BatchesPerEpoch())
	}
	for e := 0; e < 2; e++ {
		if l.Epoch() != e {
			t.Errorf("Epoch = %d, want %d", l.Epoch(), e)
		}
		sizes, order := epoch(t, l)
		if !reflect.DeepEqual(sizes, []int{4, 4, 2}) {
			t.Errorf("epoch %d: batch sizes %v, want [4 4 2] (the partial batch kept)", e, sizes)
		}
		if !reflect.DeepEqual(order, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
			t.Errorf("epoch %d: order %v, want 0..9", e, order)
		}
		l.Reset()
	}
}

func TestLoaderShuffles(t *testing.T) {
	const n = 103
	orders := func(seed uint64) [][]int {
		l := NewLoader(indexed(n), 10, true, seed)
		var all [][]int
		for e := 0; e < 3; e++ {
			sizes, order := epoch(t, l)
			if len(sizes) != 11 || sizes[10] != 3 || len(sizes) != l.BatchesPerEpoch() {
				t.Fatalf("seed %d epoch %d: batch sizes %v, want ten of 10 and one of 3", seed, e, sizes)
			}
			if !isPermutation(order, n) {
				t.Fatalf("seed %d epoch %d: order %v does not visit each example once", seed, e, order)
			}
			all = append(all, order)
			l.Reset()
		}
		return all
	}
	a, b, c := orders(7), orders(7), orders(8)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different orders")
	}
	for e := range a {
		if reflect.DeepEqual(a[e], c[e]) {
			t.Errorf("epoch %d: seeds 7 and 8 gave the same order", e)
		}
		if sorted := isPermutation(a[e], n) && a[e][0] == 0 && a[e][1] == 1 && a[e][2] == 2; sorted {
			t.Errorf("epoch %d: shuffled order starts 0 1 2", e)
		}
	}
	if reflect.DeepEqual(a[0], a[1]) || reflect.DeepEqual(a[1], a[2]) {
		t.Error("consecutive epochs repeated the same order")
	}
}

// Reset part-way through an epoch starts a full new one.
func TestLoaderResetMidEpoch(t *testing.T) {
	l := NewLoader(indexed(9), 4, true, 3)
	l.Next()
	l.Reset()
	if l.Epoch() != 1 {
		t.Errorf("Epoch = %d after one Reset", l.Epoch())
	}
	if sizes, order := epoch(t, l); !reflect.DeepEqual(sizes, []int{4, 4, 1}) || !isPermutation(order, 9) {
		t.Errorf("after a mid-epoch Reset: sizes %v order %v", sizes, order)
	}
}

func TestLoaderEdgeCases(t *testing.T) {
	empty := NewLoader(indexed(0), 4, true, 1)
	if empty.BatchesPerEpoch() != 0 {
		t.Errorf("empty: BatchesPerEpoch = %d", empty.BatchesPerEpoch())
	}
	if _, _, ok := empty.Next(); ok {
		t.Error("empty: Next gave a batch")
	}
	big := NewLoader(indexed(3), 100, true, 1)
	if sizes, order := epoch(t, big); !reflect.DeepEqual(sizes, []int{3}) || !isPermutation(order, 3) {
		t.Errorf("batch larger than the set: sizes %v order %v", sizes, order)
	}
	mustPanic(t, func() { NewLoader(indexed(3), 0, false, 1) }, "batch size 0")
}

// Cycle gives the batches of Next and Reset, epoch after epoch, and starts
// each new epoch only when a batch is asked for.
func TestLoaderCycle(t *testing.T) {
	a, b := NewLoader(indexed(10), 4, true, 5), NewLoader(indexed(10), 4, true, 5)
	var want []int
	for e := 0; e < 3; e++ {
		_, order := epoch(t, b)
		want = append(want, order...)
		b.Reset()
	}
	var got []int
	for step := 0; step < 9; step++ {
		x, labels := a.Cycle()
		if x.Shape[0] != len(labels) {
			t.Fatalf("step %d: batch %v with %d labels", step, x.Shape, len(labels))
		}
		got = append(got, labels...)
		if e := a.Epoch(); e != step/3 {
			t.Fatalf("after step %d: Epoch = %d, want %d", step, e, step/3)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Cycle gave %v, want Next and Reset's %v", got, want)
	}
	mustPanic(t, func() { NewLoader(indexed(0), 4, true, 1).Cycle() }, "Cycle over an empty dataset")
}

// A batch costs its output (tensor, shape, data, labels) and nothing per example.
func TestLoaderAllocations(t *testing.T) {
	l := NewLoader(indexed(1000), 100, true, 1)
	allocs := testing.AllocsPerRun(50, func() {
		if _, _, ok := l.Next(); !ok {
			l.Reset()
		}
	})
	if allocs > 4 {
		t.Errorf("Next makes %v allocations, want at most 4", allocs)
	}
}
