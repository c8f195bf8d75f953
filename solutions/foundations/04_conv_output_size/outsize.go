// Package convsize is an exercise: the output sizes of convolutions.
package convsize

// OutSize is the output length of a convolution along one axis, for an
// input of length in, a kernel of length k, the given stride and zero
// padding pad on both sides. It is 0 when the kernel fits nowhere.
func OutSize(in, k, stride, pad int) int {
	// The padded input has in + 2·pad positions; the kernel's first
	// position can start at 0, stride, 2·stride, ... up to in + 2·pad - k.
	if in+2*pad < k {
		return 0
	}
	return (in+2*pad-k)/stride + 1
}

// TransposeOutSize is the output length of a transposed convolution: the
// input length of the convolution (same k, stride, pad) whose output has
// length in.
func TransposeOutSize(in, k, stride, pad int) int {
	return (in-1)*stride - 2*pad + k
}
