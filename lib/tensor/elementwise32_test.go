package tensor

import (
	"math"
	"math/rand/v2"
	"testing"
)

// GELUFloat32 agrees with the exact GELU and its derivative to 1e-7
// relative to max(1, |x|), over the range where GELU bends and far out.
func TestGELUFloat32(t *testing.T) {
	var xs []float64
	for x := -12.0; x <= 12; x += 0.001 {
		xs = append(xs, x)
	}
	xs = append(xs, 0, -40, 40, 1e-9, -1e-9)
	y, dy := GELUFloat32(FromSlice(xs, len(xs)))
	for i, x := range xs {
		cdf := 0.5 * (1 + math.Erf(x/math.Sqrt2))
		wantY, wantDY := x*cdf, cdf+x*math.Exp(-x*x/2)/math.Sqrt(2*math.Pi)
		tol := 1e-7 * math.Max(1, math.Abs(x))
		if !(math.Abs(y.Data[i]-wantY) <= tol) || !(math.Abs(dy.Data[i]-wantDY) <= tol) {
			t.Fatalf("x = %v: GELU %v, derivative %v; want %v and %v", x, y.Data[i], dy.Data[i], wantY, wantDY)
		}
	}
}

// The vector GELU gives gelu32's bits, element for element, NaN and
// infinities included.
func TestGELUVectorSameBits(t *testing.T) {
	if geluVector == nil {
		t.Skip("no vector GELU on this processor")
	}
	x := RandN(NewRNG(5), 4096).Data
	for i := range x {
		x[i] *= float64(1 + i%13)
	}
	copy(x, []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1e-300, -38, 38})
	y, dy := make([]float64, len(x)), make([]float64, len(x))
	geluVector(x, y, dy, &f32Consts)
	for i, v := range x {
		wy, wdy := gelu32(v)
		if math.Float64bits(y[i]) != math.Float64bits(wy) || math.Float64bits(dy[i]) != math.Float64bits(wdy) {
			t.Fatalf("x = %v: vector %v, %v; scalar %v, %v", v, y[i], dy[i], wy, wdy)
		}
	}
}

// BenchmarkGELU times the GELU of a baby GPT's MLP activations (12
// windows of 64 tokens, 512 features), exact with math.Erf and in
// Float32 precision.
func BenchmarkGELU(b *testing.B) {
	x := RandN(NewRNG(1), 12*64, 512)
	b.Run("exact", func(b *testing.B) {
		for b.Loop() {
			cdf := Map(x, func(v float64) float64 { return 0.5 * (1 + math.Erf(v/math.Sqrt2)) })
			Mul(x, cdf)
		}
	})
	b.Run("float32", func(b *testing.B) {
		for b.Loop() {
			GELUFloat32(x)
		}
	})
}

// The vector softmax row gives softmaxRow32's bits for every length
// around a multiple of eight, with masked (-Inf) entries and entries far
// below the maximum.
func TestSoftmaxVectorSameBits(t *testing.T) {
	if softmaxVector == nil {
		t.Skip("no vector softmax on this processor")
	}
	r := NewRNG(6)
	for n := 1; n <= 40; n++ {
		x := RandN(r, n).Data
		for j := range x {
			x[j] *= 5
			if j%5 == 3 {
				x[j] = math.Inf(-1)
			}
			if j%7 == 6 {
				x[j] = -800
			}
		}
		m := math.Inf(-1)
		for _, v := range x {
			m = max(m, v)
		}
		got, want := make([]float64, n+1), make([]float64, n+1)
		got[n], want[n] = 7, 7 // beyond the row: must stay
		softmaxVector(x, got[:n], m, &f32Consts)
		softmaxRow32(x, want[:n], m)
		for j := range want {
			if math.Float64bits(got[j]) != math.Float64bits(want[j]) {
				t.Fatalf("n = %d: y[%d] = %v, want %v", n, j, got[j], want[j])
			}
		}
	}
}

// SoftmaxIn(Float32) agrees with the exact softmax to 1e-8 relative,
// gives masked entries exactly zero, and rows of -Inf zeros.
func TestSoftmaxFloat32(t *testing.T) {
	x := RandN(NewRNG(7), 5, 3, 37)
	for j := range x.Data {
		x.Data[j] *= 4
		if j%9 == 2 {
			x.Data[j] = math.Inf(-1)
		}
	}
	for j := 0; j < 37; j++ {
		x.Data[2*37+j] = math.Inf(-1) // a row with nothing to attend to
	}
	got, want := SoftmaxIn(Float32, x), Softmax(x)
	for j, w := range want.Data {
		if g := got.Data[j]; !(math.Abs(g-w) <= 1e-8*w) || (w == 0) != (g == 0) {
			t.Fatalf("element %d: %v, want %v", j, g, w)
		}
	}
}

// ScaledSoftmaxIn gives, in either precision, the bits of the softmax of
// the scores scaled and masked by Scale and Add, for masks of the shapes
// attention uses: causal [Tq, Tk], padding [B, 1, 1, Tk], and none.
func TestScaledSoftmaxSameBits(t *testing.T) {
	r := NewRNG(8)
	s := RandN(r, 2, 3, 5, 7)
	causal := New(5, 7)
	for i := range 5 {
		for j := i + 3; j < 7; j++ {
			causal.Data[i*7+j] = math.Inf(-1)
		}
	}
	padding := New(2, 1, 1, 7)
	padding.Data[6], padding.Data[12], padding.Data[13] = math.Inf(-1), math.Inf(-1), math.Inf(-1)
	for _, p := range []Precision{Float64, Float32} {
		for _, mask := range []*Tensor{nil, causal, padding, RandN(r, 3, 1, 7)} {
			want := Scale(s, 0.37)
			if mask != nil {
				want = Add(want, mask)
			}
			want = SoftmaxIn(p, want)
			got := ScaledSoftmaxIn(p, s, 0.37, mask)
			for i, w := range want.Data {
				if math.Float64bits(got.Data[i]) != math.Float64bits(w) {
					t.Fatalf("%v, mask %v: element %d is %v, want %v", p, mask, i, got.Data[i], w)
				}
			}
		}
	}
}

// rowMax agrees with a single running maximum on rows of every length
// up to 9, with NaN, infinities and both zeros among their numbers.
func TestRowMax(t *testing.T) {
	vals := []float64{math.NaN(), math.Inf(-1), math.Inf(1), 0, math.Copysign(0, -1), -2, 3}
	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 3000; trial++ {
		row := make([]float64, trial%10)
		for j := range row {
			row[j] = vals[r.IntN(len(vals))]
		}
		want := math.Inf(-1)
		for _, v := range row {
			want = max(want, v)
		}
		if got := rowMax(row); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("rowMax(%v) = %v, want %v", row, got, want)
		}
	}
}
