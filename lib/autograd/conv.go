package autograd

import "github.com/luoxia/aigc/lib/tensor"

// Conv2d convolves x [N, C, H, W] with filters w [F, C, KH, KW] and returns
// [N, F, OH, OW]. Its backward uses the two adjoint computations of
// lib/tensor: the gradient for x is a transposed convolution of the
// upstream gradient, and the gradient for w correlates x with it.
func Conv2d(x, w *Value, stride, pad int) *Value {
	out := newOp("conv2d", tensor.Conv2d(x.Data, w.Data, stride, pad), x, w)
	out.setBackward(func() {
		kh, kw := w.Data.Shape[2], w.Data.Shape[3]
		if x.requiresGrad {
			x.accumulateOwned(tensor.Conv2dGradInput(out.Grad, w.Data, x.Data.Shape[2], x.Data.Shape[3], stride, pad))
		}
		if w.requiresGrad {
			w.accumulateOwned(tensor.Conv2dGradWeight(x.Data, out.Grad, kh, kw, stride, pad))
		}
	})
	return out
}

// ConvTranspose2d upsamples x [N, Cin, H, W] with filters w [Cin, Cout, KH, KW]
// to [N, Cout, (H-1)·stride-2·pad+KH, ...]. Being the input-gradient of a
// convolution, its own input-gradient is that convolution, and its weight
// gradient swaps the roles of input and upstream gradient.
func ConvTranspose2d(x, w *Value, stride, pad int) *Value {
	out := newOp("convtranspose2d", tensor.ConvTranspose2d(x.Data, w.Data, stride, pad), x, w)
	out.setBackward(func() {
		kh, kw := w.Data.Shape[2], w.Data.Shape[3]
		if x.requiresGrad {
			x.accumulateOwned(tensor.Conv2d(out.Grad, w.Data, stride, pad))
		}
		if w.requiresGrad {
			w.accumulateOwned(tensor.Conv2dGradWeight(out.Grad, x.Data, kh, kw, stride, pad))
		}
	})
	return out
}
