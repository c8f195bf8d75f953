// Package convsize is an exercise: the output sizes of convolutions.
//
// See the chapter section "Tensors" in chapters/foundations/README.md.
package convsize

// OutSize is the output length of a convolution along one axis, for an
// input of length in, a kernel of length k, the given stride and zero
// padding pad on both sides. It is 0 when the kernel fits nowhere.
func OutSize(in, k, stride, pad int) int {
	// TODO: count the positions where the kernel fits in the padded input.
	return 0
}

// TransposeOutSize is the output length of a transposed convolution: the
// input length of the convolution (same k, stride, pad) whose output has
// length in.
func TransposeOutSize(in, k, stride, pad int) int {
	// TODO
	return 0
}
