//go:build graded

package idxheader

import (
	"fmt"
	"testing"
)

func TestMNISTImagesHeader(t *testing.T) {
	// The first 16 bytes of train-images-idx3-ubyte: 60000 images of 28 x 28.
	b := []byte{0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, 0xff}
	typ, dims, off, err := ParseHeader(b)
	if err != nil || typ != 8 || fmt.Sprint(dims) != "[60000 28 28]" || off != 16 {
		t.Fatalf("ParseHeader = type %#x, dims %v, offset %d, err %v; want 0x8, [60000 28 28], 16, nil", typ, dims, off, err)
	}
}

func TestBadHeadersAreErrors(t *testing.T) {
	for name, b := range map[string][]byte{
		"too short":          {0, 0, 8},
		"bad magic":          {1, 0, 8, 1, 0, 0, 0, 5},
		"dimensions cut off": {0, 0, 8, 2, 0, 0, 0, 5},
	} {
		if _, _, _, err := ParseHeader(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
