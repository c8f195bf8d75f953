package tensor

import "fmt"

// Convolutions are lowered to matrix products (im2col). For one image x of
// shape [C, H, W] and filters w of shape [F, C, KH, KW], im2col copies every
// KH x KW patch the filters visit into a column of a [C·KH·KW, OH·OW]
// matrix, so the convolution becomes one product:
//
//	y[F, OH·OW] = w[F, C·KH·KW] · col(x)
//
// with OH = (H + 2·pad - KH)/stride + 1 (and OW alike). Its adjoint col2im
// scatters columns back into an image, adding where patches overlap; it
// gives the gradient with respect to x, and is also the forward pass of
// the transposed convolution that generators use to upsample.

// ConvOutSize is the output length of a convolution along one axis:
// (in + 2·pad - k)/stride + 1, or 0 when the kernel is longer than the
// padded input and fits nowhere (Go's division truncates toward zero, so
// the formula alone would give 1 for, say, in 4, k 5, stride 2).
func ConvOutSize(in, k, stride, pad int) int {
	if in+2*pad < k {
		return 0
	}
	return (in+2*pad-k)/stride + 1
}

// ConvTransposeOutSize is the output length of a transposed convolution:
// (in - 1)·stride - 2·pad + k, the input length of the convolution it reverses.
func ConvTransposeOutSize(in, k, stride, pad int) int { return (in-1)*stride - 2*pad + k }

// geom holds the sizes of one convolution.
type geom struct {
	c, h, w, kh, kw, stride, pad, oh, ow int
}

func (g geom) rows() int { return g.c * g.kh * g.kw }
func (g geom) cols() int { return g.oh * g.ow }

// validCols returns the range [lo, hi) of output columns oj whose input
// column j = oj·stride − pad + kj lies inside the image, 0 ≤ j < W: the
// columns before lo and from hi on read the zero padding.
func (g geom) validCols(kj int) (lo, hi int) {
	// j ≥ 0 ⇔ oj ≥ ⌈(pad − kj)/stride⌉; j ≤ W − 1 ⇔ oj ≤ ⌊(W − 1 + pad − kj)/stride⌋.
	lo = max(0, -floorDiv(kj-g.pad, g.stride))
	hi = min(g.ow, floorDiv(g.w-1+g.pad-kj, g.stride)+1)
	return lo, max(lo, hi)
}

// floorDiv is ⌊a/b⌋ for b > 0, rounding down for negative a too.
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// Im2Col writes the patches of one image x [C, H, W] (flat) into col,
// a [C·KH·KW, OH·OW] matrix (flat); zero padding reads as 0. Within a row
// of the output, the columns that read the image form one run
// (validCols), copied without a test per column.
func im2col(g geom, x, col []float64) {
	n := g.cols()
	for c := 0; c < g.c; c++ {
		for ki := 0; ki < g.kh; ki++ {
			for kj := 0; kj < g.kw; kj++ {
				row := col[((c*g.kh+ki)*g.kw+kj)*n:][:n]
				lo, hi := g.validCols(kj)
				for oi := 0; oi < g.oh; oi++ {
					i := oi*g.stride - g.pad + ki
					dst := row[oi*g.ow : (oi+1)*g.ow]
					if i < 0 || i >= g.h {
						clear(dst)
						continue
					}
					src := x[(c*g.h+i)*g.w:][:g.w]
					clear(dst[:lo])
					clear(dst[hi:])
					j := lo*g.stride - g.pad + kj
					if g.stride == 1 {
						copy(dst[lo:hi], src[j:])
						continue
					}
					for oj := lo; oj < hi; oj++ {
						dst[oj] = src[j]
						j += g.stride
					}
				}
			}
		}
	}
}

