package tensor_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/luoxia/aigc/lib/tensor"
)

// The tests of this package compare every kernel with a slow reference
// written in the plainest way: loops over multi-indices, At and Set. The
// helpers below are shared by those tests.

// approx compares float slices up to a relative error of 1e-12 (or an
// absolute one of 1e-12 near zero), and treats nil and empty slices alike.
var approx = cmp.Options{cmpopts.EquateApprox(1e-12, 1e-12), cmpopts.EquateEmpty()}

// approxTol is approx with a caller's relative and absolute tolerance.
func approxTol(rel, abs float64) cmp.Options {
	return cmp.Options{cmpopts.EquateApprox(rel, abs), cmpopts.EquateEmpty()}
}

// checkTensor fails t unless got has want's shape and, within opts, its values.
func checkTensor(t *testing.T, what string, got, want *tensor.Tensor, opts cmp.Options) {
	t.Helper()
	if !cmp.Equal(got.Shape, want.Shape, cmpopts.EquateEmpty()) {
		t.Fatalf("%s: shape %v, want %v", what, got.Shape, want.Shape)
	}
	if diff := cmp.Diff(want.Data, got.Data, opts); diff != "" {
		t.Errorf("%s: values differ (-want +got):\n%s", what, diff)
	}
}

// randT returns a tensor of the given shape with N(0, 1) entries.
func randT(g *tensor.RNG, shape ...int) *tensor.Tensor { return tensor.RandN(g, shape...) }

// forEachIndex calls fn with every multi-index of shape in row-major order.
// A zero-dimensional shape has one (empty) index; a shape with a zero axis has none.
func forEachIndex(shape []int, fn func(idx []int)) {
	for _, d := range shape {
		if d == 0 {
			return
		}
	}
	idx := make([]int, len(shape))
	for {
		fn(idx)
		d := len(shape) - 1
		for ; d >= 0; d-- {
			idx[d]++
			if idx[d] < shape[d] {
				break
			}
			idx[d] = 0
		}
		if d < 0 {
			return
		}
	}
}

// dot is the inner product <a, b> of two tensors with equal sizes.
func dot(a, b *tensor.Tensor) float64 {
	if a.Size() != b.Size() {
		panic(fmt.Sprintf("dot of %v and %v", a.Shape, b.Shape))
	}
	s := 0.0
	for i := range a.Data {
		s += a.Data[i] * b.Data[i]
	}
	return s
}

// relErr is the relative error used across luoxia's checks:
// |a-b| / max(1e-8, |a|+|b|).
func relErr(a, b float64) float64 { return math.Abs(a-b) / math.Max(1e-8, math.Abs(a)+math.Abs(b)) }

// panicMessage runs f and returns the value it panicked with as a string,
// or "" with ok false if it returned normally.
func panicMessage(f func()) (msg string, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, ok = fmt.Sprint(r), true
		}
	}()
	f()
	return "", false
}

// expectPanic fails t unless f panics with a message containing every one of want.
func expectPanic(t *testing.T, what string, f func(), want ...string) {
	t.Helper()
	msg, ok := panicMessage(f)
	if !ok {
		t.Errorf("%s: did not panic", what)
		return
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%s: panic %q does not mention %q", what, msg, w)
		}
	}
}

// shapeStr formats a shape as fmt prints it, e.g. "[2 3]", the form panics use.
func shapeStr(shape ...int) string { return fmt.Sprint(shape) }
