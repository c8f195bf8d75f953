// Package position is an exercise: the sinusoidal position encodings of
// Vaswani et al. (2017, §3.5), and why a fixed offset between two
// positions is a fixed linear map.
//
// Attention treats its keys as a set, so word order reaches a Transformer
// only through a vector added to each token's embedding that depends on
// its position p. The encoder-decoder uses d (even) features in d/2 pairs;
// pair i turns at the frequency
//
//	ω_i = 10000^{-2i/d},   i = 0, ..., d/2 - 1
//
// from one radian per position (i = 0) down to nearly one per 10000, and
//
//	PE(p, 2i) = sin(p·ω_i),   PE(p, 2i+1) = cos(p·ω_i)
//
// Each pair is a point on the unit circle at the angle p·ω_i, like the
// hands of a clock that turn at different speeds. Moving k positions on
// turns every hand by its own angle k·ω_i, whatever p is. So there is one
// matrix R_k, the same for every p, with
//
//	PE(p + k) = R_k PE(p)
//
// and a model can learn to attend "k tokens back" once, as one linear
// map, rather than once per position. R_k is block diagonal, a 2×2 block
// per pair. Find the block from the angle-addition formulas for
// sin(a + b) and cos(a + b), keeping the order of each pair (the sine
// first): the ordinary rotation matrix, written for (cos, sin) pairs, is
// not it.
//
// The same clock gives the dot product of two encodings: it depends on
// their offset k only, not on where they are.
package position

import "math"

// Omega returns ω_i = 10000^{-2i/d}, the frequency of feature pair i of d.
func Omega(i, d int) float64 {
	return math.Pow(10000, -float64(2*i)/float64(d))
}

// Sinusoidal returns PE(p), the d features (d even) of position p ≥ 0:
// PE(p, 2i) = sin(p·ω_i) and PE(p, 2i+1) = cos(p·ω_i).
func Sinusoidal(p, d int) []float64 {
	pe := make([]float64, d)
	for i := 0; i < d/2; i++ {
		w := Omega(i, d)
		pe[2*i] = math.Sin(float64(p) * w)
		pe[2*i+1] = math.Cos(float64(p) * w)
	}
	return pe
}

// Rotation returns the d × d matrix R_k with PE(p + k) = R_k PE(p) for
// every position p (and p + k ≥ 0); k may be negative. It is block
// diagonal: its only nonzero entries lie in the 2×2 blocks on the
// diagonal, one per feature pair.
func Rotation(k, d int) [][]float64 {
	r := make([][]float64, d)
	for a := range r {
		r[a] = make([]float64, d)
	}
	for i := 0; i < d/2; i++ {
		theta := float64(k) * Omega(i, d)
		c, s := math.Cos(theta), math.Sin(theta)
		// sin(pω + kω) = cos(kω)·sin(pω) + sin(kω)·cos(pω)
		r[2*i][2*i], r[2*i][2*i+1] = c, s
		// cos(pω + kω) = -sin(kω)·sin(pω) + cos(kω)·cos(pω)
		r[2*i+1][2*i], r[2*i+1][2*i+1] = -s, c
	}
	return r
}

// Dot returns PE(p)·PE(p + k), the dot product of the encodings of two
// positions k apart, which is the same for every p. It is computed from
// k and d alone, without p and without building the encodings.
func Dot(k, d int) float64 {
	sum := 0.0
	for i := 0; i < d/2; i++ {
		// sin(a)sin(b) + cos(a)cos(b) = cos(b - a), with b - a = kω_i
		sum += math.Cos(float64(k) * Omega(i, d))
	}
	return sum
}
