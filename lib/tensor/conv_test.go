package tensor_test

import (
	"fmt"
	"math"
	"runtime"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// convCase is one convolution geometry: batch N, channels C -> F, an H x W
// input, a KH x KW kernel, stride and zero padding.
type convCase struct{ n, c, f, h, w, kh, kw, stride, pad int }

func (c convCase) String() string {
	return fmt.Sprintf("N%d C%d F%d %dx%d k%dx%d s%d p%d", c.n, c.c, c.f, c.h, c.w, c.kh, c.kw, c.stride, c.pad)
}

var convCases = []convCase{
	{1, 1, 1, 5, 5, 3, 3, 1, 0},
	{2, 3, 4, 7, 7, 3, 3, 1, 1}, // "same" padding
	{2, 2, 3, 8, 8, 4, 4, 2, 1}, // DCGAN's downsampling layer
	{1, 3, 2, 9, 7, 3, 2, 2, 0}, // non-square kernel and image
	{3, 2, 2, 6, 5, 1, 3, 1, 1}, // 1 x 3 kernel
	{2, 3, 2, 5, 5, 5, 5, 1, 2}, // kernel as large as the image
	{1, 2, 2, 7, 6, 2, 3, 3, 1}, // stride 3
	{2, 1, 1, 4, 4, 4, 4, 1, 0}, // one output pixel
	{1, 2, 3, 8, 9, 3, 3, 2, 0}, // stride leaves the last row and column unread
	{2, 2, 2, 3, 3, 2, 2, 1, 2}, // padding wider than half the kernel
}

// refConv2d is the direct convolution, seven loops deep:
// y[n,f,i,j] = Σ_c Σ_ki Σ_kj x[n, c, i·s-p+ki, j·s-p+kj] · w[f, c, ki, kj],
// where positions outside x read as zero.
func refConv2d(x, w *tensor.Tensor, stride, pad int) *tensor.Tensor {
	N, C, H, W := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	F, KH, KW := w.Shape[0], w.Shape[2], w.Shape[3]
	OH, OW := (H+2*pad-KH)/stride+1, (W+2*pad-KW)/stride+1
	y := tensor.New(N, F, OH, OW)
	for n := 0; n < N; n++ {
		for f := 0; f < F; f++ {
			for i := 0; i < OH; i++ {
				for j := 0; j < OW; j++ {
					s := 0.0
					for c := 0; c < C; c++ {
						for ki := 0; ki < KH; ki++ {
							for kj := 0; kj < KW; kj++ {
								r, q := i*stride-pad+ki, j*stride-pad+kj
								if r >= 0 && r < H && q >= 0 && q < W {
									s += x.At(n, c, r, q) * w.At(f, c, ki, kj)
								}
							}
						}
					}
					y.Set(s, n, f, i, j)
				}
			}
		}
	}
	return y
}

// refConvTranspose2d scatters every input pixel, weighted by the kernel,
// into the output: out[n, co, i·s-p+ki, j·s-p+kj] += x[n,ci,i,j]·w[ci,co,ki,kj].
// Positions that fall outside the output are dropped.
func refConvTranspose2d(x, w *tensor.Tensor, oh, ow, stride, pad int) *tensor.Tensor {
	N, CI, H, W := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	CO, KH, KW := w.Shape[1], w.Shape[2], w.Shape[3]
	out := tensor.New(N, CO, oh, ow)
	for n := 0; n < N; n++ {
		for ci := 0; ci < CI; ci++ {
			for i := 0; i < H; i++ {
				for j := 0; j < W; j++ {
					for co := 0; co < CO; co++ {
						for ki := 0; ki < KH; ki++ {
							for kj := 0; kj < KW; kj++ {
								r, q := i*stride-pad+ki, j*stride-pad+kj
								if r >= 0 && r < oh && q >= 0 && q < ow {
									out.Set(out.At(n, co, r, q)+x.At(n, ci, i, j)*w.At(ci, co, ki, kj), n, co, r, q)
								}
							}
						}
					}
				}
			}
		}
	}
	return out
}

// refConv2dGradWeight is dw[f,c,ki,kj] = Σ_n Σ_i Σ_j dy[n,f,i,j]·x[n, c, i·s-p+ki, j·s-p+kj].
func refConv2dGradWeight(x, dy *tensor.Tensor, kh, kw, stride, pad int) *tensor.Tensor {
	N, C, H, W := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	F, OH, OW := dy.Shape[1], dy.Shape[2], dy.Shape[3]
	dw := tensor.New(F, C, kh, kw)
	forEachIndex(dw.Shape, func(idx []int) {
		f, c, ki, kj := idx[0], idx[1], idx[2], idx[3]
		s := 0.0
		for n := 0; n < N; n++ {
			for i := 0; i < OH; i++ {
				for j := 0; j < OW; j++ {
					r, q := i*stride-pad+ki, j*stride-pad+kj
					if r >= 0 && r < H && q >= 0 && q < W {
						s += dy.At(n, f, i, j) * x.At(n, c, r, q)
					}
				}
			}
		}
		dw.Set(s, idx...)
	})
	return dw
}

func TestConv2dMatchesDirectConvolution(t *testing.T) {
	g := tensor.NewRNG(20)
	for _, c := range convCases {
		x, w := randT(g, c.n, c.c, c.h, c.w), randT(g, c.f, c.c, c.kh, c.kw)
		y := tensor.Conv2d(x, w, c.stride, c.pad)
		want := refConv2d(x, w, c.stride, c.pad)
		if want.Dim(2) != tensor.ConvOutSize(c.h, c.kh, c.stride, c.pad) || want.Dim(3) != tensor.ConvOutSize(c.w, c.kw, c.stride, c.pad) {
			t.Errorf("%v: ConvOutSize disagrees with the reference's %v", c, want.Shape)
		}
		checkTensor(t, "Conv2d "+c.String(), y, want, approx)
	}
}

func TestConvGradientsAreAdjoints(t *testing.T) {
	// For the linear map x -> Conv2d(x, w) and w -> Conv2d(x, w):
	// <Conv2d(x,w), y> = <x, Conv2dGradInput(y,w)> = <w, Conv2dGradWeight(x,y)>.
	g := tensor.NewRNG(21)
	for _, c := range convCases {
		x, w := randT(g, c.n, c.c, c.h, c.w), randT(g, c.f, c.c, c.kh, c.kw)
		conv := tensor.Conv2d(x, w, c.stride, c.pad)
		y := randT(g, conv.Shape...)
		dx := tensor.Conv2dGradInput(y, w, c.h, c.w, c.stride, c.pad)
		dw := tensor.Conv2dGradWeight(x, y, c.kh, c.kw, c.stride, c.pad)
		if !tensor.EqualShape(dx.Shape, x.Shape) || !tensor.EqualShape(dw.Shape, w.Shape) {
			t.Fatalf("%v: gradient shapes %v and %v, want %v and %v", c, dx.Shape, dw.Shape, x.Shape, w.Shape)
		}
		lhs, viaX, viaW := dot(conv, y), dot(x, dx), dot(w, dw)
		if relErr(lhs, viaX) > 1e-12 || relErr(lhs, viaW) > 1e-12 {
			t.Errorf("%v: <Conv2d(x,w), y> = %.15g, <x, GradInput> = %.15g, <w, GradWeight> = %.15g", c, lhs, viaX, viaW)
		}
		// And each gradient against its own direct formula.
		checkTensor(t, "Conv2dGradInput "+c.String(), dx, refConvTranspose2d(y, w, c.h, c.w, c.stride, c.pad), approx)
		checkTensor(t, "Conv2dGradWeight "+c.String(), dw, refConv2dGradWeight(x, y, c.kh, c.kw, c.stride, c.pad), approx)
	}
}

func TestConvTranspose2dUpsamplesAndEqualsGradInput(t *testing.T) {
	g := tensor.NewRNG(22)
	// DCGAN's generator: 7x7 -> 14x14 with a 4x4 kernel, stride 2, pad 1.
	x, w := randT(g, 2, 3, 7, 7), randT(g, 3, 2, 4, 4)
	y := tensor.ConvTranspose2d(x, w, 2, 1)
	if !tensor.EqualShape(y.Shape, []int{2, 2, 14, 14}) {
		t.Fatalf("ConvTranspose2d of %v with %v, s2 p1: shape %v, want [2 2 14 14]", x.Shape, w.Shape, y.Shape)
	}
	checkTensor(t, "ConvTranspose2d vs Conv2dGradInput", y, tensor.Conv2dGradInput(x, w, 14, 14, 2, 1), approx)
	checkTensor(t, "ConvTranspose2d vs direct scatter", y, refConvTranspose2d(x, w, 14, 14, 2, 1), approx)
	// Its adjoint is the convolution with the same weights.
	z := randT(g, y.Shape...)
	if lhs, rhs := dot(y, z), dot(x, tensor.Conv2d(z, w, 2, 1)); relErr(lhs, rhs) > 1e-12 {
		t.Errorf("<ConvT(x,w), z> = %.15g but <x, Conv2d(z,w)> = %.15g", lhs, rhs)
	}
	// Non-square kernel and stride 3.
	x2, w2 := randT(g, 1, 2, 3, 4), randT(g, 2, 3, 2, 3)
	y2 := tensor.ConvTranspose2d(x2, w2, 3, 0)
	oh, ow := tensor.ConvTransposeOutSize(3, 2, 3, 0), tensor.ConvTransposeOutSize(4, 3, 3, 0)
	checkTensor(t, "ConvTranspose2d s3 k2x3", y2, refConvTranspose2d(x2, w2, oh, ow, 3, 0), approx)
}

func TestConvOutSizes(t *testing.T) {
	cases := []struct{ in, k, stride, pad, out, tout int }{
		{28, 5, 1, 0, 24, 32},
		{28, 3, 1, 1, 28, 28},
		{14, 4, 2, 1, 7, 28},
		{7, 4, 2, 1, 3, 14},
		{32, 3, 2, 1, 16, 63},
		{5, 5, 1, 0, 1, 9},
		{1, 1, 1, 0, 1, 1},
	}
	for _, c := range cases {
		if got := tensor.ConvOutSize(c.in, c.k, c.stride, c.pad); got != c.out {
			t.Errorf("ConvOutSize(%d, k%d, s%d, p%d) = %d, want %d", c.in, c.k, c.stride, c.pad, got, c.out)
		}
		if got := tensor.ConvTransposeOutSize(c.in, c.k, c.stride, c.pad); got != c.tout {
			t.Errorf("ConvTransposeOutSize(%d, k%d, s%d, p%d) = %d, want %d", c.in, c.k, c.stride, c.pad, got, c.tout)
		}
	}
	// A transposed convolution returns to the size the convolution came from.
	for in := 1; in <= 20; in++ {
		for k := 1; k <= 5; k++ {
			for s := 1; s <= 3; s++ {
				for p := 0; p < k; p++ {
					up := tensor.ConvTransposeOutSize(in, k, s, p)
					if up < 1 {
						continue
					}
					if back := tensor.ConvOutSize(up, k, s, p); back != in {
						t.Errorf("ConvOutSize(ConvTransposeOutSize(%d, k%d s%d p%d) = %d) = %d", in, k, s, p, up, back)
					}
				}
			}
		}
	}
}

func TestConvOutSizeWhenTheKernelDoesNotFit(t *testing.T) {
	// A kernel larger than the padded input fits nowhere: no output. With a
	// stride above 1, truncating division would round (in+2p-k)/s up to 0 and
	// report one output.
	for _, c := range [][4]int{{4, 5, 2, 0}, {2, 5, 1, 0}, {3, 7, 3, 1}, {1, 4, 4, 1}} {
		if got := tensor.ConvOutSize(c[0], c[1], c[2], c[3]); got > 0 {
			t.Errorf("ConvOutSize(%d, k%d, s%d, p%d) = %d, want none (<= 0)", c[0], c[1], c[2], c[3], got)
		}
	}
	expectPanic(t, "Conv2d with a 5x5 kernel over a 4x4 image, stride 2",
		func() { tensor.Conv2d(tensor.New(1, 1, 4, 4), tensor.New(1, 1, 5, 5), 2, 0) }, shapeStr(1, 1, 4, 4), shapeStr(1, 1, 5, 5))
	expectPanic(t, "Conv2d with a 5x5 kernel over a 4x4 image, stride 1",
		func() { tensor.Conv2d(tensor.New(1, 1, 4, 4), tensor.New(1, 1, 5, 5), 1, 0) }, shapeStr(1, 1, 4, 4), shapeStr(1, 1, 5, 5))
}

func TestConvOfAnEmptyBatch(t *testing.T) {
	x, w := tensor.New(0, 2, 5, 5), tensor.New(3, 2, 3, 3)
	if y := tensor.Conv2d(x, w, 1, 1); !tensor.EqualShape(y.Shape, []int{0, 3, 5, 5}) {
		t.Errorf("Conv2d of an empty batch: shape %v", y.Shape)
	}
	dy := tensor.New(0, 3, 5, 5)
	if dx := tensor.Conv2dGradInput(dy, w, 5, 5, 1, 1); !tensor.EqualShape(dx.Shape, x.Shape) {
		t.Errorf("Conv2dGradInput of an empty batch: shape %v", dx.Shape)
	}
	if dw := tensor.Conv2dGradWeight(x, dy, 3, 3, 1, 1); !tensor.EqualShape(dw.Shape, w.Shape) || tensor.MaxAbs(dw) != 0 {
		t.Errorf("Conv2dGradWeight of an empty batch: %v, want zeros of shape %v", dw, w.Shape)
	}
}

func TestConvPanicsNameShapes(t *testing.T) {
	x, w := tensor.New(2, 3, 8, 8), tensor.New(4, 2, 3, 3)
	expectPanic(t, "Conv2d channel mismatch", func() { tensor.Conv2d(x, w, 1, 0) }, shapeStr(2, 3, 8, 8), shapeStr(4, 2, 3, 3))
	expectPanic(t, "Conv2d of a rank-3 input", func() { tensor.Conv2d(tensor.New(3, 8, 8), w, 1, 0) }, shapeStr(3, 8, 8))
	dy := tensor.New(2, 4, 6, 6)
	w3 := tensor.New(4, 3, 3, 3)
	expectPanic(t, "Conv2dGradInput for the wrong input size", func() { tensor.Conv2dGradInput(dy, w3, 9, 9, 1, 0) }, shapeStr(2, 4, 6, 6), shapeStr(4, 3, 3, 3))
	expectPanic(t, "Conv2dGradInput channel mismatch", func() { tensor.Conv2dGradInput(dy, tensor.New(3, 3, 3, 3), 8, 8, 1, 0) }, shapeStr(2, 4, 6, 6), shapeStr(3, 3, 3, 3))
	expectPanic(t, "Conv2dGradWeight batch mismatch", func() { tensor.Conv2dGradWeight(tensor.New(3, 3, 8, 8), dy, 3, 3, 1, 0) }, shapeStr(3, 3, 8, 8), shapeStr(2, 4, 6, 6))
	expectPanic(t, "Conv2dGradWeight for the wrong kernel", func() { tensor.Conv2dGradWeight(x, dy, 5, 5, 1, 0) }, shapeStr(2, 3, 8, 8), shapeStr(2, 4, 6, 6))
	expectPanic(t, "ConvTranspose2d channel mismatch", func() { tensor.ConvTranspose2d(x, w, 2, 1) }, shapeStr(2, 3, 8, 8), shapeStr(4, 2, 3, 3))
}

// bigConv is large enough (8 images of 36x256 im2col entries, 2¹⁶ in all)
// that the convolutions spread images over goroutines.
func bigConv(g *tensor.RNG) (x, w, dy *tensor.Tensor) {
	x, w = randT(g, 8, 4, 16, 16), randT(g, 5, 4, 3, 3)
	return x, w, randT(g, 8, 5, 16, 16)
}

func TestConvLargeBatchMatchesImageByImage(t *testing.T) {
	g := tensor.NewRNG(23)
	x, w, dy := bigConv(g)
	y := tensor.Conv2d(x, w, 1, 1)
	dx := tensor.Conv2dGradInput(dy, w, 16, 16, 1, 1)
	dw := tensor.Conv2dGradWeight(x, dy, 3, 3, 1, 1)
	var ys, dxs []*tensor.Tensor
	dwSum := tensor.New(w.Shape...)
	for n := 0; n < 8; n++ {
		xn, dyn := tensor.Slice(x, 0, n, n+1), tensor.Slice(dy, 0, n, n+1)
		ys = append(ys, tensor.Conv2d(xn, w, 1, 1))
		dxs = append(dxs, tensor.Conv2dGradInput(dyn, w, 16, 16, 1, 1))
		dwSum.AddInPlace(tensor.Conv2dGradWeight(xn, dyn, 3, 3, 1, 1))
	}
	checkTensor(t, "Conv2d of a batch vs image by image", y, tensor.Concat(0, ys...), approx)
	checkTensor(t, "Conv2dGradInput of a batch vs image by image", dx, tensor.Concat(0, dxs...), approx)
	checkTensor(t, "Conv2dGradWeight of a batch vs summed per image", dw, dwSum, approx)
}

func TestConv2dGradWeightIsReproducible(t *testing.T) {
	// The weight gradient sums per-worker partial sums. Floating-point
	// addition is not associative, so the sum must be taken in a fixed
	// order, whichever worker finishes first: the same inputs must give
	// bit-for-bit the same gradient on every run (luoxia's reproducibility
	// rule). Many workers make a different finishing order likely.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	g := tensor.NewRNG(24)
	x, _, dy := bigConv(g)
	first := tensor.Conv2dGradWeight(x, dy, 3, 3, 1, 1)
	for run := 0; run < 30; run++ {
		again := tensor.Conv2dGradWeight(x, dy, 3, 3, 1, 1)
		for i := range first.Data {
			if again.Data[i] != first.Data[i] {
				t.Fatalf("run %d: element %d is %.17g, first run gave %.17g", run, i, again.Data[i], first.Data[i])
			}
		}
	}
	if d := maxDiff(first.Data, refConv2dGradWeight(x, dy, 3, 3, 1, 1).Data); d > 1e-11 || math.IsNaN(d) {
		t.Errorf("Conv2dGradWeight with 8 workers differs from the reference by %g", d)
	}
}
