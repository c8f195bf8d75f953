package metrics

import (
	"math"
	"sort"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

func TestKthSmallestMatchesSort(t *testing.T) {
	g := tensor.NewRNG(13)
	for trial := 0; trial < 200; trial++ {
		n := 1 + g.Intn(40)
		v := make([]float64, n)
		for i := range v {
			// Few distinct values, so that ties with the pivot are common.
			v[i] = float64(g.Intn(6))
			if trial%2 == 1 {
				v[i] = g.Normal(0, 1)
			}
		}
		sorted := append([]float64(nil), v...)
		sort.Float64s(sorted)
		for k := 1; k <= n; k++ {
			w := append([]float64(nil), v...)
			if got := kthSmallest(w, k); got != sorted[k-1] {
				t.Fatalf("kthSmallest(%v, %d) = %v, want %v", v, k, got, sorted[k-1])
			}
		}
	}
	if got := kthSmallest([]float64{3, math.Inf(1), 1, 2}, 3); got != 3 {
		t.Errorf("with +Inf: 3rd smallest = %v, want 3", got)
	}
}

func TestPairwiseSqDistMatchesLoops(t *testing.T) {
	// More rows than one block, to cross a block boundary.
	g := tensor.NewRNG(14)
	x := tensor.RandN(g, pairwiseBlock+37, 5)
	y := tensor.RandN(g, 23, 5)
	seen := 0
	pairwiseSqDist(x, y, func(i int, row []float64) {
		if i != seen {
			t.Fatalf("visited row %d, want %d", i, seen)
		}
		seen++
		for j, got := range row {
			var want float64
			for c := 0; c < 5; c++ {
				d := x.Data[i*5+c] - y.Data[j*5+c]
				want += d * d
			}
			if math.Abs(got-want) > 1e-12*math.Max(1, want) {
				t.Fatalf("distance² (%d, %d) = %v, want %v", i, j, got, want)
			}
		}
	})
	if seen != x.Shape[0] {
		t.Errorf("visited %d rows, want %d", seen, x.Shape[0])
	}
}
