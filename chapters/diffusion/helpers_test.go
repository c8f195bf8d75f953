package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// ho returns Ho et al.'s linear schedule: T = 1000, β from 10⁻⁴ to 0.02.
func ho(t *testing.T) *Schedule {
	t.Helper()
	s, err := LinearSchedule(1000, 1e-4, 0.02)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// maxAbsDiff returns the largest |a_i − b_i|.
func maxAbsDiff(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

// column returns an [n, 1] tensor filled with v.
func column(n int, v float64) *tensor.Tensor {
	c := tensor.New(n, 1)
	for i := range c.Data {
		c.Data[i] = v
	}
	return c
}
