package diffusion

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// Slerp returns the spherical interpolation between two noise vectors a
// and b (rows of the same length) at α ∈ [0, 1],
//
//	slerp(a, b; α) = sin((1 − α)θ)/sin θ · a + sin(αθ)/sin θ · b,   cos θ = a·b / (|a| |b|),
//
// the path Song et al. (2021) interpolate DDIM's x_T along. A straight
// line between two draws of N(0, I) in D dimensions passes through points
// of norm about √(D/2) at its middle, where the network has never seen
// noise that small; the arc keeps the norm near √D, so every point on it
// is a plausible x_T and decodes to a plausible image.
func Slerp(a, b *tensor.Tensor, alpha float64) *tensor.Tensor {
	if !a.SameShape(b) {
		panic(fmt.Sprintf("diffusion: Slerp of %v and %v", a.Shape, b.Shape))
	}
	dot, na, nb := 0.0, 0.0, 0.0
	for i, v := range a.Data {
		dot += v * b.Data[i]
		na += v * v
		nb += b.Data[i] * b.Data[i]
	}
	cos := math.Max(-1, math.Min(1, dot/math.Sqrt(na*nb)))
	theta := math.Acos(cos)
	ca, cb := 1-alpha, alpha // the straight line, when the two are parallel
	if s := math.Sin(theta); s > 1e-9 {
		ca, cb = math.Sin((1-alpha)*theta)/s, math.Sin(alpha*theta)/s
	}
	out := tensor.New(a.Shape...)
	for i, v := range a.Data {
		out.Data[i] = ca*v + cb*b.Data[i]
	}
	return out
}

// Interpolate inverts two images a and b [1, D] (pixels in [0, 1]) to
// their x_T by deterministic DDIM over steps (InvertDDIM with iters), and
// decodes k points of the arc between the two, from a's x_T to b's, with
// the same sampler. It returns their pixels [k, D]: the first row is a
// reconstructed, the last b.
func Interpolate(m Denoiser, s *Schedule, a, b *tensor.Tensor, steps []int, iters, k int) *tensor.Tensor {
	if k < 2 {
		panic(fmt.Sprintf("diffusion: Interpolate: %d points; want at least 2", k))
	}
	xT := InvertDDIM(m, s, ToSigned(tensor.Concat(0, a, b)), steps, iters)
	za, zb := tensor.Slice(xT, 0, 0, 1), tensor.Slice(xT, 0, 1, 2)
	path := make([]*tensor.Tensor, k)
	for i := range path {
		path[i] = Slerp(za, zb, float64(i)/float64(k-1))
	}
	return ToPixels(SampleDDIM(m, s, tensor.Concat(0, path...), steps, 0, nil))
}
