package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/tensor"
)

// constEps is a Denoiser that predicts the same ε̂ whatever it is shown.
type constEps struct {
	ToyDenoiser
	eps *tensor.Tensor
}

func (c *constEps) Forward(xt *autograd.Value, t []int) *autograd.Value {
	return autograd.Const(c.eps)
}

// Where x̂_0 lies in [−1, 1] Clipped changes nothing; where it does not,
// the new ε̂ implies exactly the clipped x̂_0.
func TestClippedKeepsTheGuessInRange(t *testing.T) {
	s := ho(t)
	xt := tensor.FromSlice([]float64{0.3, -0.2, 0.9, 5}, 2, 2)
	ts := []int{10, 990}
	// row 0 at t = 10 with ε̂ = 0.1: x̂_0 ≈ x_t, inside; row 1 at t = 990:
	// x̂_0 = (x_t − √(1−ᾱ) ε̂)/√ᾱ far outside
	eps := tensor.FromSlice([]float64{0.1, 0.1, 0.5, 0.2}, 2, 2)
	c := Clipped{M: &constEps{eps: eps}, S: s}
	got := c.Forward(autograd.Const(xt), ts).Data
	if got.Data[0] != eps.Data[0] && math.Abs(got.Data[0]-eps.Data[0]) > 1e-12 {
		t.Fatalf("a guess in range changed: ε̂ %g → %g", eps.Data[0], got.Data[0])
	}
	x0 := s.PredictX0(xt, ts, got)
	for i, v := range x0.Data {
		if v < -1-1e-9 || v > 1+1e-9 {
			t.Fatalf("x̂_0[%d] = %g after clipping", i, v)
		}
	}
	raw := s.PredictX0(xt, ts, eps)
	if raw.Data[3] <= 1 || math.Abs(x0.Data[3]-1) > 1e-9 {
		t.Fatalf("row 1's guess %g should have been clipped to 1, got %g", raw.Data[3], x0.Data[3])
	}
}
