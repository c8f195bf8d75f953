package metrics

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: kid

// KID is the Kernel Inception Distance of Bińkowski et al. (2018)
// between two feature sets X [m, D] and Y [n, D]: the squared maximum
// mean discrepancy under the cubic polynomial kernel
//
//	k(x, y) = (x·y / D + 1)³,
//
// estimated without bias,
//
//	MMD² = Σ_{i≠j} k(x_i, x_j) / m(m−1) + Σ_{i≠j} k(y_i, y_j) / n(n−1)
//	       − 2 Σ_{i,j} k(x_i, y_j) / mn .
//
// Leaving out the diagonal terms k(x_i, x_i) is what removes the bias:
// each sum then averages only pairs of independent draws, so the
// estimate's expectation is the population's MMD² at every m and n, where
// FID's plug-in estimate is biased upwards for small samples. The price
// is that it can come out below zero when the two distributions are equal.
func KID(x, y *tensor.Tensor) (float64, error) {
	ref, err := NewKIDReference(y)
	if err != nil {
		return 0, err
	}
	return ref.KID(x)
}

// ANCHOR_END: kid

// KIDReference holds a reference feature set Y and its kernel sum
// Σ_{i≠j} k(y_i, y_j), so that many sets can be scored against Y without
// computing that sum again.
type KIDReference struct {
	y  *tensor.Tensor
	yy float64
}

// NewKIDReference prepares the reference set y [n, D] of KID.
func NewKIDReference(y *tensor.Tensor) (*KIDReference, error) {
	if err := checkKIDSet("the reference feature set", y); err != nil {
		return nil, err
	}
	return &KIDReference{y: y, yy: kernelSum(y, y, true)}, nil
}

// KID is the Kernel Inception Distance of x [m, D] from the reference.
func (r *KIDReference) KID(x *tensor.Tensor) (float64, error) {
	if err := checkKIDSet("the feature set", x); err != nil {
		return 0, err
	}
	if x.Shape[1] != r.y.Shape[1] {
		return 0, fmt.Errorf("metrics: KID: features of width %d and %d", x.Shape[1], r.y.Shape[1])
	}
	m, n := float64(x.Shape[0]), float64(r.y.Shape[0])
	xx := kernelSum(x, x, true)
	xy := kernelSum(x, r.y, false)
	return xx/(m*(m-1)) + r.yy/(n*(n-1)) - 2*xy/(m*n), nil
}

// checkKIDSet reports a feature set KID cannot use: not an [N, D] matrix
// of finite numbers, or fewer than two rows.
func checkKIDSet(what string, t *tensor.Tensor) error {
	if err := checkFeatures("KID", what, t); err != nil {
		return err
	}
	if t.Shape[0] < 2 {
		return fmt.Errorf("metrics: KID: %s has %d rows, want at least 2", what, t.Shape[0])
	}
	return nil
}

// kernelSum returns Σ_{i,j} k(a_i, b_j) under KID's cubic kernel, leaving
// out the terms i = j when same is true (a and b are then the same set).
// The dot products come a block of rows at a time from pairwiseDots.
func kernelSum(a, b *tensor.Tensor, same bool) float64 {
	sum := 0.0
	pairwiseDots(a, b, 1/float64(a.Shape[1]), func(i int, row []float64) {
		for j, v := range row {
			if same && i == j {
				continue
			}
			k := v + 1
			sum += k * k * k
		}
	})
	return sum
}
