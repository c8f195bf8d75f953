package tensor

import "math"

// GELUFloat32 returns y = x·Φ(x) and its derivative y' = Φ(x) + x·φ(x)
// for every element of x (Φ and φ the standard normal CDF and density),
// to float32's accuracy: the GELU of Float32 precision. y' is what a
// backward pass multiplies the incoming gradient by.
//
// The exact GELU calls math.Erf for Φ and math.Exp for φ, some 15 ns an
// element. Here both come from one exponential, e^(-x²/2), which φ is up
// to a constant and which Abramowitz and Stegun's formula 7.1.26 turns
// into erf (Handbook of Mathematical Functions, 1964):
//
//	erf(z) ≈ 1 - (a₁t + a₂t² + a₃t³ + a₄t⁴ + a₅t⁵)·e^(-z²),  t = 1/(1 + p·z),  z ≥ 0,
//
// within 1.5e-7 of erf for every z; with z = |x|/√2, e^(-z²) = e^(-x²/2).
// PyTorch's vectorised float32 erf uses the same formula. y and y' are
// within about 1e-7·max(1, |x|) of the exact values.
//
// gelu32 computes one element with a fixed sequence of roundings, fused
// multiply-adds where it says so; on amd64 with AVX-512 the same sequence
// runs on eight elements at a time (elementwise32_amd64.s), giving the same bits.
func GELUFloat32(x *Tensor) (y, dy *Tensor) {
	y, dy = Empty(x.Shape...), Empty(x.Shape...)
	src, yd, dd := x.Data, y.Data, dy.Data
	parallelFor(len(src), 1, func(lo, hi int) {
		n := lo
		if geluVector != nil {
			n += (hi - lo) &^ 7
			geluVector(src[lo:n], yd[lo:n], dd[lo:n], &f32Consts)
		}
		for i := n; i < hi; i++ {
			yd[i], dd[i] = gelu32(src[i])
		}
	})
	return y, dy
}

// f32Consts are the constants of gelu32, expCore and softmaxRow32, in
// the order the assembly reads them.
var f32Consts = [...]float64{
	-0.5, -700, math.Log2E, roundMagic, -math.Ln2, // e^v = 2^n·e^r
	1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5, 1, // Taylor coefficients of e^r, r⁷ down to r
	as26p / math.Sqrt2, as26a5, as26a4, as26a3, as26a2, as26a1, // formula 7.1.26 in x
	1 / math.Sqrt(2*math.Pi), math.Float64frombits(1<<63 - 1), math.Float64frombits(1023), // 1/√(2π), |·|'s mask, the exponent's bias
}

// The constants of formula 7.1.26.
const (
	as26p  = 0.3275911
	as26a1 = 0.254829592
	as26a2 = -0.284496736
	as26a3 = 1.421413741
	as26a4 = -1.453152027
	as26a5 = 1.061405429
)

// roundMagic is 1.5·2^52: adding it to a float64 v with |v| < 2^51 rounds
// v to the nearest integer n, which the sum's low bits then hold.
const roundMagic = 0x1.8p52

// gelu32 returns x·Φ(x) and Φ(x) + x·φ(x) as GELUFloat32 describes. v
// = -x²/2 is held above -700, where e^v is far below float32's smallest
// number already, so that expCore's 2^n stays a normal float64.
func gelu32(x float64) (y, dy float64) {
	c := &f32Consts
	e := expCore(max(x*x*c[0], c[1])) // e^(-x²/2)
	t := 1 / math.FMA(math.Abs(x), c[12], 1)
	s := c[13]
	for _, a := range c[14:18] {
		s = math.FMA(s, t, a)
	}
	q := float64(s*t) * float64(e*c[10]) // (1 - erf(|x|/√2))/2
	cdf := q                             // Φ(x) for x < 0
	if x >= 0 {
		cdf = 1 - q
	}
	return x * cdf, math.FMA(x, e*c[18], cdf)
}

// expCore returns e^v for -700 ≤ v ≤ 0 to within about 1e-8, relative:
// e^v = 2^n·e^r with n the integer nearest v/ln 2 and |r| ≤ ln 2/2, e^r
// from its Taylor series to r⁷ (the first term left out is below 2e-9),
// and 2^n written straight into a float64's exponent. Every step is one
// rounding, fused multiply-adds where it says so, as in the assembly.
func expCore(v float64) float64 {
	c := &f32Consts
	tn := math.FMA(v, c[2], c[3]) // roundMagic + n
	n := tn - c[3]
	r := math.FMA(n, c[4], v) // v - n·ln 2
	p := c[5]
	for _, k := range c[6:12] {
		p = math.FMA(p, r, k)
	}
	p = math.FMA(p, r, c[11]) // e^r
	return p * math.Float64frombits((math.Float64bits(tn)+math.Float64bits(c[20]))<<52)
}
