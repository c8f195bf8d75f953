package vae

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// wantNear fails t unless got is within tol of want.
func wantNear(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.12g, want %.12g (± %.3g)", what, got, want, tol)
	}
}

// randParam is a trainable [shape] tensor of N(0, scale²) numbers.
func randParam(rng *tensor.RNG, scale float64, shape ...int) *autograd.Value {
	return autograd.Param(tensor.Scale(tensor.RandN(rng, shape...), scale))
}

// meanVar returns the sample mean and the unbiased sample variance of xs.
func meanVar(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, variance / float64(len(xs)-1)
}
