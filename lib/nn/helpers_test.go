package nn

import (
	"fmt"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// gradTol is the gradient-check tolerance: central differences in float64
// with step 1e-6 agree with a correct backward to about 1e-8 or better.
const gradTol = 1e-6

// checkGrad runs autograd.GradCheck on f over inputs and fails the test
// with GradCheck's message if the backward disagrees with finite differences.
func checkGrad(t *testing.T, f func() *autograd.Value, inputs ...*autograd.Value) {
	t.Helper()
	res, err := autograd.GradCheck(f, inputs, gradTol)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("max relative error %.2g", res.MaxRelErr)
}

// randParam is a trainable tensor of N(0, 1) values from a seeded RNG.
// The seed is offset by 1000 so that no input is drawn from seed 1:
// GradCheck weights the outputs with r = RandN(NewRNG(1), ...), and an
// input equal to r makes the check degenerate for a layer that removes
// the mean and scale of its input, such as BatchNorm (the gradient of
// Σ x ⊙ BN(x) with respect to x is exactly 0, so only rounding is compared).
func randParam(seed uint64, shape ...int) *autograd.Value {
	return autograd.Param(tensor.RandN(tensor.NewRNG(1000+seed), shape...))
}

// mustPanic runs fn and fails unless it panics with a message containing
// every one of wants.
func mustPanic(t *testing.T, fn func(), wants ...string) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatalf("no panic; want one mentioning %q", wants)
		}
		msg := fmt.Sprint(r)
		for _, w := range wants {
			if !strings.Contains(msg, w) {
				t.Fatalf("panic %q does not mention %q", msg, w)
			}
		}
	}()
	fn()
}

// wantErr fails unless err is non-nil and mentions every one of wants.
func wantErr(t *testing.T, err error, wants ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one mentioning %q", wants)
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Fatalf("error %q does not mention %q", err, w)
		}
	}
}

// near reports whether a and b agree to within tol, absolutely or relatively.
func near(a, b, tol float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	s := a
	if s < 0 {
		s = -s
	}
	return d <= tol || d <= tol*s
}

func equalInts(a, b []int) bool { return tensor.EqualShape(a, b) }
