// Package interp is an exercise: interpolating between two latent codes,
// the walk through latent space by which a VAE's decoder shows what its
// codes mean (one digit turning smoothly into another).
//
// Encode two images to codes z0 and z1 (the encoder's means μ), decode the
// points on a path between them, and lay the images in a row. The simplest
// path is the straight line: lerp(z0, z1, t) is the point a fraction t in
// [0, 1] of the way from z0 to z1, z0 at t = 0 and z1 at t = 1. Of the
// ways to write it that are equal on paper, pick one that returns both
// ends exactly, with no rounding, even for z0 = 1e20 and z1 = 1.
//
// A path of n points takes the evenly spaced t_i = i/(n - 1), i = 0, ...,
// n - 1, so that successive points are equally far apart.
//
// The straight line cuts through a region the prior rarely visits. In J
// dimensions, a code z ~ N(0, I) has |z|² ~ χ²_J, so |z| ≈ √J: draws
// concentrate on a thin shell. Two independent draws are nearly
// orthogonal, and the midpoint (z0 + z1)/2 of the line has norm about
// √(J/2) ≈ 0.71·√J, well inside the shell, where the decoder saw no codes
// in training. White (2016, "Sampling Generative Networks") walks along the
// great circle instead, with Shoemake's (1985) spherical interpolation:
//
//	slerp(z0, z1, t) = sin((1 - t)·Ω)/sin Ω · z0 + sin(t·Ω)/sin Ω · z1
//
// where Ω is the angle between z0 and z1, cos Ω = z0·z1 / (|z0|·|z1|).
// For two codes of the same norm r, the point at t is at angle t·Ω from z0
// and has norm r: equal steps in t are equal steps along the arc. (For
// codes of different norms it moves between the two in the plane they
// span, no longer at a constant angular speed.)
//
// Slerp is 0/0 where sin Ω = 0: for parallel codes (Ω = 0), where its
// limit is lerp, and for opposite ones (Ω = π), where every great circle
// joins them. It then falls back to lerp, as it does when a code is 0 and
// has no direction. It must not return NaN for parallel codes, even when
// rounding makes the computed cos Ω come out just past 1. See the chapter
// section "The recipe, on digits" (chapters/vae/README.md) for the
// interpolations this draws.
package interp

// Lerp returns the point a fraction t of the way from z0 to z1 on the
// straight line, as a new slice, for codes z0 and z1 of the same length.
// It returns z0's values exactly at t = 0 and z1's exactly at t = 1.
func Lerp(z0, z1 []float64, t float64) []float64 {
	// TODO
	return nil
}

// Path returns n points evenly spaced on the line from z0 to z1: point i
// is Lerp(z0, z1, i/(n - 1)), so the first is z0 and the last z1, exactly.
// Each point is a new slice; z0 and z1 are left unchanged. A path needs
// two ends: Path panics if n < 2.
func Path(z0, z1 []float64, n int) [][]float64 {
	// TODO
	return nil
}

// Slerp returns the point at t on the great-circle arc from z0 to z1,
//
//	sin((1 - t)·Ω)/sin Ω · z0 + sin(t·Ω)/sin Ω · z1,   cos Ω = z0·z1/(|z0|·|z1|)
//
// as a new slice, for codes of the same length. Where the arc is not
// defined (a code of norm 0, or sin Ω < 1e-9: parallel or opposite codes)
// it returns Lerp(z0, z1, t).
func Slerp(z0, z1 []float64, t float64) []float64 {
	// TODO: the angle Ω first, guarded against rounding.
	return nil
}
