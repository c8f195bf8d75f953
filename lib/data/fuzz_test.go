package data

import (
	"bytes"
	"runtime"
	"testing"
	"unicode/utf8"
)

// FuzzReadIDX feeds ReadIDX arbitrary bytes. It must never panic; what it
// accepts must be self-consistent; and it must never allocate far more than
// the input could decompress to, whatever the header promises.
func FuzzReadIDX(f *testing.F) {
	valid := encodeIDX(IDXUint8, []int{2, 3}, tinyPixels)
	seeds := [][]byte{
		valid,
		gzipBytes(valid),
		encodeIDX(IDXUint8, []int{3}, []byte{5, 0, 9}),                                       // a label file
		encodeIDX(IDXInt16, []int{1, 2}, []byte{0xff, 0xfe, 1, 44}),                          // int16
		encodeIDX(IDXFloat64, []int{1}, []byte{0x40, 9, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18}), // pi
		encodeIDX(IDXUint8, []int{0, 28, 28}, nil),                                           // empty
		{},
		{0x1f, 0x8b},                          // a gzip magic and nothing else
		{0, 0, 8},                             // short magic
		{0, 0, 8, 3, 0, 0},                    // short dims
		{1, 2, 8, 1, 0, 0, 0, 1, 7},           // bad magic
		{0, 0, 0x42, 1, 0, 0, 0, 1, 7},        // unknown type
		{0, 0, 8, 0},                          // no dims
		valid[:len(valid)-1],                  // truncated data
		append(append([]byte{}, valid...), 1), // trailing data
		encodeIDX(IDXUint8, []int{MaxIDXBytes}, []byte{1, 2, 3}),                 // huge claim
		gzipBytes(encodeIDX(IDXUint8, []int{MaxIDXBytes}, make([]byte, 100000))), // huge claim, compressed body
		encodeIDX(IDXFloat64, []int{1 << 31, 1 << 31, 1 << 31, 1 << 31}, nil),    // overflow
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		x, err := ReadIDX(bytes.NewReader(in))
		runtime.ReadMemStats(&after)
		// gzip expands at most about 1032 times; the reader may hold twice
		// what it read, plus fixed buffers.
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(4<<20+3*1100*len(in)); got > limit {
			t.Fatalf("allocated %d bytes for a %d-byte input (limit %d)", got, len(in), limit)
		}
		if err != nil {
			if x != nil {
				t.Fatalf("result %+v returned with error %v", x, err)
			}
			return
		}
		size, _, ok := idxType(x.Type)
		if !ok {
			t.Fatalf("accepted unknown type 0x%02x", x.Type)
		}
		if len(x.Dims) == 0 || len(x.Data) != x.Len()*size || len(x.Data) > MaxIDXBytes {
			t.Fatalf("inconsistent result: type 0x%02x dims %v with %d bytes", x.Type, x.Dims, len(x.Data))
		}
		if got := len(x.Float64s()); got != x.Len() {
			t.Fatalf("Float64s gave %d values for dims %v", got, x.Dims)
		}
	})
}

// FuzzCharVocab builds a vocabulary from arbitrary text. Invalid UTF-8 must
// be refused; valid text must decode back to itself, with ids in range and
// characters in increasing order.
func FuzzCharVocab(f *testing.F) {
	for _, s := range []string{"", "hello, 世界", "a\xffb", "\x00\n\t", "ÿ\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := NewCharVocab(s)
		if !utf8.ValidString(s) {
			if err == nil {
				t.Fatalf("invalid UTF-8 %q accepted", s)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		ids, err := v.Encode(s)
		if err != nil {
			t.Fatal(err)
		}
		back, err := v.Decode(ids)
		if err != nil || back != s {
			t.Fatalf("round trip of %q gave %q, %v", s, back, err)
		}
		chars := []rune(v.Chars())
		for i := 1; i < len(chars); i++ {
			if chars[i-1] >= chars[i] {
				t.Fatalf("characters %q are not in increasing order", v.Chars())
			}
		}
	})
}
