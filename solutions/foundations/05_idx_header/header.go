// Package idxheader is an exercise: reading the header of an IDX file,
// the format MNIST ships in.
//
// An IDX file starts with a 4-byte magic number: two zero bytes, a type
// byte (0x08 for unsigned bytes) and the number of dimensions d. Then come
// d sizes, each a big-endian uint32, and then the data.
package idxheader

import (
	"encoding/binary"
	"fmt"
)

// ParseHeader returns the type byte, the sizes of the dimensions and the
// offset at which the data starts. It returns an error for a header that
// is too short or whose first two bytes are not zero.
func ParseHeader(b []byte) (typ byte, dims []int, offset int, err error) {
	if len(b) < 4 {
		return 0, nil, 0, fmt.Errorf("idx: %d bytes, a header needs at least 4", len(b))
	}
	if b[0] != 0 || b[1] != 0 {
		return 0, nil, 0, fmt.Errorf("idx: magic %#x %#x, want two zero bytes", b[0], b[1])
	}
	d := int(b[3])
	offset = 4 + 4*d
	if len(b) < offset {
		return 0, nil, 0, fmt.Errorf("idx: %d dimensions need %d header bytes, have %d", d, offset, len(b))
	}
	for i := 0; i < d; i++ {
		dims = append(dims, int(binary.BigEndian.Uint32(b[4+4*i:])))
	}
	return b[2], dims, offset, nil
}