// col2im is the adjoint of im2col: it adds each column entry back into the
// image position it was copied from, in the same order as im2col reads
// them.
func col2im(g geom, col, x []float64) {
	n := g.cols()
	for c := 0; c < g.c; c++ {
		for ki := 0; ki < g.kh; ki++ {
			for kj := 0; kj < g.kw; kj++ {
				row := col[((c*g.kh+ki)*g.kw+kj)*n:][:n]
				lo, hi := g.validCols(kj)
				for oi := 0; oi < g.oh; oi++ {
					i := oi*g.stride - g.pad + ki
					if i < 0 || i >= g.h {
						continue
					}
					dst := x[(c*g.h+i)*g.w:][:g.w]
					j := lo*g.stride - g.pad + kj
					for _, v := range row[oi*g.ow+lo : oi*g.ow+hi] {
						dst[j] += v
						j += g.stride
					}
				}
			}
		}
	}
}

func checkConv(op string, x, w *Tensor, channelAxis int) {
	if len(x.Shape) != 4 || len(w.Shape) != 4 || x.Shape[1] != w.Shape[channelAxis] {
		panic(fmt.Sprintf("tensor: %s: input %v and weight %v (want [N, C, H, W] and matching channels)", op, x.Shape, w.Shape))
	}
}

// Conv2d convolves x [N, C, H, W] with filters w [F, C, KH, KW] (a
// cross-correlation, as in every deep-learning library) and returns
// y [N, F, OH, OW]. Each image is one im2col and one matrix product.
func Conv2d(x, w *Tensor, stride, pad int) *Tensor {
	checkConv("Conv2d", x, w, 1)
	nb, f := x.Shape[0], w.Shape[0]
	g := geom{c: x.Shape[1], h: x.Shape[2], w: x.Shape[3], kh: w.Shape[2], kw: w.Shape[3], stride: stride, pad: pad}
	g.oh, g.ow = ConvOutSize(g.h, g.kh, stride, pad), ConvOutSize(g.w, g.kw, stride, pad)
	if g.oh <= 0 || g.ow <= 0 {
		panic(fmt.Sprintf("tensor: Conv2d: kernel %v larger than padded input %v", w.Shape, x.Shape))
	}
	y := New(nb, f, g.oh, g.ow)
	forEachImage(nb, g, func(n int, col []float64) {
		im2col(g, x.Data[n*g.c*g.h*g.w:][:g.c*g.h*g.w], col)
		gemm(false, false, 1, w.Data, g.rows(), col, g.cols(), 0, y.Data[n*f*g.cols():][:f*g.cols()], f, g.cols(), g.rows())
	})
	return y
}

// Conv2dGradInput returns dL/dx [N, C, H, W] of Conv2d given dy [N, F, OH, OW]
// and the filters w [F, C, KH, KW]: per image, col = wᵀ·dy, then col2im.
// The same computation is the forward pass of a transposed convolution.
func Conv2dGradInput(dy, w *Tensor, h, wd, stride, pad int) *Tensor {
	checkConv("Conv2dGradInput", dy, w, 0)
	nb, f := dy.Shape[0], w.Shape[0]
	g := geom{c: w.Shape[1], h: h, w: wd, kh: w.Shape[2], kw: w.Shape[3], stride: stride, pad: pad, oh: dy.Shape[2], ow: dy.Shape[3]}
	if ConvOutSize(h, g.kh, stride, pad) != g.oh || ConvOutSize(wd, g.kw, stride, pad) != g.ow {
		panic(fmt.Sprintf("tensor: Conv2dGradInput: %v is not the output of a %dx%d input under weight %v, stride %d, pad %d", dy.Shape, h, wd, w.Shape, stride, pad))
	}
	dx := New(nb, g.c, h, wd)
	forEachImage(nb, g, func(n int, col []float64) {
		gemm(true, false, 1, w.Data, g.rows(), dy.Data[n*f*g.cols():][:f*g.cols()], g.cols(), 0, col, g.rows(), g.cols(), f)
		col2im(g, col, dx.Data[n*g.c*h*wd:][:g.c*h*wd])
	})
	return dx
}

