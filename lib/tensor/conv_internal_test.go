package tensor

import (
	"math"
	"testing"
)

// lowerings are convolutions' geometries for the tests of im2col and
// col2im: kernels, strides and paddings whose runs of columns that read
// the image start and end everywhere, with their output sizes filled in.
func lowerings() []geom {
	gs := []geom{
		{c: 2, h: 5, w: 6, kh: 3, kw: 2, stride: 1, pad: 1},
		{c: 3, h: 8, w: 8, kh: 4, kw: 4, stride: 2, pad: 1},
		{c: 1, h: 7, w: 5, kh: 3, kw: 3, stride: 3, pad: 2},
		{c: 2, h: 4, w: 9, kh: 5, kw: 5, stride: 1, pad: 2},
		{c: 1, h: 6, w: 7, kh: 1, kw: 1, stride: 2, pad: 0},
		{c: 2, h: 3, w: 3, kh: 3, kw: 3, stride: 1, pad: 3},
		{c: 1, h: 9, w: 10, kh: 4, kw: 3, stride: 2, pad: 3},
	}
	for i, g := range gs {
		gs[i].oh, gs[i].ow = ConvOutSize(g.h, g.kh, g.stride, g.pad), ConvOutSize(g.w, g.kw, g.stride, g.pad)
	}
	return gs
}

// TestIm2ColMatchesPixelByPixel checks im2col and col2im, which copy and
// add runs of columns, against the lowering written one output pixel at a
// time (each pixel tests whether it reads the padding), bit for bit, over
// kernels, strides and paddings whose runs start and end everywhere.
func TestIm2ColMatchesPixelByPixel(t *testing.T) {
	rng := NewRNG(28)
	for _, g := range lowerings() {
		x := RandN(rng, g.c*g.h*g.w).Data
		c := RandN(rng, g.rows()*g.cols()).Data
		col := make([]float64, len(c))
		for i := range col {
			col[i] = math.NaN() // im2col must write every entry
		}
		im2col(g, x, col)
		back := RandN(rng, len(x)).Data // col2im adds to what is there
		want := append([]float64(nil), back...)
		col2im(g, c, back)
		for ch := 0; ch < g.c; ch++ {
			for ki := 0; ki < g.kh; ki++ {
				for kj := 0; kj < g.kw; kj++ {
					r := (ch*g.kh+ki)*g.kw + kj
					for oi := 0; oi < g.oh; oi++ {
						for oj := 0; oj < g.ow; oj++ {
							e := r*g.cols() + oi*g.ow + oj
							i, j := oi*g.stride-g.pad+ki, oj*g.stride-g.pad+kj
							inside := i >= 0 && i < g.h && j >= 0 && j < g.w
							v := 0.0
							if inside {
								v = x[(ch*g.h+i)*g.w+j]
								want[(ch*g.h+i)*g.w+j] += c[e]
							}
							if math.Float64bits(col[e]) != math.Float64bits(v) {
								t.Fatalf("%+v: im2col entry (%d, %d) = %v, want %v", g, r, oi*g.ow+oj, col[e], v)
							}
						}
					}
				}
			}
		}
		for i := range want {
			if math.Float64bits(back[i]) != math.Float64bits(want[i]) {
				t.Fatalf("%+v: col2im pixel %d = %v, want %v added in the same order", g, i, back[i], want[i])
			}
		}
	}
}

// TestIm2ColAndCol2ImAreAdjoint checks <im2col(x), c> = <x, col2im(c)>
// directly on the lowering the convolutions are built from.
func TestIm2ColAndCol2ImAreAdjoint(t *testing.T) {
	rng := NewRNG(27)
	for _, g := range lowerings() {
		x := RandN(rng, g.c*g.h*g.w)
		c := RandN(rng, g.rows()*g.cols())
		col := make([]float64, g.rows()*g.cols())
		im2col(g, x.Data, col)
		back := make([]float64, len(x.Data))
		col2im(g, c.Data, back)
		lhs, rhs := 0.0, 0.0
		for i := range col {
			lhs += col[i] * c.Data[i]
		}
		for i := range back {
			rhs += x.Data[i] * back[i]
		}
		if d := lhs - rhs; d > 1e-12 || d < -1e-12 {
			t.Errorf("%+v: <im2col(x), c> = %.15g but <x, col2im(c)> = %.15g", g, lhs, rhs)
		}
	}
}
