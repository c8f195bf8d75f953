package metrics

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/luoxia/aigc/lib/tensor"
)

// pairwiseBlock is how many rows of x pairwiseSqDist holds distances for
// at a time: a block of 256 rows against 10⁵ points is 200 MB, so memory
// stays bounded however many points there are.
const pairwiseBlock = 256

// pairwiseDots calls visit(i, row) for each row x_i of x ([Nx, D]) in
// order, with row[j] = alpha·x_i·y_j for the rows y_j of y ([Ny, D]): one
// matrix product alpha·X Yᵀ per block of pairwiseBlock rows. blas64 runs
// the same matrix product as tensor.MatMulT (the tensor package installs
// its kernel there), but into one buffer reused by every block instead of
// a fresh zeroed tensor each time. row is reused between calls; visit may
// change it.
func pairwiseDots(x, y *tensor.Tensor, alpha float64, visit func(i int, row []float64)) {
	nx, ny, d := x.Shape[0], y.Shape[0], x.Shape[1]
	buf := make([]float64, min(pairwiseBlock, nx)*ny)
	yMat := blas64.General{Rows: ny, Cols: d, Stride: d, Data: y.Data}
	for lo := 0; lo < nx; lo += pairwiseBlock {
		hi := min(lo+pairwiseBlock, nx)
		xBlock := blas64.General{Rows: hi - lo, Cols: d, Stride: d, Data: x.Data[lo*d : hi*d]}
		dot := blas64.General{Rows: hi - lo, Cols: ny, Stride: ny, Data: buf[:(hi-lo)*ny]}
		blas64.Gemm(blas.NoTrans, blas.Trans, alpha, xBlock, yMat, 0, dot)
		for i := lo; i < hi; i++ {
			visit(i, dot.Data[(i-lo)*ny:(i-lo+1)*ny])
		}
	}
}

// pairwiseSqDist calls visit(i, row) for each row x_i of x ([Nx, D]) in
// order, with row[j] = |x_i - y_j|² for the rows y_j of y ([Ny, D]). The
// distances come from the expansion
//
//	|x - y|² = |x|² + |y|² - 2 x·y
//
// so that the bulk of the work is one matrix product -2 X Yᵀ per block of
// rows (pairwiseDots), instead of Nx·Ny loops over D. The expansion can
// leave round-off of either sign where x ≈ y; negative results are clamped
// to 0. (For points with small integer coordinates every step is exact.)
// row is reused between calls; visit may reorder it.
func pairwiseSqDist(x, y *tensor.Tensor, visit func(i int, row []float64)) {
	xNorm, yNorm := rowSqNorms(x), rowSqNorms(y)
	pairwiseDots(x, y, -2, func(i int, row []float64) {
		for j, v := range row {
			if s := xNorm[i] + yNorm[j] + v; s > 0 {
				row[j] = s
			} else {
				row[j] = 0
			}
		}
		visit(i, row)
	})
}

// rowSqNorms returns |t_i|² for each row of the matrix t.
func rowSqNorms(t *tensor.Tensor) []float64 {
	n, d := t.Shape[0], t.Shape[1]
	out := make([]float64, n)
	for i := range out {
		var s float64
		for _, v := range t.Data[i*d : (i+1)*d] {
			s += v * v
		}
		out[i] = s
	}
	return out
}

// kthSmallest returns the k-th smallest value of v (k = 1 is the minimum),
// possibly reordering v. It needs 1 ≤ k ≤ len(v) and no NaNs.
//
// For the small k of nearest-neighbour radii one scan keeping the k
// smallest so far in a sorted buffer is fastest: past the first few
// values, nearly every value loses a single comparison with the current
// k-th. Larger k go to Hoare's quickselect, expected linear time:
// partition around the median of three and keep only the side that holds
// rank k.
func kthSmallest(v []float64, k int) float64 {
	if k <= smallK {
		return kthSmallestScan(v, k)
	}
	target := k - 1
	lo, hi := 0, len(v)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		pivot := median3(v[lo], v[mid], v[hi])
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for v[j] > pivot {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		// Now v[lo..j] ≤ pivot, v[i..hi] ≥ pivot and anything between
		// equals the pivot.
		switch {
		case target <= j:
			hi = j
		case target >= i:
			lo = i
		default:
			return v[target]
		}
	}
	return v[target]
}

// smallK is the largest k that kthSmallest answers by a scan.
const smallK = 8

// kthSmallestScan is kthSmallest by one pass with a sorted buffer of the k
// smallest values seen; it leaves v as it was.
func kthSmallestScan(v []float64, k int) float64 {
	var buf [smallK]float64
	best := buf[:0]
	for _, x := range v {
		if len(best) == k {
			if x >= best[k-1] {
				continue
			}
			best = best[:k-1] // drop the largest to make room
		}
		i := len(best)
		best = append(best, x)
		for ; i > 0 && best[i-1] > x; i-- { // insertion sort step
			best[i] = best[i-1]
		}
		best[i] = x
	}
	return best[k-1]
}

// median3 returns the middle one of a, b and c.
func median3(a, b, c float64) float64 {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return math.Max(a, b)
}
