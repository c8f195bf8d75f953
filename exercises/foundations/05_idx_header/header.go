// Package idxheader is an exercise: reading the header of an IDX file,
// the format MNIST ships in.
//
// An IDX file starts with a 4-byte magic number: two zero bytes, a type
// byte (0x08 for unsigned bytes) and the number of dimensions d. Then come
// d sizes, each a big-endian uint32, and then the data.
package idxheader

// ParseHeader returns the type byte, the sizes of the dimensions and the
// offset at which the data starts. It returns an error for a header that
// is too short or whose first two bytes are not zero.
func ParseHeader(b []byte) (typ byte, dims []int, offset int, err error) {
	// TODO
	return 0, nil, 0, nil
}