// Conv2dGradWeight returns dL/dw [F, C, KH, KW] of Conv2d given the input
// x [N, C, H, W] and dy [N, F, OH, OW]: the sum over images of dy·col(x)ᵀ.
func Conv2dGradWeight(x, dy *Tensor, kh, kw, stride, pad int) *Tensor {
	if len(x.Shape) != 4 || len(dy.Shape) != 4 || x.Shape[0] != dy.Shape[0] {
		panic(fmt.Sprintf("tensor: Conv2dGradWeight: input %v and gradient %v", x.Shape, dy.Shape))
	}
	nb, f := x.Shape[0], dy.Shape[1]
	g := geom{c: x.Shape[1], h: x.Shape[2], w: x.Shape[3], kh: kh, kw: kw, stride: stride, pad: pad, oh: dy.Shape[2], ow: dy.Shape[3]}
	if ConvOutSize(g.h, kh, stride, pad) != g.oh || ConvOutSize(g.w, kw, stride, pad) != g.ow {
		panic(fmt.Sprintf("tensor: Conv2dGradWeight: gradient %v does not match input %v with a %dx%d kernel, stride %d, pad %d", dy.Shape, x.Shape, kh, kw, stride, pad))
	}
	dw := New(f, g.c, kh, kw)
	// The batch is cut into runs of consecutive images by a rule that
	// depends on the sizes alone: two halves when the work is large enough
	// to share (the test parallelFor applies), else one run. Each run's
	// images are summed in order into the run's own accumulator, whichever
	// goroutine does it, and the runs are then added in order. The rounding,
	// hence every bit of dw, is then the same at any GOMAXPROCS; and it is
	// the rounding two workers gave before the rule, on the two-core machine
	// the book's numbers were measured on, so those numbers (and the shipped
	// evaluation classifier) reproduce.
	if nb == 0 {
		return dw
	}
	blocks := 1
	if nb >= gradWeightBlocks && nb*g.rows()*g.cols() >= parallelGrain {
		blocks = gradWeightBlocks
	}
	per := (nb + blocks - 1) / blocks
	partial := make([][]float64, blocks)
	parallelFor(blocks, per*g.rows()*g.cols(), func(lo, hi int) {
		col := make([]float64, g.rows()*g.cols())
		for b := lo; b < hi; b++ {
			acc := dw.Data // the first run sums straight into dw
			if b > 0 {
				acc = make([]float64, len(dw.Data))
			}
			for n := b * per; n < min(nb, (b+1)*per); n++ {
				im2col(g, x.Data[n*g.c*g.h*g.w:][:g.c*g.h*g.w], col)
				gemm(false, true, 1, dy.Data[n*f*g.cols():][:f*g.cols()], g.cols(), col, g.cols(), 1, acc, f, g.rows(), g.cols())
			}
			partial[b] = acc
		}
	})
	for _, acc := range partial[1:] {
		for i, v := range acc {
			dw.Data[i] += v
		}
	}
	return dw
}

// ConvTranspose2d upsamples x [N, Cin, H, W] with filters w [Cin, Cout, KH, KW]
// to [N, Cout, OH, OW], OH = (H-1)·stride - 2·pad + KH. It is exactly the
// gradient of a convolution with respect to its input (Conv2dGradInput),
// which is why it is also called a fractionally strided convolution.
func ConvTranspose2d(x, w *Tensor, stride, pad int) *Tensor {
	checkConv("ConvTranspose2d", x, w, 0)
	oh := ConvTransposeOutSize(x.Shape[2], w.Shape[2], stride, pad)
	ow := ConvTransposeOutSize(x.Shape[3], w.Shape[3], stride, pad)
	return Conv2dGradInput(x, w, oh, ow, stride, pad)
}

// gradWeightBlocks is how many runs of images Conv2dGradWeight sums
// separately when the batch is large: two, so that two cores share the
// work, and so that the sums round as they did on the two-core machine
// the book was measured on.
const gradWeightBlocks = 2

// forEachImage runs fn for every image index in [0, nb), spreading images
// over goroutines; each worker owns one im2col buffer.
func forEachImage(nb int, g geom, fn func(n int, col []float64)) {
	parallelFor(nb, g.rows()*g.cols(), func(lo, hi int) {
		col := make([]float64, g.rows()*g.cols())
		for n := lo; n < hi; n++ {
			fn(n, col)
		}
	})
}
