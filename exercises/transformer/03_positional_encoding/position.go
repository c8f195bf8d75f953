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
// per pair; derive the block, keeping the order of each pair (the sine
// first). The same clock gives the dot product of two encodings: it
// depends on their offset k only, not on where they are; derive it in
// closed form too. (Chapter section "Positions",
// chapters/transformer/README.md.)
package position

// Omega returns ω_i = 10000^{-2i/d}, the frequency of feature pair i of d.
func Omega(i, d int) float64 {
	// TODO
	return 0
}

// Sinusoidal returns PE(p), the d features (d even) of position p ≥ 0:
// PE(p, 2i) = sin(p·ω_i) and PE(p, 2i+1) = cos(p·ω_i).
func Sinusoidal(p, d int) []float64 {
	// TODO
	return nil
}

// Rotation returns the d × d matrix R_k with PE(p + k) = R_k PE(p) for
// every position p (and p + k ≥ 0); k may be negative. It is block
// diagonal: its only nonzero entries lie in the 2×2 blocks on the
// diagonal, one per feature pair.
func Rotation(k, d int) [][]float64 {
	// TODO: derive the 2×2 block of each pair, then place it.
	return nil
}

// Dot returns PE(p)·PE(p + k), the dot product of the encodings of two
// positions k apart, which is the same for every p. It is computed from
// k and d alone, without p and without building the encodings.
func Dot(k, d int) float64 {
	// TODO: simplify one pair's contribution by hand, then sum.
	return 0
}
